import fc from 'fast-check';
import type { App } from 'supertest/types.js';
import { chinaDayOf, chinaMidnight, DAY_SECONDS } from '@app/kernel';
import { SeededRandom } from '../../apps/emulators/src/common/seeded-random.js';
import { SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import {
  feishuRosterDay,
  feishuRosterDayId,
  feishuRosterDays,
  feishuUserFlows,
  type JsonObject,
  mangle,
  type Mangled,
  plantFeishuFlows,
  plantFeishuRosterDays,
  plantWecomPunches,
  plantWecomRules,
  plantWecomSchedules,
  type VarianceKind,
  wecomCheckinRows,
  wecomCheckinRule,
  type WecomGrouptype,
  wecomPunchId,
  wecomScheduleEntries,
  type WecomScheduleRef,
  wecomScheduleId,
} from '../../apps/emulators/src/variance/index.js';
import { SELF_APP } from '../../apps/emulators/src/wecom/wecom-emulator.state.js';
import {
  emulatorGatewayEnv,
  syncAndWait,
  uploadSampleMappings,
  vendorAdmins,
  wecomRuleNames,
} from '../support/sync-harness.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { STORE_PEOPLE, STORE_SCHEDULES, startStoreEmulators, storeSchedules } from '../support/store-shift-rule.js';

// Issue #16, the property: N readable records plus any ONE broken record → the N are synced and exactly one item
// is reported, a failed item naming the broken record's id and field — for rules, rosters and punches, both
// directions, the broken record on the source side or on the target side (where the gateway reads the target).
// The records are the variance company's (apps/emulators/src/variance): doc-legal records with optional fields
// left out and unknown fields added, and one broken by `mangle`. Each run plants fresh records (new rules, a new
// roster window, a new punch day) on the same app and emulators, so runs never see each other's records; the
// gateway's store keeps its links and mappings across runs, as a real one does.
//
// Punches: the gateway never reads the TARGET side of a punch run (it keeps its own record mapping and
// Feishu's idempotent_id; WeCom is read back only for writes a crashed run left pending). A broken record there
// is not read, so it cannot be reported: for punches the target-side runs check that it disturbs nothing.
//
// Kept small for CI: a fixed seed, RUNS runs per scope and direction, no shrinking (endOnFailure).

const SEED = 16_016;
const RUNS = 3;
/** Each property its own seed (SEED + n), so that the six do not draw the same sequence. */
const property = (n: number) => ({ seed: SEED + n, numRuns: RUNS, endOnFailure: true }) as const;
const TIMEOUT = 180_000;

interface RunItem {
  sourceId: string;
  targetId: string | null;
  action: string;
  losses: { field: string; severity: string; message: string }[];
  error?: string | null;
}

interface RunBody {
  id: string;
  status: string;
  items: RunItem[];
}

type Side = 'source' | 'target';

/** What the failed item names: the vendor and kind of the record (unreadable-record.ts), its id and field. */
const KIND_WORDS: Readonly<Record<VarianceKind, string>> = {
  'checkin rule': 'WeCom checkin rule',
  punch: 'WeCom punch',
  'monthly schedule': 'WeCom monthly schedule',
  flow: 'Feishu punch',
  'roster day': 'Feishu roster day',
};

const wecomIdOf = (feishuUserId: string) => SAMPLE_PEOPLE.find((p) => p.feishuUserId === feishuUserId)!.wecomUserId;
const feishuIdOf = (wecomUserId: string) => SAMPLE_PEOPLE.find((p) => p.wecomUserId === wecomUserId)!.feishuUserId;
const MAPPED_WECOM = SAMPLE_PEOPLE.map((person) => person.wecomUserId);
const MAPPED_FEISHU = SAMPLE_PEOPLE.map((person) => person.feishuUserId);

/** The China-time day `offset` days from now, YYYY-MM-DD. */
function chinaDay(offset: number): string {
  return chinaDayOf(Date.now() / 1000 + offset * DAY_SECONDS);
}

function monthAndDay(day: string): { month: number; dayNo: number } {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return { month: year * 100 + month, dayNo: date };
}

/** fast-check's value generator inside a property (fc.gen): context-dependent arbitraries, still reproducible. */
type Gen = fc.GeneratorValue;

function rngOf(g: Gen): SeededRandom {
  return new SeededRandom(g(fc.nat));
}

/**
 * The heart of the property: exactly one failed item, the broken record's, naming its id and field; every
 * other item not failed. (Whether the readable records were carried across is checked per scope, in the
 * target vendor's state.)
 */
function expectOneReported(run: RunBody, kind: VarianceKind, id: string, broken: Mangled): void {
  const failed = run.items.filter((entry) => entry.action === 'failed');
  // With the errors, so that a second failed item says why.
  expect(failed.map((entry) => [entry.sourceId, entry.targetId, entry.error])).toEqual([
    [id, null, expect.stringContaining(`${KIND_WORDS[kind]} ${id} could not be read`)],
  ]);
  expect(failed[0]!.error).toContain(broken.field);
  expect(failed[0]!.losses[0]).toEqual(expect.objectContaining({ field: broken.field, severity: 'blocking' }));
  expect(run.status).toBe('partial');
}

function expectNoneReported(run: RunBody): void {
  expect(run.items.filter((entry) => entry.action === 'failed').map((entry) => [entry.sourceId, entry.error])).toEqual(
    [],
  );
  expect(run.status).toBe('succeeded');
}

async function startGateway(emulators: RunningEmulators): Promise<{ harness: TestApp; server: App }> {
  const harness = await createTestApp({ ...emulatorGatewayEnv(emulators) });
  const server = harness.app.getHttpServer();
  await uploadSampleMappings(server);
  return { harness, server };
}

// ---- rules ---------------------------------------------------------------------------------------------------

describe('record isolation, rules (property, REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let run = 0;

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body, 120_000);

  beforeAll(async () => {
    emulators = await startEmulators();
    sampleRuleNames = wecomRuleNames(emulators);
    ({ harness, server } = await startGateway(emulators));
  });

  afterAll(async () => {
    await harness?.close();
    await emulators?.close();
  });

  /** The sample WeCom rules' names: a Feishu group of one of them is a name conflict, carried nowhere. */
  let sampleRuleNames: ReadonlySet<string>;

  /** N readable WeCom rules of random types and one broken one, planted as the emulator's own app's (deletable). */
  function plantRules(g: Gen): { readable: { id: string; rule: JsonObject }[]; brokenId: string; broken: Mangled } {
    run += 1;
    const count = g(fc.integer, { min: 1, max: 3 });
    const rules = Array.from({ length: count + 1 }, (_, index) =>
      g(() =>
        fc.constantFrom<WecomGrouptype>(1, 2, 3).chain((grouptype) =>
          wecomCheckinRule(grouptype, {
            // Ours, unique per run: W→F makes Feishu groups (and shifts) of these names.
            name: `变体r${run}-${index + 1}`,
            // Three people of their own per rule: a person is in one WeCom rule, and in one Feishu group.
            userids: MAPPED_WECOM.slice(index * 3, index * 3 + 3),
            partyIds: Object.values(SAMPLE_DEPARTMENTS).map((department) => department.wecomPartyId),
            nowSeconds: Math.floor(Date.now() / 1000),
          }),
        ),
      ),
    );
    const broken = mangle(rules[count]!, rngOf(g), 'checkin rule');
    const ids = plantWecomRules(emulators.wecom.emulator, [...rules.slice(0, count), broken.record], SELF_APP).map(
      String,
    );
    return {
      readable: rules.slice(0, count).map((rule, index) => ({ id: ids[index]!, rule })),
      brokenId: ids[count]!,
      broken,
    };
  }

  async function removeRules(ids: readonly string[]): Promise<void> {
    const { wecomAdmin } = vendorAdmins(emulators);
    for (const id of ids) await wecomAdmin.deleteCheckinOption({ groupid: Number(id) });
  }

  it(
    'feishu_to_wecom: a broken WeCom rule (the target side) is the one failed item; every Feishu group is carried',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const { readable, brokenId, broken } = plantRules(g);
          try {
            const result = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
            expectOneReported(result, 'checkin rule', brokenId, broken);
            // Carried: each Feishu group's item names a WeCom rule that WeCom now holds.
            const wecomRules = new Set(emulators.wecom.emulator.rules().map((rule) => String(rule.groupid)));
            for (const group of emulators.feishu.emulator.groups()) {
              const entry = result.items.find((each) => each.sourceId === String(group['group_id']));
              if (sampleRuleNames.has(String(group['group_name']))) {
                expect([group['group_name'], entry?.action, entry?.error]).toEqual([
                  group['group_name'],
                  'skipped',
                  expect.stringMatching(/name conflict|did not create it/),
                ]);
                continue;
              }
              expect([group['group_name'], entry?.action]).toEqual([
                group['group_name'],
                expect.stringMatching(/^(created|updated|unchanged)$/),
              ]);
              expect(wecomRules.has(String(entry!.targetId))).toBe(true);
            }
          } finally {
            await removeRules([...readable.map((each) => each.id), brokenId]);
          }
        }),
        property(0),
      );
    },
    TIMEOUT,
  );

  it(
    'wecom_to_feishu: a broken WeCom rule (the source side) is the one failed item; the readable rules become groups',
    async () => {
      const { feishuAdmin } = vendorAdmins(emulators);
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const { readable, brokenId, broken } = plantRules(g);
          const created: string[] = [];
          try {
            const result = await sync({
              direction: 'wecom_to_feishu',
              scope: 'rules',
              groupIds: [...readable.map((each) => each.id), brokenId],
            });
            created.push(...result.items.flatMap((entry) => (entry.targetId ? [entry.targetId] : [])));
            expectOneReported(result, 'checkin rule', brokenId, broken);
            expect(result.items).toHaveLength(readable.length + 1);
            // Carried: each readable rule is a Feishu group of its name.
            const groups = new Map(
              emulators.feishu.emulator.groups().map((group) => [String(group['group_id']), group['group_name']]),
            );
            for (const { id, rule } of readable) {
              const entry = result.items.find((each) => each.sourceId === id);
              expect([id, entry?.action, entry?.error ?? null]).toEqual([id, 'created', null]);
              expect(groups.get(String(entry!.targetId))).toBe(rule['groupname']);
            }
          } finally {
            // The groups go too, so later feishu_to_wecom runs do not meet them.
            for (const groupId of created) await feishuAdmin.deleteGroup(groupId);
            await removeRules([...readable.map((each) => each.id), brokenId]);
          }
        }),
        property(1),
      );
    },
    TIMEOUT,
  );
});

