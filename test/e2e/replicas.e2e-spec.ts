import { jest } from '@jest/globals';
import pg from 'pg';
import {
  SAMPLE_CREDENTIALS,
  SAMPLE_DEPARTMENTS,
  SAMPLE_PEOPLE,
} from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { FeishuClient } from '@app/feishu';
import { openMappingStore, RunQueue } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { createFixedFeishuGroup } from '../support/sync-harness.js';
import {
  GATEWAY_HEALTHY_WITHIN_MS,
  type GatewayProcess,
  startGateway,
  waitForHealth,
} from '../support/gateway-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor as waitForCondition } from '../support/wait-for.js';

// Several gateway replicas on one database: the scheduled reconciliation runs once per tick cluster-wide, and a
// replica killed in the middle of a run loses no work and duplicates none. Real gateway processes (the built
// dist/ entry point) share one PostgreSQL database — and so one pg-boss run queue — and the in-process
// emulators; the test reads the database directly. The database is DATABASE_URL's server or, without it, the
// run's embedded PostgreSQL server (a real server either way: replicas connect to it over TCP as to any
// PostgreSQL).

const TOKEN = 'replicas-e2e-token-9c2f';
const FINAL = ['succeeded', 'partial', 'failed'];
/** SYNC_RUN_TAKEOVER_SECONDS: the run queue's heartbeat, at pg-boss's minimum. */
const TAKEOVER_SECONDS = 10;
const CRON_SECONDS = 5;
const TICKS = 4;
const WECOM_ADD = 'POST /cgi-bin/checkin/add_checkin_option';
// Each test starts up to three replicas, each within GATEWAY_HEALTHY_WITHIN_MS, so its own timeout allows for that.
jest.setTimeout(4 * GATEWAY_HEALTHY_WITHIN_MS);

interface RunRow {
  id: string;
  status: string;
  schedule_key: string | null;
  attempt: number;
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

/**
 * Polls `probe` every 200 ms until it answers something truthy; after `timeoutMs` fails naming `what`, with
 * what `diagnose` says about the state of things.
 */
function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null | undefined | false>,
  diagnose?: () => Promise<unknown>,
): Promise<T> {
  return waitForCondition(what, probe, { timeoutMs, intervalMs: 200, ...(diagnose ? { diagnose } : {}) });
}

/** The time of a scheduled run's tick, from its key `rules@<ISO time>`. */
function tickOf(run: RunRow): number {
  return Date.parse(run.schedule_key!.slice('rules@'.length));
}

