import {
  ConfigError,
  loadAppConfig,
  MissingCredentialsError,
  requireFeishuCredentials,
  requireWecomCredentials,
} from './app-config.js';

const minimal = { GATEWAY_API_TOKEN: 'token-of-test' };

function problemsOf(env: Record<string, string>): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAppConfig', () => {
  it('applies the documented defaults with only the API token set', () => {
    const config = loadAppConfig(minimal);
    expect(config).toEqual({
      http: { port: 3000, apiToken: 'token-of-test' },
      database: { kind: 'embedded', dataDir: './.data', runMigrations: true },
      feishu: {
        appId: null,
        appSecret: null,
        baseUrl: 'https://open.feishu.cn',
        employeeType: 'employee_id',
        deptType: 'open_id',
        defaultGroupLeaderIds: [],
        googleMapDatum: 'gcj02',
      },
      wecom: { corpId: null, corpSecret: null, baseUrl: 'https://qyapi.weixin.qq.com', employeeNoAttribute: '工号' },
      sync: {
        userIdMapping: 'table',
        cron: null,
        cronScopes: ['rules', 'rosters', 'punches'],
        autoLink: false,
        propagateDeletes: false,
        effectiveNow: false,
        alertWebhookUrl: null,
        runTakeoverMs: 60_000,
        runRetries: 3,
      },
      identity: { matchOrder: ['email', 'mobile', 'employee_no'], autoAccept: false, lookupConcurrency: 4 },
      log: { level: 'info' },
      health: { checkVendors: false },
    });
  });

  it('reads every variable of the contract', () => {
    const config = loadAppConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://gw:pw@db:5432/gateway',
      MIGRATIONS_RUN: 'false',
      GATEWAY_API_TOKEN: 'secret-token',
      FEISHU_APP_ID: 'cli_a1',
      FEISHU_APP_SECRET: 'fs-secret',
      FEISHU_BASE_URL: 'https://open.larksuite.com/',
      FEISHU_EMPLOYEE_TYPE: 'employee_no',
      FEISHU_DEFAULT_GROUP_LEADER_IDS: 'ou_1, ou_2',
      WECOM_CORP_ID: 'ww1',
      WECOM_CORP_SECRET: 'wc-secret',
      WECOM_BASE_URL: 'http://127.0.0.1:9002',
      USER_ID_MAPPING: 'same',
      IDENTITY_MATCH: 'mobile, email',
      IDENTITY_AUTO_ACCEPT: 'true',
      IDENTITY_LOOKUP_CONCURRENCY: '8',
      WECOM_EMPLOYEE_NO_ATTRIBUTE: 'Staff No',
      SYNC_CRON: '0 */15 * * * *',
      SYNC_CRON_SCOPES: 'punches, rules',
      SYNC_AUTO_LINK: 'true',
      SYNC_PROPAGATE_DELETES: 'true',
      SYNC_EFFECTIVE_NOW: 'true',
      FEISHU_GOOGLE_MAP_DATUM: 'wgs84',
      ALERT_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc',
      SYNC_RUN_TAKEOVER_SECONDS: '15',
      SYNC_RUN_RETRIES: '1',
      LOG_LEVEL: 'debug',
    });
    expect(config.http.port).toBe(8080);
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://gw:pw@db:5432/gateway',
      runMigrations: false,
    });
    expect(config.feishu).toMatchObject({ baseUrl: 'https://open.larksuite.com', employeeType: 'employee_no' });
    expect(config.feishu.defaultGroupLeaderIds).toEqual(['ou_1', 'ou_2']);
    expect(config.feishu.googleMapDatum).toBe('wgs84');
    expect(config.wecom.baseUrl).toBe('http://127.0.0.1:9002');
    expect(config.wecom.employeeNoAttribute).toBe('Staff No');
    expect(config.identity).toEqual({ matchOrder: ['mobile', 'email'], autoAccept: true, lookupConcurrency: 8 });
    expect(config.sync).toEqual({
      userIdMapping: 'same',
      cron: '0 */15 * * * *',
      cronScopes: ['punches', 'rules'],
      autoLink: true,
      propagateDeletes: true,
      effectiveNow: true,
      alertWebhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc',
      runTakeoverMs: 15_000,
      runRetries: 1,
    });
    expect(requireFeishuCredentials(config)).toEqual({ appId: 'cli_a1', appSecret: 'fs-secret' });
    expect(requireWecomCredentials(config)).toEqual({ corpId: 'ww1', corpSecret: 'wc-secret' });
  });

  it('accepts PORT=0 (any free port, the one bound is reported) and the highest port', () => {
    expect(loadAppConfig({ ...minimal, PORT: '0' }).http.port).toBe(0);
    expect(loadAppConfig({ ...minimal, PORT: '65535' }).http.port).toBe(65535);
  });

  it('treats empty variables as unset', () => {
    const config = loadAppConfig({ ...minimal, PORT: '', DATABASE_URL: '', SYNC_CRON: '' });
    expect(config.http.port).toBe(3000);
    expect(config.database.kind).toBe('embedded');
    expect(config.sync.cron).toBeNull();
  });

  it('is frozen all the way down', () => {
    const config = loadAppConfig({ ...minimal, FEISHU_DEFAULT_GROUP_LEADER_IDS: 'a' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.feishu)).toBe(true);
    expect(Object.isFrozen(config.feishu.defaultGroupLeaderIds)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer 0-65535, got "abc"'],
    [{ PORT: '-1' }, 'PORT must be an integer 0-65535, got "-1"'],
    [{ PORT: '65536' }, 'PORT must be an integer 0-65535, got "65536"'],
    [{ PORT: '80.5' }, 'PORT must be an integer 0-65535, got "80.5"'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL must be a PostgreSQL URL'],
    [
      { IDENTITY_MATCH: 'email,name' },
      'IDENTITY_MATCH must be a comma-separated list of distinct attributes from email, mobile, employee_no',
    ],
    [
      { IDENTITY_MATCH: 'email,email' },
      'IDENTITY_MATCH must be a comma-separated list of distinct attributes from email, mobile, employee_no',
    ],
    [{ IDENTITY_AUTO_ACCEPT: 'yes' }, 'IDENTITY_AUTO_ACCEPT must be "true" or "false", got "yes"'],
    [{ IDENTITY_LOOKUP_CONCURRENCY: '0' }, 'IDENTITY_LOOKUP_CONCURRENCY must be an integer 1-16, got "0"'],
    [{ IDENTITY_LOOKUP_CONCURRENCY: '17' }, 'IDENTITY_LOOKUP_CONCURRENCY must be an integer 1-16, got "17"'],
    [{ IDENTITY_LOOKUP_CONCURRENCY: 'four' }, 'IDENTITY_LOOKUP_CONCURRENCY must be an integer 1-16, got "four"'],
    [{ MIGRATIONS_RUN: 'no' }, 'MIGRATIONS_RUN must be "true" or "false", got "no"'],
    [{ FEISHU_BASE_URL: 'open.feishu.cn' }, 'FEISHU_BASE_URL must be an http(s) URL'],
    [{ WECOM_BASE_URL: 'ftp://qyapi.weixin.qq.com' }, 'WECOM_BASE_URL must be an http(s) URL'],
    [{ FEISHU_EMPLOYEE_TYPE: 'open_id' }, 'FEISHU_EMPLOYEE_TYPE must be "employee_id" or "employee_no", got "open_id"'],
    [
      { FEISHU_DEFAULT_GROUP_LEADER_IDS: 'ou_1,,ou_2' },
      'FEISHU_DEFAULT_GROUP_LEADER_IDS must be a comma-separated list',
    ],
    [{ USER_ID_MAPPING: 'email' }, 'USER_ID_MAPPING must be "table"'],
    [{ SYNC_CRON: '61 * * * *' }, 'SYNC_CRON must be a cron expression'],
    [{ SYNC_CRON: 'every hour' }, 'SYNC_CRON must be a cron expression'],
    [{ SYNC_CRON_SCOPES: 'rules,shifts' }, 'SYNC_CRON_SCOPES must be a comma-separated list of scopes'],
    [{ SYNC_AUTO_LINK: 'yes' }, 'SYNC_AUTO_LINK must be "true" or "false", got "yes"'],
    [{ SYNC_PROPAGATE_DELETES: '1' }, 'SYNC_PROPAGATE_DELETES must be "true" or "false", got "1"'],
    [{ SYNC_EFFECTIVE_NOW: 'yes' }, 'SYNC_EFFECTIVE_NOW must be "true" or "false", got "yes"'],
    [{ FEISHU_GOOGLE_MAP_DATUM: 'bd09' }, 'FEISHU_GOOGLE_MAP_DATUM must be "gcj02" or "wgs84", got "bd09"'],
    [{ SYNC_RUN_TAKEOVER_SECONDS: '2' }, 'SYNC_RUN_TAKEOVER_SECONDS must be an integer 5-3600, got "2"'],
    [{ SYNC_RUN_RETRIES: '11' }, 'SYNC_RUN_RETRIES must be an integer 0-10, got "11"'],
    [{ ALERT_WEBHOOK_URL: 'hooks.example.com/x' }, 'ALERT_WEBHOOK_URL must be an http(s) URL'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be "fatal", "error", "warn", "info", "debug", "trace", got "verbose"'],
    [{ FEISHU_APP_ID: 'cli_1' }, 'FEISHU_APP_SECRET must be set when FEISHU_APP_ID is set'],
    [{ WECOM_CORP_SECRET: 's' }, 'WECOM_CORP_ID must be set when WECOM_CORP_SECRET is set'],
  ])('rejects %j with a line naming the variable', (bad, expected) => {
    const message = problemsOf({ ...minimal, ...bad });
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  it('requires the API token', () => {
    expect(problemsOf({})).toBe('GATEWAY_API_TOKEN must be set: it is the bearer token every /api call must send');
    expect(problemsOf({ GATEWAY_API_TOKEN: '   ' })).toContain('GATEWAY_API_TOKEN must be a non-empty bearer token');
  });

  it('does not need the API token to migrate', () => {
    expect(loadAppConfig({ DATABASE_URL: 'postgres://db/gw' }, 'migrate').database.kind).toBe('postgres');
  });

  it('names every bad variable on one line', () => {
    const message = problemsOf({ ...minimal, PORT: 'x', USER_ID_MAPPING: 'y' });
    expect(message).toMatch(/^PORT must .*; USER_ID_MAPPING must /);
  });

  it('lets features that need missing credentials fail naming the variables', () => {
    const config = loadAppConfig(minimal);
    expect(() => requireFeishuCredentials(config)).toThrow(
      new MissingCredentialsError(['FEISHU_APP_ID', 'FEISHU_APP_SECRET'], 'call Feishu'),
    );
    expect(() => requireWecomCredentials(config)).toThrow(
      'WECOM_CORP_ID and WECOM_CORP_SECRET must be set to call WeCom',
    );
  });
});