// ---- rosters -------------------------------------------------------------------------------------------------

/** The schedules as the property's roster generator takes them. */
const STORE_SCHEDULE_LIST = storeSchedules('变体') as WecomScheduleRef[];

describe('record isolation, rosters (property, REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let factoryGroupId: string;
  let storeRuleId: number;
  let storeGroupId: string;
  let run = 0;

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body, 120_000);

  function factoryRule() {
    const rule = emulators.wecom.emulator.rules().find((each) => each.group['groupname'] === '工厂排班');
    if (!rule) throw new Error('the rules sync made no WeCom rule for 工厂排班');
    return rule;
  }

  function wecomDay(groupid: number, userid: string, day: string): unknown {
    const { month, dayNo } = monthAndDay(day);
    return emulators.wecom.emulator
      .schedules()
      .find((entry) => entry.groupid === groupid && entry.userid === userid && entry.yearmonth === month)?.days[dayNo];
  }

  function feishuShiftOn(groupId: string, userId: string, day: string): string | undefined {
    const { month, dayNo } = monthAndDay(day);
    return emulators.feishu.emulator
      .dailyShifts()
      .find(
        (entry) =>
          entry.group_id === groupId && entry.user_id === userId && entry.month === month && entry.day_no === dayNo,
      )?.shift_id;
  }

  /** Three new days per run, apart from every other run's (the roster sync is level-triggered per window). */
  function windowOf(base: number): string[] {
    run += 1;
    return [0, 1, 2].map((offset) => chinaDay(base + run * 4 + offset));
  }

  beforeAll(async () => {
    ({ emulators, storeRuleId } = await startStoreEmulators('变体'));
    ({ harness, server } = await startGateway(emulators));
    factoryGroupId = String(
      emulators.feishu.emulator.groups().find((group) => group['group_name'] === '工厂排班')!['group_id'],
    );
    // The links rosters need: 工厂排班 → a WeCom rule, the store rule → a Feishu group.
    const toWecom = await sync({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(toWecom.status).toBe('succeeded');
    const toFeishu = await sync({ direction: 'wecom_to_feishu', scope: 'rules', groupIds: [String(storeRuleId)] });
    expect(toFeishu.items.map((entry) => [entry.action, entry.error ?? null])).toEqual([['created', null]]);
    storeGroupId = toFeishu.items[0]!.targetId!;
  }, TIMEOUT);

  afterAll(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it(
    'feishu_to_wecom: readable Feishu days are carried; one broken Feishu day or WeCom month is the one failed item',
    async () => {
      const factoryPeople = SAMPLE_PEOPLE.filter((person) => person.department === 'factory').map(
        (person) => person.feishuUserId,
      );
      const shiftsByName = new Map(
        emulators.feishu.emulator.shifts().map((shift) => [String(shift['shift_name']), String(shift['shift_id'])]),
      );
      const shiftNames = new Map([...shiftsByName].map(([name, id]) => [id, name]));
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const days = windowOf(1);
          const side = g(() => fc.constantFrom<Side>('source', 'target'));
          const count = g(fc.integer, { min: 1, max: 4 });
          const context = {
            groupId: factoryGroupId,
            shiftIds: [shiftsByName.get('早班')!, shiftsByName.get('夜班')!, '0'],
            userIds: factoryPeople,
            days,
          };
          const generated = g(() => feishuRosterDays(context, count + 1));
          const readable = generated.slice(0, count);
          const rule = factoryRule();
          let brokenId: string;
          let broken: Mangled;
          let kind: VarianceKind;
          if (side === 'source') {
            kind = 'roster day';
            broken = mangle(generated[count]!, rngOf(g), kind);
            brokenId = feishuRosterDayId(generated[count]!);
            plantFeishuRosterDays(emulators.feishu.emulator, [...readable, broken.record]);
          } else {
            kind = 'monthly schedule';
            const person = wecomIdOf(g(fc.constantFrom, ...factoryPeople));
            const schedules = (rule.group['schedulelist'] as WecomScheduleRef[]).filter(
              (schedule) => schedule.schedule_id === 0 || ['早班', '夜班'].includes(schedule.schedule_name),
            );
            const [entry] = g(() =>
              wecomScheduleEntries({
                groupid: rule.groupid,
                groupname: String(rule.group['groupname']),
                userids: [person],
                schedules,
                days,
              }),
            );
            broken = mangle(entry!, rngOf(g), kind);
            brokenId = wecomScheduleId(entry!);
            plantFeishuRosterDays(emulators.feishu.emulator, readable);
            plantWecomSchedules(emulators.wecom.emulator, [broken.record]);
          }

          const result = await sync({
            direction: 'feishu_to_wecom',
            scope: 'rosters',
            groupIds: [factoryGroupId],
            from: days[0],
            to: days[days.length - 1],
          });
          expectOneReported(result, kind, brokenId, broken);
          // Carried: each readable Feishu day is that person's WeCom day, as the schedule of the shift's name.
          const scheduleIdOf = (shiftId: string): number =>
            shiftId === '0'
              ? 0
              : (factoryRule().group['schedulelist'] as WecomScheduleRef[]).find(
                  (schedule) => schedule.schedule_name === shiftNames.get(shiftId),
                )!.schedule_id;
          for (const day of readable) {
            const date = `${String(day['month']).slice(0, 4)}-${String(day['month']).slice(4)}-${String(day['day_no']).padStart(2, '0')}`;
            const userId = String(day['user_id']);
            expect([userId, date, wecomDay(rule.groupid, wecomIdOf(userId), date)]).toEqual([
              userId,
              date,
              scheduleIdOf(String(day['shift_id'])),
            ]);
          }
        }),
        property(2),
      );
    },
    TIMEOUT,
  );

  it(
    'wecom_to_feishu: readable WeCom months are carried; one broken WeCom month or Feishu day is the one failed item',
    async () => {
      const onTime = (shiftId: string | undefined): string | undefined => {
        if (shiftId === undefined || shiftId === '0') return shiftId === '0' ? 'rest' : undefined;
        const shift = emulators.feishu.emulator.shifts().find((each) => each['shift_id'] === shiftId);
        return String((shift?.['punch_time_rule'] as { on_time: string }[] | undefined)?.[0]?.on_time);
      };
      const expectedOnTime: Readonly<Record<number, string>> = {
        0: 'rest',
        [STORE_SCHEDULES.early]: '9:00',
        [STORE_SCHEDULES.late]: '14:00',
      };
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const days = windowOf(16);
          const side = g(() => fc.constantFrom<Side>('source', 'target'));
          const entries = g(() =>
            wecomScheduleEntries({
              groupid: storeRuleId,
              groupname: '变体门店排班',
              userids: [...STORE_PEOPLE],
              schedules: STORE_SCHEDULE_LIST,
              days,
            }),
          );
          let readable = entries;
          let brokenId: string;
          let broken: Mangled;
          let kind: VarianceKind;
          if (side === 'source') {
            kind = 'monthly schedule';
            const index = g(fc.integer, { min: 0, max: entries.length - 1 });
            readable = entries.filter((_, at) => at !== index);
            broken = mangle(entries[index]!, rngOf(g), kind);
            brokenId = wecomScheduleId(entries[index]!);
            plantWecomSchedules(emulators.wecom.emulator, [...readable, broken.record]);
          } else {
            kind = 'roster day';
            plantWecomSchedules(emulators.wecom.emulator, readable);
            // A Feishu day of someone the WeCom months name, so the gateway reads it as the target's day.
            const person = feishuIdOf(String(g(fc.constantFrom, ...entries)['userid']));
            const storeShifts = emulators.feishu.emulator
              .shifts()
              .filter((shift) => /变体门店/u.test(String(shift['shift_name'])))
              .map((shift) => String(shift['shift_id']));
            const day = g(() =>
              feishuRosterDay({ groupId: storeGroupId, shiftIds: storeShifts, userIds: [person], days }),
            );
            broken = mangle(day, rngOf(g), kind);
            brokenId = feishuRosterDayId(day);
            plantFeishuRosterDays(emulators.feishu.emulator, [broken.record]);
          }

          const result = await sync({
            direction: 'wecom_to_feishu',
            scope: 'rosters',
            groupIds: [String(storeRuleId)],
            from: days[0],
            to: days[days.length - 1],
          });
          expectOneReported(result, kind, brokenId, broken);
          // Carried: each readable month's days are that person's Feishu days, the shift of the same hours.
          for (const entry of readable) {
            const user = feishuIdOf(String(entry['userid']));
            const month = Number(entry['yearmonth']);
            for (const listed of (entry['schedule'] as { scheduleList: JsonObject[] }).scheduleList) {
              const date = `${String(month).slice(0, 4)}-${String(month).slice(4)}-${String(listed['day']).padStart(2, '0')}`;
              const scheduleId = Number((listed['schedule_info'] as JsonObject)['schedule_id']);
              expect([user, date, onTime(feishuShiftOn(storeGroupId, user, date))]).toEqual([
                user,
                date,
                expectedOnTime[scheduleId],
              ]);
            }
          }
        }),
        property(3),
      );
    },
    TIMEOUT,
  );
});

