import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { DatabaseTarget } from '@app/mapping-store';
import { IDENTITY_ATTRIBUTES, type IdentityAttribute, SYNC_SCOPES, type SyncScope } from '@app/kernel';
import {
  ENVIRONMENT_VARIABLE_NAMES,
  EnvironmentVariables,
  type FEISHU_EMPLOYEE_TYPES,
  type LOG_LEVELS,
  type USER_ID_MAPPINGS,
} from './env.schema.js';

export type LogLevel = (typeof LOG_LEVELS)[number];
export type FeishuEmployeeType = (typeof FEISHU_EMPLOYEE_TYPES)[number];
export type UserIdMapping = (typeof USER_ID_MAPPINGS)[number];

export interface FeishuConfig {
  readonly appId: string | null;
  readonly appSecret: string | null;
  readonly baseUrl: string;
  readonly employeeType: FeishuEmployeeType;
  /** Attendance departments are always addressed by open_id (REFERENCE.md A1). */
  readonly deptType: 'open_id';
  readonly defaultGroupLeaderIds: readonly string[];
  /**
   * The datum of coordinates in places Feishu keeps on its Google map (map_type 2): 'gcj02' (Google's map of
   * mainland China is GCJ-02, so they are used as they are) or 'wgs84' (converted to GCJ-02). Default 'gcj02';
   * see feishu-to-canonical.mapper.ts for the reading (FEISHU_GOOGLE_MAP_DATUM).
   */
  readonly googleMapDatum: 'gcj02' | 'wgs84';
  /**
   * Event subscription (POST /webhooks/feishu); absent while FEISHU_VERIFICATION_TOKEN is unset (the webhook
   * then answers 503 naming it). `encryptKey` null: events arrive in plain JSON and are not signed.
   */
  readonly events?: FeishuEventsConfig;
}

export interface FeishuEventsConfig {
  readonly verificationToken: string;
  readonly encryptKey: string | null;
}

export interface WecomConfig {
  readonly corpId: string | null;
  readonly corpSecret: string | null;
  readonly baseUrl: string;
  /** The extended attribute (extattr) that holds a member's employee number: WeCom has no field for it. */
  readonly employeeNoAttribute: string;
}

/** Identity matching (POST /api/v1/mappings/match): the defaults a request may override. */
export interface IdentityConfig {
  /** The attributes tried for each person, in this order; the first that names someone decides (IDENTITY_MATCH). */
  readonly matchOrder: readonly IdentityAttribute[];
  /** Unique proposals become mappings at once; otherwise they wait for review (IDENTITY_AUTO_ACCEPT). */
  readonly autoAccept: boolean;
  /**
   * WeCom lookups of one match run in flight at once (IDENTITY_LOOKUP_CONCURRENCY, 1–16, default 4): enough to
   * keep WeCom's published pace (one call about every 24 ms) busy over a round trip of about 100 ms, while the
   * client's rate limiter keeps every call within that pace.
   */
  readonly lookupConcurrency: number;
}

/**
 * The whole configuration, validated once at start-up and frozen. The DI token for it is the class itself;
 * nothing else in the gateway reads process.env.
 */