describe('replicas: gateway processes on one PostgreSQL database', () => {
  let emulators: RunningEmulators;
  let database: TestDatabase;
  let db: pg.Client;
  /** The WeCom rules of the sample company, there before any sync. */
  let sampleRuleIds: ReadonlySet<number>;
  let feishuAdmin: FeishuClient;
  const gateways: GatewayProcess[] = [];

  async function runs(): Promise<RunRow[]> {
    const result = await db.query<RunRow>(
      `SELECT "id", "status", "schedule_key", "attempt", "triggered_by", "queued_at", "started_at", "finished_at"
       FROM "sync_runs" ORDER BY "queued_at", "id"`,
    );
    return result.rows;
  }

  async function links(): Promise<LinkRow[]> {
    const result = await db.query<LinkRow>(
      `SELECT l."id", f."external_id" AS "feishu_group_id", w."external_id" AS "wecom_rule_id", l."status", l."direction"
       FROM "links" l
         LEFT JOIN "link_sides" f ON f."link_id" = l."id" AND f."vendor" = 'feishu'
         LEFT JOIN "link_sides" w ON w."link_id" = l."id" AND w."vendor" = 'wecom'`,
    );
    return result.rows;
  }

  /**
   * The Feishu group of each name. A rule the gateway makes carries its group's name, and no two groups here
   * share one (expectOneToOne checks it), so a rule's name says which group it was made for.
   */
  function feishuGroupIdsByName(): Map<string, string> {
    return new Map(
      emulators.feishu.emulator.groups().map((group) => [String(group['group_name']), String(group['group_id'])]),
    );
  }

  /** How many times WeCom was asked to add a rule for each Feishu group (the rule carries the group's name). */
  function addsPerFeishuGroup(): Map<string, number> {
    const adds = new Map<string, number>();
    const byName = feishuGroupIdsByName();
    for (const call of emulators.wecom.emulator.calls('add_checkin_option')) {
      const name = String((call.body['group'] as Record<string, unknown> | undefined)?.['groupname']);
      const groupId = byName.get(name) ?? `no Feishu group named ${name}`;
      adds.set(groupId, (adds.get(groupId) ?? 0) + 1);
    }
    return adds;
  }

  /** The replicas whose log (JSON lines on stdout) has a `msg` line naming `runId`. */
  function replicasLogging(
    message: 'Run started' | 'Run finished',
    runId: string,
    among: readonly GatewayProcess[],
  ): GatewayProcess[] {
    return among.filter((replica) =>
      replica
        .stdout()
        .split('\n')
        .some((line) => line.includes(`"msg":"${message}"`) && line.includes(`"runId":"${runId}"`)),
    );
  }

  /** Starts one replica; all replicas get the same configuration but their own port. */
  async function startReplica(): Promise<GatewayProcess> {
    const gateway = startGateway({
      PORT: '0',
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
      SYNC_CRON: `*/${CRON_SECONDS} * * * * *`,
      SYNC_CRON_SCOPES: 'rules',
      SYNC_AUTO_LINK: 'true',
      SYNC_RUN_TAKEOVER_SECONDS: String(TAKEOVER_SECONDS),
      LOG_LEVEL: 'info',
    });
    gateways.push(gateway);
    await waitForHealth(gateway, GATEWAY_HEALTHY_WITHIN_MS);
    return gateway;
  }

  /** A new Feishu group like the sample fixed group, made through Feishu's API as an HR admin would. */
  const createFeishuGroup = (name: string) => createFixedFeishuGroup(emulators, feishuAdmin, name);

  /**
   * What the vendors hold must be one-to-one: no Feishu group has two WeCom rules made for it (a rule the
   * gateway made carries its group's name), no two Feishu groups share a name (a group made from a WeCom rule
   * carries the rule's name), and every Feishu group has exactly one link, to a WeCom rule that exists — except
   * a group whose name a WeCom rule of the sample company already had: the gateway made no rule for it, and its
   * link waits on an open name conflict that found that rule (DESIGN.md: never adopted silently, never
   * duplicated).
   */
  async function expectOneToOne(): Promise<void> {
    const groups = emulators.feishu.emulator.groups().map((group) => ({
      id: String(group['group_id']),
      name: String(group['group_name']),
    }));
    const rules = emulators.wecom.emulator.rules();
    const byName = feishuGroupIdsByName();
    const madeFor = new Map<string, number[]>();
    for (const rule of rules) {
      if (sampleRuleIds.has(rule.groupid)) continue;
      const groupId = byName.get(String(rule.group['groupname'])) ?? `no Feishu group: ${rule.groupid}`;
      madeFor.set(groupId, [...(madeFor.get(groupId) ?? []), rule.groupid]);
    }
    expect([...madeFor].filter(([, ids]) => ids.length !== 1)).toEqual([]);
    expect(new Set(groups.map((group) => group.name)).size).toBe(groups.length);

    const all = await links();
    const ruleIds = new Set(rules.map((rule) => String(rule.groupid)));
    const { rows: open } = await db.query<{ group_link_id: string; found_id: string }>(
      `SELECT "group_link_id", "found_id" FROM "sync_conflicts" WHERE "kind" = 'name_taken' AND "resolved_at" IS NULL`,
    );
    for (const group of groups) {
      const linked = all.filter((link) => link.feishu_group_id === group.id);
      expect({ group, links: linked.length }).toEqual({ group, links: 1 });
      const sameNamedSample = rules.find(
        (rule) => sampleRuleIds.has(rule.groupid) && rule.group['groupname'] === group.name,
      );
      const pairedWithIt = sameNamedSample && linked[0]!.wecom_rule_id === String(sameNamedSample.groupid);
      if (sameNamedSample && !pairedWithIt) {
        expect({ group, madeFor: madeFor.get(group.id) ?? [] }).toEqual({ group, madeFor: [] });
        expect({ group, status: linked[0]!.status, wecomRuleId: linked[0]!.wecom_rule_id }).toEqual({
          group,
          status: 'conflict',
          wecomRuleId: null,
        });
        const conflict = open.find((row) => row.group_link_id === linked[0]!.id);
        expect({ group, found: conflict?.found_id }).toEqual({ group, found: String(sameNamedSample.groupid) });
        continue;
      }
      expect({ group, rule: ruleIds.has(linked[0]!.wecom_rule_id ?? '') }).toEqual({ group, rule: true });
      // A gateway-named rule for this group is the linked one.
      const named = madeFor.get(group.id);
      if (named) expect(named.map(String)).toEqual([linked[0]!.wecom_rule_id]);
    }
  }

  // Each test has its own emulators, database and replicas: under `--randomize` the takeover test ran first, and
  // its rules made the cron test's "groups without a rule" empty while its adds were still in the call log.
  beforeEach(async () => {
    // A run lists WeCom's rules at least twice and the new rules are listed again mid-run; with a tick every
    // few seconds over two suites that nears the corp-wide 60/min WeCom (and so the emulator) allows, whose
    // penalty is a minute without the call. This suite is about replicas, not that quota (a real schedule
    // ticks every few minutes): the emulator allows this one more.
    emulators = await startEmulators({
      wecom: { rateLimits: { getcorpcheckinoption: [{ limit: 1000, windowMs: 60_000 }] } },
    });
    sampleRuleIds = new Set(emulators.wecom.emulator.rules().map((rule) => rule.groupid));
    database = await createTestDatabase();
    const { store } = await openMappingStore(database.target, { migrations: MIGRATIONS, runMigrations: true });
    try {
      // The deployment's migrate step installs the run queue's schema too (the replicas run with
      // MIGRATIONS_RUN=false, as after `npm run migrate`).
      await RunQueue.install(store);
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

  afterEach(async () => {
    // Whatever happened: no gateway outlives the test, then the database goes, then the emulators.
    for (const gateway of gateways) {
      if (gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
    }
    await Promise.all(gateways.map((gateway) => gateway.exited));
    gateways.length = 0;
    await db?.end().catch(() => undefined);
    await database?.drop();
    await emulators?.close();
  });

  it(`same ${CRON_SECONDS}-second cron on two replicas: every tick queues exactly one run, each link once per tick`, async () => {
    // The first run creates a WeCom rule per Feishu group. Slow creates keep them in flight while the other
    // replica's cron fires for the next tick: the race replicas have.
    emulators.wecom.emulator.faults.configure([
      { endpoint: WECOM_ADD, kind: 'latency', probability: 1, latencyMs: 2000 },
    ]);
    // A sample group whose name a sample WeCom rule has is a name conflict: no rule is added for it.
    const sampleRuleNames = new Set(emulators.wecom.emulator.rules().map((rule) => String(rule.group['groupname'])));
    const sampleGroupIds = emulators.feishu.emulator
      .groups()
      .filter((group) => !sampleRuleNames.has(String(group['group_name'])))
      .map((group) => String(group['group_id']));
    const replicas = await Promise.all([startReplica(), startReplica()]);
    // From the next whole second on, both replicas' crons are running.
    const bothUp = Math.ceil(Date.now() / 1000) * 1000;

    const timeout = (TICKS + 4) * CRON_SECONDS * 1000;
    const tickRuns = await waitFor(
      `${TICKS} scheduled ticks after both replicas were up, all finished`,
      timeout,
      async () => {
        const scheduled = (await runs()).filter((run) => run.triggered_by === 'schedule');
        const ticks = scheduled.filter((run) => tickOf(run) >= bothUp).sort((a, b) => tickOf(a) - tickOf(b));
        const first = ticks.slice(0, TICKS);
        return first.length === TICKS && first.every((run) => FINAL.includes(run.status)) && first;
      },
    );

    // SIGTERM: each replica lets its current run finish before it exits.
    const exits = await Promise.all(replicas.map((replica) => replica.stop()));
    expect(exits.map((exit) => exit.code === 0 || exit.signal === 'SIGTERM')).toEqual([true, true]);

    const all = await runs();
    // Nothing was left half-done: a run is final, or still queued for the next replica.
    expect(all.filter((run) => !FINAL.includes(run.status) && run.status !== 'queued')).toEqual([]);
    // One run per tick, cluster-wide: as many scheduled runs as distinct keys (nothing in the table makes a key
    // unique any more: the run queue's tick job id is what held)...
    const { rows: keys } = await db.query<{ runs: string; keys: string }>(
      `SELECT count(*) AS "runs", count(DISTINCT "schedule_key") AS "keys" FROM "sync_runs" WHERE "triggered_by" = 'schedule'`,
    );
    expect(Number(keys[0]!.runs)).toBe(Number(keys[0]!.keys));
    expect(all.filter((run) => run.triggered_by === 'schedule' && run.schedule_key === null)).toEqual([]);
    // ...and the ticks are consecutive: no tick was lost while both replicas were up.
    const times = tickRuns.map(tickOf);
    expect(times).toEqual(times.map((_, index) => times[0]! + index * CRON_SECONDS * 1000));
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
    expect(itemCounts).toHaveLength(TICKS);
    // Each tick's run was executed by exactly one replica, in one attempt.
    for (const run of tickRuns) {
      expect({
        run: run.id,
        attempt: run.attempt,
        finishedBy: replicasLogging('Run finished', run.id, replicas).length,
      }).toEqual({
        run: run.id,
        attempt: 0,
        finishedBy: 1,
      });
    }
    emulators.wecom.emulator.faults.clear();
    // One add_checkin_option per sample Feishu group without a same-named rule, ever.
    const adds = addsPerFeishuGroup();
    expect([...adds.keys()].sort()).toEqual(sampleGroupIds.sort());
    expect([...adds.values()]).toEqual(sampleGroupIds.map(() => 1));
    await expectOneToOne();
  });

  it('a replica killed with SIGKILL in the middle of a run: a new replica takes the run over and finishes it, nothing lost or duplicated', async () => {
    // New Feishu groups give the next run creates to make; a slow WeCom keeps each create in flight long enough
    // to kill the replica while it waits for the answer (WeCom still applies it: the answer is just never heard).
    const newGroups: string[] = [];
    for (const name of ['华东分店', '华南分店', '西南分店']) newGroups.push(await createFeishuGroup(name));
    emulators.wecom.emulator.faults.configure([
      { endpoint: WECOM_ADD, kind: 'latency', probability: 1, latencyMs: 2000 },
    ]);
    const replicas = await Promise.all([startReplica(), startReplica()]);

    // A pending link is the intent recorded just before add_checkin_option. Rules runs never overlap (the run
    // queue's singleton key is the scope), so the one running rules run is the one creating it.
    const { run: victimRun, victim } = await waitFor(
      'a run in the middle of creating a rule for a new group',
      30_000,
      async () => {
        const { rows } = await db.query<{ id: string; attempt: number }>(
          `SELECT r."id", r."attempt" FROM "sync_runs" r
         WHERE r."status" = 'running' AND r."scope" = 'rules' AND EXISTS (
           SELECT 1 FROM "links" l JOIN "link_sides" f ON f."link_id" = l."id" AND f."vendor" = 'feishu'
           WHERE l."status" = 'pending' AND f."external_id" = ANY($1))`,
          [newGroups],
        );
        const run = rows[0];
        if (!run) return null;
        const [executing] = replicasLogging('Run started', run.id, replicas);
        return executing ? { run, victim: executing } : null;
      },
    );
    const survivor = replicas.find((replica) => replica !== victim)!;
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    // The must-show: a replica started after the kill (the survivor may take the run as well).
    const newcomer = await startReplica();

    let takenOverAt = 0;
    const finished = await waitFor(
      'the killed run to be taken over and finished',
      60_000,
      async () => {
        const run = (await runs()).find((candidate) => candidate.id === victimRun.id)!;
        if (!takenOverAt && run.attempt > victimRun.attempt) takenOverAt = Date.now();
        return FINAL.includes(run.status) && run;
      },
      async () => ({ run: (await runs()).find((candidate) => candidate.id === victimRun.id), now: new Date() }),
    );
    emulators.wecom.emulator.faults.clear();
    // Taken over in a later attempt, by a live replica, and not before the dead worker's heartbeat (refreshed
    // every TAKEOVER_SECONDS / 2) went TAKEOVER_SECONDS without refresh: at least half of it after the kill.
    expect(finished.attempt).toBeGreaterThan(victimRun.attempt);
    expect(takenOverAt - killedAt).toBeGreaterThanOrEqual(TAKEOVER_SECONDS * 500);
    // The worker logs "Run finished" after the row is final, and the line crosses a pipe: wait for it.
    const finishers = await waitFor('a replica to log the run finished', 10_000, async () => {
      const logged = replicasLogging('Run finished', victimRun.id, [victim, survivor, newcomer]);
      return logged.length > 0 && logged;
    });
    expect(finishers).not.toContain(victim);
    expect(finishers).toHaveLength(1);
    expect(finished.status).toMatch(/^(succeeded|partial)$/);
    const { rows: items } = await db.query<{ source_id: string; action: string; error: string | null }>(
      `SELECT "source_id", "action", "error" FROM "sync_run_items" WHERE "run_id" = $1`,
      [victimRun.id],
    );
    for (const id of newGroups) {
      expect(items.find((entry) => entry.source_id === id)).toEqual({
        source_id: id,
        action: expect.stringMatching(/^(created|updated|unchanged)$/),
        error: null,
      });
    }

    const stopped = await Promise.all([survivor.stop(), newcomer.stop()]);
    expect(stopped.map((exit) => exit.code === 0 || exit.signal === 'SIGTERM')).toEqual([true, true]);
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
