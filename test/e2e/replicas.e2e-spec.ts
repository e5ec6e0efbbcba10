import pg from 'pg';
import {
  SAMPLE_CREDENTIALS,
  SAMPLE_DEPARTMENTS,
  SAMPLE_PEOPLE,
} from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { FeishuClient, groupForUpdate } from '@app/feishu';
import { openMappingStore } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { feishuGroupIdFromRuleName, isGatewayRuleName } from '@app/translation';
import { freePort, type GatewayProcess, startGateway, waitForHealth } from '../support/gateway-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Several gateway replicas on one database: the scheduled reconciliation runs once per tick cluster-wide, and a
// replica killed in the middle of a run loses no work and duplicates none. Two real gateway processes (the built
// dist/ entry point) share one PostgreSQL database and the in-process emulators; the test reads the database
// directly. The database is DATABASE_URL's server or, without it, the run's embedded PostgreSQL server (a real
// server either way: replicas connect to it over TCP as to any PostgreSQL).

const TOKEN = 'replicas-e2e-token-9c2f';
const FINAL = ['succeeded', 'partial', 'failed'];
const TAKEOVER_SECONDS = 5;
const WECOM_ADD = 'POST /cgi-bin/checkin/add_checkin_option';

interface RunRow {
  id: string;
  status: string;
  schedule_key: string | null;
  worker_id: string | null;
  triggered_by: string;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

interface LinkRow {
  id: string;
  feishu_group_id: string | null;
  wecom_rule_id: string | null;
  status: string;
  direction: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every 200 ms until it answers something truthy; after `timeoutMs` fails naming `what`, with
 * what `diagnose` says about the state of things.
 */
async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null | undefined | false>,
  diagnose: () => Promise<unknown> = () => Promise.resolve(null),
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(await diagnose())}`);
    }
    await sleep(200);
  }
}

/** The time of a scheduled run's tick, from its key `rules@<ISO time>`. */
function tickOf(run: RunRow): number {
  return Date.parse(run.schedule_key!.slice('rules@'.length));
}

/** The pid in a worker id `<hostname>:<pid>:<random>`. */
function pidOf(workerId: string): number {
  const match = /:(\d+):[0-9a-f]+$/u.exec(workerId);
  if (!match) throw new Error(`unexpected worker id ${workerId}`);
  return Number(match[1]);
}

describe('replicas: two gateway processes on one PostgreSQL database', () => {
  let emulators: RunningEmulators;
  let database: TestDatabase;
  let db: pg.Client;
  let feishuAdmin: FeishuClient;
  const gateways: GatewayProcess[] = [];

  async function runs(): Promise<RunRow[]> {
    const result = await db.query<RunRow>(
      `SELECT "id", "status", "schedule_key", "worker_id", "triggered_by", "queued_at", "started_at", "finished_at"
       FROM "sync_runs" ORDER BY "queued_at", "id"`,
    );
    return result.rows;
  }

  async function links(): Promise<LinkRow[]> {
    const result = await db.query<LinkRow>(
      `SELECT "id", "feishu_group_id", "wecom_rule_id", "status", "direction" FROM "group_links"`,
    );
    return result.rows;
  }

  /** How many times WeCom was asked to add a rule for each Feishu group (the name carries the group id). */
  function addsPerFeishuGroup(): Map<string, number> {
    const adds = new Map<string, number>();
    for (const call of emulators.wecom.emulator.calls('add_checkin_option')) {
      const name = String((call.body['group'] as Record<string, unknown> | undefined)?.['groupname']);
      const groupId = feishuGroupIdFromRuleName(name) ?? `not a gateway name: ${name}`;
      adds.set(groupId, (adds.get(groupId) ?? 0) + 1);
    }
    return adds;
  }

  /** The "Run finished" log lines of a replica (JSON lines on stdout). */
  function finishedLines(replica: GatewayProcess | undefined): string[] {
    return (replica?.stdout() ?? '').split('\n').filter((line) => line.includes('"msg":"Run finished"'));
  }

  /** Starts one replica; all replicas get the same configuration but their own port. */
  async function startReplica(): Promise<GatewayProcess> {
    const port = await freePort();
    const gateway = startGateway({
      PORT: String(port),
      DATABASE_URL: (database.target as { url: string }).url,
      // Migrations ran once, before the replicas started (as a deployment's migrate step does).
      MIGRATIONS_RUN: 'false',
      GATEWAY_API_TOKEN: TOKEN,
      FEISHU_BASE_URL: emulators.feishu.server.url,
      FEISHU_APP_ID: SAMPLE_CREDENTIALS.feishu.appId,
      FEISHU_APP_SECRET: SAMPLE_CREDENTIALS.feishu.appSecret,
      WECOM_BASE_URL: emulators.wecom.server.url,
      WECOM_CORP_ID: SAMPLE_CREDENTIALS.wecom.corpId,
      WECOM_CORP_SECRET: SAMPLE_CREDENTIALS.wecom.corpSecret,
      FEISHU_DEFAULT_GROUP_LEADER_IDS: SAMPLE_PEOPLE[0]!.feishuUserId,
      SYNC_CRON: '* * * * * *',
      SYNC_CRON_SCOPES: 'rules',
      SYNC_AUTO_LINK: 'true',
      SYNC_RUN_TAKEOVER_SECONDS: String(TAKEOVER_SECONDS),
      LOG_LEVEL: 'info',
    });
    gateways.push(gateway);
    await waitForHealth(port, gateway, 20_000);
    return gateway;
  }

  /** A new Feishu group like the sample fixed group, made through Feishu's API as an HR admin would. */
  async function createFeishuGroup(name: string): Promise<string> {
    const model = emulators.feishu.emulator.groups().find((group) => group['group_type'] === 0)!;
    const template = await feishuAdmin.getGroup(String(model['group_id']));
    const { group_id: _id, ...body } = groupForUpdate(template);
    const locations = (template.locations ?? []).map(({ location_id: _location, ...location }) => location);
    return (await feishuAdmin.createOrUpdateGroup({ ...body, group_name: name, locations })).group_id;
  }

  /**
   * What the vendors hold must be one-to-one: no Feishu group has two WeCom rules made for it (a rule's name
   * carries the Feishu group id it was made from), no two Feishu groups share a name (a group made from a WeCom
   * rule carries the rule's name), and every Feishu group has exactly one link, to a WeCom rule that exists.
   */
  async function expectOneToOne(): Promise<void> {
    const groups = emulators.feishu.emulator.groups().map((group) => ({
      id: String(group['group_id']),
      name: String(group['group_name']),
    }));
    const rules = emulators.wecom.emulator.rules();
    const madeFor = new Map<string, number[]>();
    for (const rule of rules) {
      const name = String(rule.group['groupname']);
      if (!isGatewayRuleName(name)) continue;
      const groupId = feishuGroupIdFromRuleName(name)!;
      madeFor.set(groupId, [...(madeFor.get(groupId) ?? []), rule.groupid]);
    }
    expect([...madeFor].filter(([, ids]) => ids.length !== 1)).toEqual([]);
    expect(new Set(groups.map((group) => group.name)).size).toBe(groups.length);

    const all = await links();
    const ruleIds = new Set(rules.map((rule) => String(rule.groupid)));
    for (const group of groups) {
      const linked = all.filter((link) => link.feishu_group_id === group.id);
      expect({ group, links: linked.length }).toEqual({ group, links: 1 });
      expect({ group, rule: ruleIds.has(linked[0]!.wecom_rule_id ?? '') }).toEqual({ group, rule: true });
      // A gateway-named rule for this group is the linked one.
      const named = madeFor.get(group.id);
      if (named) expect(named.map(String)).toEqual([linked[0]!.wecom_rule_id]);
    }
  }

  beforeAll(async () => {
    // A run lists WeCom's rules twice, and each replica paces that call at WeCom's 60 per minute, so a cron
    // firing every second on two replicas asks for it about twice a second: far above the corp-wide 60/min
    // WeCom (and so the emulator) allows, whose penalty is a minute without the call. This suite is about
    // replicas, not that quota (a real schedule ticks every few minutes): the emulator allows this one more.
    emulators = await startEmulators({
      wecom: { rateLimits: { getcorpcheckinoption: [{ limit: 1000, windowMs: 60_000 }] } },
    });
    database = await createTestDatabase();
    const { store } = await openMappingStore(database.target, { migrations: MIGRATIONS, runMigrations: true });
    try {
      await store.users.upsertMany(
        SAMPLE_PEOPLE.map(({ feishuUserId, wecomUserId }) => ({ feishuUserId, wecomUserId })),
      );
      await store.departments.upsertMany(
        Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
          feishuDepartmentId,
          wecomPartyId,
        })),
      );
    } finally {
      await store.close();
    }
    db = new pg.Client({ connectionString: (database.target as { url: string }).url });
    await db.connect();
    feishuAdmin = new FeishuClient({
      appId: SAMPLE_CREDENTIALS.feishu.appId,
      appSecret: SAMPLE_CREDENTIALS.feishu.appSecret,
      baseUrl: emulators.feishu.server.url,
      employeeType: 'employee_id',
      deptType: 'open_id',
    });
  });

  afterAll(async () => {
    // Whatever happened: no gateway outlives the suite, then the database goes, then the emulators.
    for (const gateway of gateways) {
      if (gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
    }
    await Promise.all(gateways.map((gateway) => gateway.exited));
    await db?.end().catch(() => undefined);
    await database?.drop();
    await emulators?.close();
  });

  it('same cron on two replicas: over 10 ticks exactly 10 runs, each link once per tick', async () => {
    // The first run creates a WeCom rule per Feishu group. Slow creates keep them in flight while the next
    // tick's run, on the other replica, starts from a WeCom that does not list them yet: the race replicas have.
    emulators.wecom.emulator.faults.configure([
      { endpoint: WECOM_ADD, kind: 'latency', probability: 1, latencyMs: 2000 },
    ]);
    const sampleGroupIds = emulators.feishu.emulator.groups().map((group) => String(group['group_id']));
    const replicas = await Promise.all([startReplica(), startReplica()]);
    // From the next whole second on, both replicas' crons are running.
    const bothUp = Math.ceil(Date.now() / 1000) * 1000;

    const tickRuns = await waitFor('10 scheduled ticks after both replicas were up, all finished', 40_000, async () => {
      const scheduled = (await runs()).filter((run) => run.triggered_by === 'schedule');
      const ticks = scheduled.filter((run) => tickOf(run) >= bothUp).sort((a, b) => tickOf(a) - tickOf(b));
      const ten = ticks.slice(0, 10);
      return scheduled.length >= 12 && ten.length === 10 && ten.every((run) => FINAL.includes(run.status)) && ten;
    });

    // SIGTERM: each replica lets its current run finish before it exits.
    const exits = await Promise.all(replicas.map((replica) => replica.stop()));
    expect(exits.map((exit) => exit.code === 0 || exit.signal === 'SIGTERM')).toEqual([true, true]);

    const all = await runs();
    // Nothing was left half-done: a run is final, or still queued for the next replica (never claimed).
    expect(
      all.filter((run) => !FINAL.includes(run.status) && !(run.status === 'queued' && run.worker_id === null)),
    ).toEqual([]);
    // One run per tick, cluster-wide: as many scheduled runs as distinct keys...
    const { rows: keys } = await db.query<{ runs: string; keys: string }>(
      `SELECT count(*) AS "runs", count(DISTINCT "schedule_key") AS "keys" FROM "sync_runs" WHERE "schedule_key" IS NOT NULL`,
    );
    expect(Number(keys[0]!.runs)).toBe(Number(keys[0]!.keys));
    expect(all.filter((run) => run.triggered_by === 'schedule' && run.schedule_key === null)).toEqual([]);
    // ...and the 10 ticks are 10 consecutive seconds: no tick was lost while both replicas were up.
    const seconds = tickRuns.map(tickOf);
    expect(seconds).toEqual(seconds.map((_, index) => seconds[0]! + index * 1000));
    expect(tickRuns.filter((run) => !['succeeded', 'partial'].includes(run.status))).toEqual([]);

    // No run handled a source twice (sync_run_items' unique key guarantees it; this is the proof it held).
    const { rows: twice } = await db.query(
      `SELECT "run_id", "source_id", count(*) FROM "sync_run_items" GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    const { rows: itemCounts } = await db.query<{ run_id: string; n: string }>(
      `SELECT "run_id", count(*) AS "n" FROM "sync_run_items" WHERE "run_id" = ANY($1) GROUP BY 1`,
      [tickRuns.map((run) => run.id)],
    );
    expect(itemCounts).toHaveLength(10);