export abstract class AppConfig {
  abstract readonly http: { readonly port: number; readonly apiToken: string };
  abstract readonly database: DatabaseTarget & { readonly runMigrations: boolean };
  abstract readonly feishu: FeishuConfig;
  abstract readonly wecom: WecomConfig;
  abstract readonly sync: {
    readonly userIdMapping: UserIdMapping;
    /** Scheduled reconciliation; null = none. */
    readonly cron: string | null;
    /** What each tick reconciles, one run per scope (SYNC_CRON_SCOPES; default all three). */
    readonly cronScopes: readonly SyncScope[];
    /** Scheduled runs sync newly discovered source groups (true) or list them as unlinked (false). */
    readonly autoLink: boolean;
    /** A group deleted on its source side is deleted on the other side too (else only reported). */
    readonly propagateDeletes: boolean;
    /**
     * Rule writes take effect at once (Feishu effect_now, WeCom effective_now) instead of from the next day;
     * the default of POST /api/v1/sync's effectiveNow and of scheduled runs (SYNC_EFFECTIVE_NOW).
     */
    readonly effectiveNow: boolean;
    /** POSTed a JSON summary on a failed run, a blocking loss or a new conflict. */
    readonly alertWebhookUrl: string | null;
    /**
     * A running run whose process sent no heartbeat for this long is taken over by another process (the run
     * queue's heartbeat; below its 10 s minimum, 10 s).
     */
    readonly runTakeoverMs: number;
    /**
     * More attempts a run gets, after backoff, when it failed as a whole on a vendor that was unreachable or
     * throttling, or lost its process (SYNC_RUN_RETRIES).
     */
    readonly runRetries: number;
  };
  abstract readonly identity: IdentityConfig;
  abstract readonly log: { readonly level: LogLevel };
  /** GET /health also checks that each configured vendor answers (HEALTH_CHECK_VENDORS). */
  abstract readonly health: { readonly checkVendors: boolean };
}

/** The environment is not usable; `message` is one line naming each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

/** A feature needs vendor credentials that are not configured. */
export class MissingCredentialsError extends Error {
  constructor(
    readonly variables: readonly string[],
    feature: string,
  ) {
    super(`${variables.join(' and ')} must be set to ${feature}`);
    this.name = 'MissingCredentialsError';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Empty variables count as unset, as docker-compose's `VAR=` and `VAR: ""` mean "no value". */
function knownVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const known: Record<string, string> = {};
  for (const name of ENVIRONMENT_VARIABLE_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== '') known[name] = value;
  }
  return known;
}

function pairProblems(env: Record<string, string>, first: string, second: string): string[] {
  if (env[first] && !env[second]) return [`${second} must be set when ${first} is set (credentials come in pairs)`];
  if (env[second] && !env[first]) return [`${first} must be set when ${second} is set (credentials come in pairs)`];
  return [];
}

/**
 * `serve` runs the gateway and needs the API token; `migrate` only touches the database.
 */
export type ConfigPurpose = 'serve' | 'migrate';

