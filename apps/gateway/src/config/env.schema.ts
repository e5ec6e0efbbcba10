import { validateCronExpression } from 'cron';
import { IDENTITY_ATTRIBUTES, SYNC_SCOPES } from '@app/kernel';
import { IsIn, IsOptional, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

// The public configuration contract (DESIGN.md), as the raw strings the environment holds. Every message reads
// "<VARIABLE> must be <what is expected>, got "<value>"" so one line tells the operator what to fix.

function expecting(expected: string): ValidationOptions {
  return {
    message: (args: ValidationArguments) => `${args.property} must be ${expected}, got ${JSON.stringify(args.value)}`,
  };
}

function IsIntegerString(min: number, max: number): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIntegerString',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max,
      },
    },
    expecting(`an integer ${min}-${max}`),
  );
}

function IsUrlWithProtocol(protocols: readonly string[], expected: string): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUrlWithProtocol',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !URL.canParse(value)) return false;
          const url = new URL(value);
          return protocols.includes(url.protocol) && url.hostname.length > 0;
        },
      },
    },
    expecting(expected),
  );
}

function IsPostgresDatabaseUrl(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPostgresDatabaseUrl',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !URL.canParse(value)) return false;
          const url = new URL(value);
          return (
            ['postgres:', 'postgresql:'].includes(url.protocol) &&
            (url.hostname.length > 0 || url.searchParams.has('host'))
          );
        },
      },
    },
    expecting(
      'a PostgreSQL URL like postgres://user:password@host:5432/database (unset it to use the embedded database)',
    ),
  );
}

function IsNotBlank(expected: string): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 },
    },
    expecting(expected),
  );
}

function IsIdList(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdList',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.split(',').every((id) => /^[A-Za-z0-9_.@-]+$/.test(id.trim())),
      },
    },
    expecting('a comma-separated list of user ids like "ou_1,ou_2"'),
  );
}

function IsCronExpression(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCronExpression',
      validator: { validate: (value: unknown) => typeof value === 'string' && validateCronExpression(value).valid },
    },
    expecting(
      'a cron expression (5 fields, or 6 with seconds first) like "0 */15 * * * *", or empty for no scheduled runs',
    ),
  );
}

function IsScopeList(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScopeList',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const scopes = value.split(',').map((scope) => scope.trim());
          return scopes.length > 0 && scopes.every((scope) => (SYNC_SCOPES as readonly string[]).includes(scope));
        },
      },
    },
    expecting(`a comma-separated list of scopes from ${SYNC_SCOPES.join(', ')}, like "rules,punches"`),
  );
}

/** `IDENTITY_MATCH`: the attributes the match job pairs people by, in the operator's order, each once. */
function IsIdentityAttributeList(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIdentityAttributeList',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const attributes = value.split(',').map((attribute) => attribute.trim());
          return (
            attributes.every((attribute) => (IDENTITY_ATTRIBUTES as readonly string[]).includes(attribute)) &&
            new Set(attributes).size === attributes.length
          );
        },
      },
    },
    expecting(
      `a comma-separated list of distinct attributes from ${IDENTITY_ATTRIBUTES.join(', ')}, like "email,mobile"`,
    ),
  );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export const FEISHU_EMPLOYEE_TYPES = ['employee_id', 'employee_no'] as const;
export const USER_ID_MAPPINGS = ['table', 'same'] as const;

export class EnvironmentVariables {
  // 0 lets the operating system choose a free port; the gateway logs the port it bound (and tells a parent
  // process over IPC when it has one), so a launcher never has to guess a free port and race for it.
  @IsOptional()
  @IsIntegerString(0, 65535)
  PORT?: string;

  @IsOptional()
  @IsPostgresDatabaseUrl()
  DATABASE_URL?: string;

  @IsOptional()
  @IsNotBlank('a directory path')
  DATA_DIR?: string;

  @IsOptional()
  @IsIn(['true', 'false'], expecting('"true" or "false"'))
  MIGRATIONS_RUN?: string;

  // Required to serve (checked in loadAppConfig), not to migrate.
  @IsOptional()
  @IsNotBlank('a non-empty bearer token')
  GATEWAY_API_TOKEN?: string;

  @IsOptional()
  @IsNotBlank('the Feishu app id (cli_…)')
  FEISHU_APP_ID?: string;

  @IsOptional()
  @IsNotBlank('the Feishu app secret')
  FEISHU_APP_SECRET?: string;

  @IsOptional()
  @IsUrlWithProtocol(['https:', 'http:'], 'an http(s) URL like https://open.feishu.cn')
  FEISHU_BASE_URL?: string;

  @IsOptional()
  @IsIn(FEISHU_EMPLOYEE_TYPES, expecting('"employee_id" or "employee_no"'))
  FEISHU_EMPLOYEE_TYPE?: string;

  @IsOptional()
  @IsIdList()
  FEISHU_DEFAULT_GROUP_LEADER_IDS?: string;