    // Both replicas executed runs, each the ones its log says it finished. This is guaranteed, not luck: a run
    // lists WeCom's rules at least twice and each replica paces that call at WeCom's 60 per minute (one a
    // second), so every run outlasts the 1 s between ticks; the replica busy with one tick's run cannot take
    // the next, and the other one, woken by the same tick, does.
    const byPid = new Map(replicas.map((replica) => [replica.child.pid!, replica]));
    expect(new Set(tickRuns.map((run) => pidOf(run.worker_id!))).size).toBe(2);
    for (const run of tickRuns) {
      const replica = byPid.get(pidOf(run.worker_id!));
      expect({ run: run.id, loggedByItsWorker: finishedLines(replica).some((line) => line.includes(run.id)) }).toEqual({
        run: run.id,
        loggedByItsWorker: true,
      });
    }
    // Whether two runs that overlapped in time ever worked on one link at the same moment cannot be read back
    // from the database (items carry no times, leases are deleted when released); link-leases.spec.ts and the
    // store's lease tests prove that exclusion. What shows here is its effect on the vendors:
    emulators.wecom.emulator.faults.clear();
    // one add_checkin_option per sample Feishu group, ever.
    const adds = addsPerFeishuGroup();
    expect([...adds.keys()].sort()).toEqual(sampleGroupIds.sort());
    expect([...adds.values()]).toEqual(sampleGroupIds.map(() => 1));
    await expectOneToOne();
  });

  it('a replica killed in the middle of a run: the other takes the run over and finishes it, nothing lost or duplicated', async () => {
    // New Feishu groups give the next run creates to make; a slow WeCom keeps each create in flight long enough
    // to kill the replica while it waits for the answer (WeCom still applies it: the answer is just never heard).
    const newGroups: string[] = [];
    for (const name of ['华东分店', '华南分店', '西南分店']) newGroups.push(await createFeishuGroup(name));
    emulators.wecom.emulator.faults.configure([
      { endpoint: WECOM_ADD, kind: 'latency', probability: 1, latencyMs: 2000 },
    ]);
    const replicas = await Promise.all([startReplica(), startReplica()]);

    // A pending link is the intent recorded just before add_checkin_option; the run that recorded it holds the
    // group's lease, named "<run id>@<worker id>", and the worker id names the process.
    const holder = await waitFor('a run in the middle of creating a rule for a new group', 20_000, async () => {
      const { rows } = await db.query<{ holder: string }>(
        `SELECT l."holder" FROM "group_links" g
         JOIN "sync_leases" l ON l."resource" = 'feishu-group:' || g."feishu_group_id"
         WHERE g."status" = 'pending' AND g."feishu_group_id" = ANY($1)`,
        [newGroups],
      );
      return rows[0]?.holder;
    });
    const [runId, workerId] = holder.split('@') as [string, string];
    const victim = replicas.find((replica) => replica.child.pid === pidOf(workerId));
    const survivor = replicas.find((replica) => replica !== victim)!;
    expect(victim).toBeDefined();
    victim!.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim!.exited;

    let takenOverAt = 0;
    const finished = await waitFor(
      'the killed run to be taken over and finished',
      45_000,
      async () => {
        const run = (await runs()).find((candidate) => candidate.id === runId)!;
        if (!takenOverAt && run.worker_id !== workerId) takenOverAt = Date.now();
        return FINAL.includes(run.status) && run;
      },
      async () => ({
        run: (await runs()).find((candidate) => candidate.id === runId),
        leases: (await db.query(`SELECT "resource", "holder", "expires_at" FROM "sync_leases"`)).rows,
        now: new Date(),
      }),
    );
    emulators.wecom.emulator.faults.clear();
    // Taken over by the survivor, and not before the dead worker's last heartbeat (sent every
    // TAKEOVER_SECONDS / 6) was TAKEOVER_SECONDS old: at least 5/6 of TAKEOVER_SECONDS after the kill.
    expect(pidOf(finished.worker_id!)).toBe(survivor.child.pid);
    expect(takenOverAt - killedAt).toBeGreaterThanOrEqual(TAKEOVER_SECONDS * 800);
    expect(finished.status).toMatch(/^(succeeded|partial)$/);
    const { rows: items } = await db.query<{ source_id: string; action: string; error: string | null }>(
      `SELECT "source_id", "action", "error" FROM "sync_run_items" WHERE "run_id" = $1`,
      [runId],
    );
    for (const id of newGroups) {
      expect(items.find((entry) => entry.source_id === id)).toEqual({
        source_id: id,
        action: expect.stringMatching(/^(created|updated|unchanged)$/),
        error: null,
      });
    }

    const stopped = await survivor.stop();
    expect(stopped.code === 0 || stopped.signal === 'SIGTERM').toBe(true);
    // Nothing lost: each new group got its rule, created once (the create in flight when its replica died
    // was adopted, not repeated), and is linked to it; nothing duplicated anywhere.
    const adds = addsPerFeishuGroup();
    expect(newGroups.map((id) => adds.get(id))).toEqual([1, 1, 1]);
    await expectOneToOne();
    const linked = await links();
    expect(newGroups.map((id) => linked.find((link) => link.feishu_group_id === id)?.status)).toEqual([
      'active',
      'active',
      'active',
    ]);
    // No run is left running under a dead worker: what is not final is queued, for the next replica.
    expect(
      (await runs()).filter((run) => !FINAL.includes(run.status) && run.status !== 'queued').map((run) => run.id),
    ).toEqual([]);
  });
});