/** Validates the environment into the frozen AppConfig, or throws ConfigError naming every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv, purpose: ConfigPurpose = 'serve'): AppConfig {
  const raw = knownVariables(env);
  const parsed = plainToInstance(EnvironmentVariables, raw);
  const problems = validateSync(parsed, { forbidUnknownValues: false, stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (purpose === 'serve' && raw['GATEWAY_API_TOKEN'] === undefined) {
    problems.unshift('GATEWAY_API_TOKEN must be set: it is the bearer token every /api call must send');
  }
  problems.push(...pairProblems(raw, 'FEISHU_APP_ID', 'FEISHU_APP_SECRET'));
  problems.push(...pairProblems(raw, 'WECOM_CORP_ID', 'WECOM_CORP_SECRET'));
  if (raw['FEISHU_ENCRYPT_KEY'] && !raw['FEISHU_VERIFICATION_TOKEN']) {
    problems.push('FEISHU_VERIFICATION_TOKEN must be set when FEISHU_ENCRYPT_KEY is set (Feishu events need both)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const database: AppConfig['database'] = parsed.DATABASE_URL
    ? { kind: 'postgres', url: parsed.DATABASE_URL, runMigrations: parsed.MIGRATIONS_RUN !== 'false' }
    : { kind: 'embedded', dataDir: parsed.DATA_DIR ?? './.data', runMigrations: parsed.MIGRATIONS_RUN !== 'false' };

  const config: AppConfig = {
    http: { port: Number(parsed.PORT ?? 3000), apiToken: parsed.GATEWAY_API_TOKEN ?? '' },
    database,
    feishu: {
      appId: parsed.FEISHU_APP_ID ?? null,
      appSecret: parsed.FEISHU_APP_SECRET ?? null,
      baseUrl: (parsed.FEISHU_BASE_URL ?? 'https://open.feishu.cn').replace(/\/+$/, ''),
      employeeType: (parsed.FEISHU_EMPLOYEE_TYPE ?? 'employee_id') as FeishuEmployeeType,
      deptType: 'open_id',
      defaultGroupLeaderIds: (parsed.FEISHU_DEFAULT_GROUP_LEADER_IDS ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
      googleMapDatum: parsed.FEISHU_GOOGLE_MAP_DATUM === 'wgs84' ? 'wgs84' : 'gcj02',
      ...(parsed.FEISHU_VERIFICATION_TOKEN
        ? {
            events: {
              verificationToken: parsed.FEISHU_VERIFICATION_TOKEN,
              encryptKey: parsed.FEISHU_ENCRYPT_KEY ?? null,
            },
          }
        : {}),
    },
    wecom: {
      corpId: parsed.WECOM_CORP_ID ?? null,
      corpSecret: parsed.WECOM_CORP_SECRET ?? null,
      baseUrl: (parsed.WECOM_BASE_URL ?? 'https://qyapi.weixin.qq.com').replace(/\/+$/, ''),
      employeeNoAttribute: parsed.WECOM_EMPLOYEE_NO_ATTRIBUTE ?? '工号',
    },
    sync: {
      userIdMapping: (parsed.USER_ID_MAPPING ?? 'table') as UserIdMapping,
      cron: parsed.SYNC_CRON ?? null,
      cronScopes: parsed.SYNC_CRON_SCOPES
        ? ([...new Set(parsed.SYNC_CRON_SCOPES.split(',').map((scope) => scope.trim()))] as SyncScope[])
        : [...SYNC_SCOPES],
      autoLink: parsed.SYNC_AUTO_LINK === 'true',
      propagateDeletes: parsed.SYNC_PROPAGATE_DELETES === 'true',
      effectiveNow: parsed.SYNC_EFFECTIVE_NOW === 'true',
      alertWebhookUrl: parsed.ALERT_WEBHOOK_URL ?? null,
      runTakeoverMs: Number(parsed.SYNC_RUN_TAKEOVER_SECONDS ?? 60) * 1000,
      runRetries: Number(parsed.SYNC_RUN_RETRIES ?? 3),
    },
    identity: {
      matchOrder: parsed.IDENTITY_MATCH
        ? (parsed.IDENTITY_MATCH.split(',').map((attribute) => attribute.trim()) as IdentityAttribute[])
        : [...IDENTITY_ATTRIBUTES],
      autoAccept: parsed.IDENTITY_AUTO_ACCEPT === 'true',
      lookupConcurrency: Number(parsed.IDENTITY_LOOKUP_CONCURRENCY ?? 4),
    },
    log: { level: (parsed.LOG_LEVEL ?? 'info') as LogLevel },
    health: { checkVendors: parsed.HEALTH_CHECK_VENDORS === 'true' },
  };
  return deepFreeze(config);
}

/** The Feishu credentials, or a MissingCredentialsError naming the variables to set. */
export function requireFeishuCredentials(config: AppConfig): { appId: string; appSecret: string } {
  const { appId, appSecret } = config.feishu;
  if (!appId || !appSecret) throw new MissingCredentialsError(['FEISHU_APP_ID', 'FEISHU_APP_SECRET'], 'call Feishu');
  return { appId, appSecret };
}

/** The Feishu event subscription settings, or a MissingCredentialsError (503) naming the variable to set. */
export function requireFeishuEvents(config: AppConfig): FeishuEventsConfig {
  const events = config.feishu.events;
  if (!events) throw new MissingCredentialsError(['FEISHU_VERIFICATION_TOKEN'], 'receive Feishu events');
  return events;
}

/** The WeCom credentials, or a MissingCredentialsError naming the variables to set. */
export function requireWecomCredentials(config: AppConfig): { corpId: string; corpSecret: string } {
  const { corpId, corpSecret } = config.wecom;
  if (!corpId || !corpSecret) throw new MissingCredentialsError(['WECOM_CORP_ID', 'WECOM_CORP_SECRET'], 'call WeCom');
  return { corpId, corpSecret };
}