  // Feishu event subscription (POST /webhooks/feishu): the app's Verification Token and, optionally, Encrypt Key.
  @IsOptional()
  @IsNotBlank('the Verification Token of the Feishu event subscription')
  FEISHU_VERIFICATION_TOKEN?: string;

  @IsOptional()
  @IsNotBlank('the Encrypt Key of the Feishu event subscription')
  FEISHU_ENCRYPT_KEY?: string;

  @IsOptional()
  @IsNotBlank('the WeCom corp id (ww…)')
  WECOM_CORP_ID?: string;

  @IsOptional()
  @IsNotBlank('the secret of the WeCom app that owns the checkin rules')
  WECOM_CORP_SECRET?: string;

  @IsOptional()
  @IsUrlWithProtocol(['https:', 'http:'], 'an http(s) URL like https://qyapi.weixin.qq.com')
  WECOM_BASE_URL?: string;

  @IsOptional()
  @IsIn(USER_ID_MAPPINGS, expecting('"table" (only users mapped in the store) or "same" (identical ids on both sides)'))
  USER_ID_MAPPING?: string;

  @IsOptional()
  @IsIdentityAttributeList()
  IDENTITY_MATCH?: string;

  @IsOptional()
  @IsIn(['true', 'false'], expecting('"true" or "false"'))
  IDENTITY_AUTO_ACCEPT?: string;

  @IsOptional()
  @IsIntegerString(1, 16)
  IDENTITY_LOOKUP_CONCURRENCY?: string;

  @IsOptional()
  @IsNotBlank('the name of the WeCom extended attribute (extattr) holding the employee number, like 工号')
  WECOM_EMPLOYEE_NO_ATTRIBUTE?: string;

  @IsOptional()
  @IsCronExpression()
  SYNC_CRON?: string;

  @IsOptional()
  @IsScopeList()
  SYNC_CRON_SCOPES?: string;

  @IsOptional()
  @IsIn(['true', 'false'], expecting('"true" or "false"'))
  SYNC_AUTO_LINK?: string;

  @IsOptional()
  @IsIn(['true', 'false'], expecting('"true" or "false"'))
  SYNC_PROPAGATE_DELETES?: string;

  @IsOptional()
  @IsIn(['true', 'false'], expecting('"true" or "false"'))
  SYNC_EFFECTIVE_NOW?: string;

  @IsOptional()
  @IsIn(['gcj02', 'wgs84'], expecting('"gcj02" or "wgs84"'))
  FEISHU_GOOGLE_MAP_DATUM?: string;

  @IsOptional()
  @IsUrlWithProtocol(['https:', 'http:'], 'an http(s) URL (a Feishu or WeCom group-bot webhook, or your own endpoint)')
  ALERT_WEBHOOK_URL?: string;

  @IsOptional()
  @IsIntegerString(5, 3600)
  SYNC_RUN_TAKEOVER_SECONDS?: string;

  @IsOptional()
  @IsIntegerString(0, 10)
  SYNC_RUN_RETRIES?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, expecting(LOG_LEVELS.map((level) => `"${level}"`).join(', ')))
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIn(['true', 'false'], expecting('"true" or "false"'))
  HEALTH_CHECK_VENDORS?: string;
}

/** The variable names, for checks that a deployment file sets nothing the gateway does not read. */
export const ENVIRONMENT_VARIABLE_NAMES: readonly string[] = Object.freeze([
  'PORT',
  'DATABASE_URL',
  'DATA_DIR',
  'MIGRATIONS_RUN',
  'GATEWAY_API_TOKEN',
  'FEISHU_APP_ID',
  'FEISHU_APP_SECRET',
  'FEISHU_BASE_URL',
  'FEISHU_EMPLOYEE_TYPE',
  'FEISHU_DEFAULT_GROUP_LEADER_IDS',
  'FEISHU_VERIFICATION_TOKEN',
  'FEISHU_ENCRYPT_KEY',
  'WECOM_CORP_ID',
  'WECOM_CORP_SECRET',
  'WECOM_BASE_URL',
  'USER_ID_MAPPING',
  'IDENTITY_MATCH',
  'IDENTITY_AUTO_ACCEPT',
  'IDENTITY_LOOKUP_CONCURRENCY',
  'WECOM_EMPLOYEE_NO_ATTRIBUTE',
  'SYNC_CRON',
  'SYNC_CRON_SCOPES',
  'SYNC_AUTO_LINK',
  'SYNC_PROPAGATE_DELETES',
  'SYNC_EFFECTIVE_NOW',
  'FEISHU_GOOGLE_MAP_DATUM',
  'ALERT_WEBHOOK_URL',
  'SYNC_RUN_TAKEOVER_SECONDS',
  'SYNC_RUN_RETRIES',
  'LOG_LEVEL',
  'HEALTH_CHECK_VENDORS',
]);