// ---- punches -------------------------------------------------------------------------------------------------

describe('record isolation, punches (property, REST + emulators)', () => {
  let emulators: RunningEmulators;
  let harness: TestApp;
  let server: App;
  let run = 0;

  const sync = (body: Record<string, unknown>) => syncAndWait<RunBody>(server, body, 120_000);

  /** A day of its own per run, weeks before the sample punches and ≥ 4 days from any other run's. */
  function dayOf(base: number): { day: string; from: number; to: number } {
    run += 1;
    const day = chinaDay(base - run * 4);
    // Inside the day, and clear of its last hour: a run's window reaches into the next morning (night shifts).
    const midnight = chinaMidnight(day)!;
    return { day, from: midnight + 3600, to: midnight + 20 * 3600 };
  }

  beforeAll(async () => {
    emulators = await startEmulators();
    ({ harness, server } = await startGateway(emulators));
  });

  afterAll(async () => {
    await harness?.close();
    await emulators?.close();
  });

  it(
    'wecom_to_feishu: readable WeCom punches are carried; a broken WeCom row is the one failed item',
    async () => {
      const groups = emulators.wecom.emulator
        .rules()
        .map((rule) => ({ groupid: rule.groupid, groupname: String(rule.group['groupname']) }));
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const { day, from, to } = dayOf(-20);
          const side = g(() => fc.constantFrom<Side>('source', 'target'));
          const count = g(fc.integer, { min: 1, max: 4 });
          const people = g(() => fc.subarray(MAPPED_WECOM, { minLength: 1, maxLength: 4 }));
          const rows = g(() => wecomCheckinRows({ userids: people, from, to, groups }, count + 1));
          const readable = rows.slice(0, count);
          let broken: Mangled | null = null;
          let brokenId = '';
          if (side === 'source') {
            broken = mangle(rows[count]!, rngOf(g), 'punch');
            brokenId = wecomPunchId(rows[count]!);
            plantWecomPunches(emulators.wecom.emulator, [...readable, broken.record]);
          } else {
            plantWecomPunches(emulators.wecom.emulator, readable);
            // A broken Feishu flow of the same day: the gateway does not read Feishu's punches in this direction.
            const [flow] = g(() => feishuUserFlows({ userIds: people.map(feishuIdOf), from, to }, 1));
            plantFeishuFlows(emulators.feishu.emulator, [mangle(flow!, rngOf(g), 'flow').record]);
          }

          const result = await sync({ direction: 'wecom_to_feishu', scope: 'punches', from: day, to: day });
          if (broken) expectOneReported(result, 'punch', brokenId, broken);
          else expectNoneReported(result);
          // Carried: each readable row is one Feishu flow of the mapped person at the same second.
          const flows = emulators.feishu.emulator.flows();
          for (const row of readable) {
            const user = feishuIdOf(String(row['userid']));
            const time = String(row['checkin_time']);
            const copies = flows.filter((flow) => flow['user_id'] === user && flow['check_time'] === time);
            expect([user, time, copies.length]).toEqual([user, time, 1]);
          }
        }),
        property(4),
      );
    },
    TIMEOUT,
  );

  it(
    'feishu_to_wecom: readable Feishu flows are carried; a broken Feishu flow is the one failed item',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const { day, from, to } = dayOf(-40);
          const side = g(() => fc.constantFrom<Side>('source', 'target'));
          const count = g(fc.integer, { min: 1, max: 4 });
          const people = g(() => fc.subarray(MAPPED_FEISHU, { minLength: 1, maxLength: 4 }));
          const flows = g(() => feishuUserFlows({ userIds: people, from, to }, count + 1));
          const readable = flows.slice(0, count);
          let broken: Mangled | null = null;
          let brokenId = '';
          if (side === 'source') {
            broken = mangle(flows[count]!, rngOf(g), 'flow');
            const ids = plantFeishuFlows(emulators.feishu.emulator, [...readable, broken.record]);
            brokenId = ids[count]!;
          } else {
            plantFeishuFlows(emulators.feishu.emulator, readable);
            // A broken WeCom row of the same day: the gateway does not read WeCom's punches in this direction.
            const [row] = g(() => wecomCheckinRows({ userids: people.map(wecomIdOf), from, to }, 1));
            plantWecomPunches(emulators.wecom.emulator, [mangle(row!, rngOf(g), 'punch').record]);
          }

          const result = await sync({ direction: 'feishu_to_wecom', scope: 'punches', from: day, to: day });
          if (broken) expectOneReported(result, 'flow', brokenId, broken);
          else expectNoneReported(result);
          // Carried: each readable flow is one WeCom punch of the mapped person at the same second — except
          // flows of type 3 (system generated) and 4 (off-duty no-punch), which are no one's punch and are
          // skipped (feishu-punch.mapper.ts).
          const punches = emulators.wecom.emulator.checkinData();
          for (const flow of readable) {
            const user = wecomIdOf(String(flow['user_id']));
            const time = Number(flow['check_time']);
            const carried = (other: JsonObject) => other['type'] !== 3 && other['type'] !== 4;
            const sameSecond = readable.filter(
              (other) => other['user_id'] === flow['user_id'] && Number(other['check_time']) === time,
            );
            const expected = sameSecond.some(carried) ? 1 : 0;
            const copies = punches.filter((punch) => punch.userid === user && punch.checkin_time === time);
            expect([user, time, flow['type'], copies.length]).toEqual([user, time, flow['type'], expected]);
          }
        }),
        property(5),
      );
    },
    TIMEOUT,
  );
});
