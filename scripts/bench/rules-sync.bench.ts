// The rules sync at scale: N Feishu attendance groups → WeCom checkin rules through the real engine
// (the rules reconciler, Feishu → WeCom, the real vendor clients, a real mapping store on embedded PostgreSQL) against both
// emulators enforcing the vendors' published rate limits. Two runs: the first creates every rule, the second
// finds nothing changed. Each is compared with the rate-limit floor of the requests it actually made, and the
// second must make no vendor write at all (printed, and the exit code says so).
//
// The tenant is the sample company (its 3 groups and 4 shifts) grown to N groups through Feishu's own API, so
// every seeded group passed the emulator's validation: fixed groups on a handful of week patterns (some with
// special days), free groups with varied hours, and a few 排班 groups each with a roster of their own.
import {
  FeishuClient,
  groupForUpdate,
  type FeishuGroup,
  type FeishuGroupCreate,
  type FeishuPunchTimeRuleCreate,
  type FeishuShiftCreate,
  type FeishuUserDailyShift,
} from '@app/feishu';
import { FeishuRulesConnector, WecomRulesConnector } from '@app/connectors';
import { chinaEpochDayOf, formatDayInt, mondayFirstWeekday } from '@app/kernel';
import { openMappingStore, type MappingStore, type SyncRunItem } from '@app/mapping-store';
import { MIGRATIONS } from '@app/migrations';
import { WecomClient } from '@app/wecom';
import {
  SAMPLE_CREDENTIALS,
  SAMPLE_DEPARTMENTS,
  SAMPLE_PEOPLE,
  type SampleDepartmentKey,
} from '../../apps/emulators/src/sample-company/people.js';
import { SAMPLE_GROUP_NAMES, SAMPLE_SHIFT_NAMES } from '../../apps/emulators/src/feishu/index.js';
import { startEmulators, type RunningEmulators } from '../../apps/emulators/src/start-emulators.js';
import { loadIdResolver } from '../../apps/gateway/src/sync/id-resolver.loader.js';
import { RULES_RECONCILER } from '../../apps/gateway/src/sync/rules/rules.reconciler.js';
import { bindingLimit, describeFloor, pace, shortLabel, writesOf } from './bench-floor.js';
import { measure, peakRssMb, type ScenarioResult } from './bench-report.js';
import { UnreadableRecords } from '../../apps/gateway/src/sync/engine/unreadable-records.js';

export interface RulesSyncBench {
  /** The first run (every rule created), then the no-change re-run. */
  readonly results: readonly ScenarioResult[];
  /** The seeded mix, then per run what set its floor and where the wall time went (see pace()). */
  readonly notes: readonly string[];
  /** One line per check, e.g. "re-run: vendor write calls (none): 0 (expected 0) ok". */
  readonly checks: readonly { readonly line: string; readonly ok: boolean }[];
}

/** The people who get a 排班 group of their own (one person can be rostered in one group per day). */
const ROSTERED_PEOPLE = ['e1002', 'e1003', 'e1004', 'e3004'] as const;
/** The engine reads a 排班 group's roster 31 days back and 62 ahead; the seed covers a little more. */
const ROSTER_DAYS_BACK = 35;
const ROSTER_DAYS_AHEAD = 70;

export interface RulesSyncOptions {
  /**
   * Stalls every vendor call of the measured runs that long (the emulators' latency fault), as the real
   * vendors' round trips would: the emulators answer in a millisecond, the real ones in 50–200.
   */
  readonly latencyMs?: number;
  /**
   * Runs each measured run (its timing included) inside it: translation-share.bench.ts profiles the runs this
   * way. Absent: the run as it is.
   */
  readonly around?: <T>(scenario: string, run: () => Promise<T>) => Promise<T>;
}

/** The two runs' ids: uuids, as the store's run ids are (a name conflict records the run that opened it). */
const BENCH_RUN_IDS = ['00000000-0000-4000-8000-0000000be001', '00000000-0000-4000-8000-0000000be002'] as const;

/**
 * Runs the scenario with `groups` Feishu groups in all (the sample company's 3 included). Both runs share one
 * pair of clients, as the gateway's one client per vendor does, with the default (published) rate limits.
 */
export async function rulesSyncScenario(groups: number, options: RulesSyncOptions = {}): Promise<RulesSyncBench> {
  const emulators = await startEmulators();
  const { store } = await openMappingStore({ kind: 'embedded' }, { migrations: MIGRATIONS, runMigrations: true });
  try {
    await seedMappings(store);
    // A sample group whose name a sample WeCom rule has (总部固定班) is a name conflict: no rule is created for it.
    const ruleNames = new Set(emulators.wecom.emulator.rules().map((rule) => String(rule.group['groupname'])));
    const conflicts = emulators.feishu.emulator
      .groups()
      .filter((group) => ruleNames.has(String(group['group_name']))).length;
    const seeded = await seedFeishuGroups(emulators, groups);
    const latencyMs = options.latencyMs ?? 0;
    if (latencyMs > 0) {
      const stall = [{ endpoint: '*', kind: 'latency', probability: 1, latencyMs }] as const;
      emulators.feishu.emulator.faults.configure(stall);
      emulators.wecom.emulator.faults.configure(stall);
    }

    const feishu = new FeishuClient({
      ...SAMPLE_CREDENTIALS.feishu,
      baseUrl: emulators.feishu.server.url,
      employeeType: 'employee_id',
      deptType: 'open_id',
    });
    const wecom = new WecomClient({ ...SAMPLE_CREDENTIALS.wecom, baseUrl: emulators.wecom.server.url });

    const label = `rules: ${groups} groups Feishu → WeCom${latencyMs > 0 ? ` (+${latencyMs} ms per call)` : ''}`;
    const around = options.around ?? ((_scenario, run) => run());
    const measuredRun = (scenario: string, runId: string) =>
      measureRun(scenario, emulators, store, feishu, wecom, runId, around);
    const first = await measuredRun(`${label} (first run)`, BENCH_RUN_IDS[0]);
    // A re-run comes minutes later in practice. The pause lets the first run's last getcorpcheckinoption
    // (60/min: one per second) and Feishu's 1 s windows pass, so the re-run is paced by its own calls only.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await measuredRun(`${label} (no-change re-run)`, BENCH_RUN_IDS[1]);

    const firstWrites = writesOf(first.requests);
    const listed = (writes: ReadonlyMap<string, number>) =>
      [...writes.entries()].map(([endpoint, count]) => `${shortLabel(endpoint)}=${count}`).join(' ') || 'none';
    const checks = [
      check(
        'first run: items created',
        first.items.filter((entry) => entry.action === 'created').length,
        groups - conflicts,
        failures(first.items),
      ),
      check(
        'first run: name conflicts',
        first.items.filter((entry) => entry.action === 'skipped').length,
        conflicts,
        failures(first.items),
      ),
      // One add per group without a name conflict and no other write.
      check(`first run: vendor write calls (${listed(firstWrites)})`, sum(firstWrites), groups - conflicts),
      check(
        're-run: items unchanged',
        again.items.filter((entry) => entry.action === 'unchanged').length,
        groups - conflicts,
        failures(again.items),
      ),
      check(`re-run: vendor write calls (${listed(writesOf(again.requests))})`, sum(writesOf(again.requests)), 0),
      check('both runs: rate-limit errors', first.result.rateLimitErrors + again.result.rateLimitErrors, 0),
    ];
    const notes = [
      `seeded: ${seeded}`,
      `first run: ${describeFloor(first.requests)}; ${first.pace}`,
      `re-run: ${describeFloor(again.requests)}; ${again.pace}`,
    ];
    return { results: [first.result, again.result], notes, checks };
  } finally {
    await store.close();
    await emulators.close();
  }
}

// ---- one measured run ---------------------------------------------------------------------------------------

interface MeasuredRun {
  readonly result: ScenarioResult;
  readonly items: readonly SyncRunItem[];
  /** Requests by endpoint ("METHOD /path/template"), both vendors. */
  readonly requests: Readonly<Record<string, number>>;
  /** Where the wall time went, along the endpoint that sets the floor (see pace()). */
  readonly pace: string;
}

async function measureRun(
  scenario: string,
  emulators: RunningEmulators,
  store: MappingStore,
  feishu: FeishuClient,
  wecom: WecomClient,
  runId: string,
  around: NonNullable<RulesSyncOptions['around']>,
): Promise<MeasuredRun> {
  const feishuFrom = emulators.feishu.emulator.calls().length;
  const wecomFrom = emulators.wecom.emulator.requests.list().length;
  const startedAt = Date.now();
  const {
    result: items,
    wallSeconds,
    cpuSeconds,
  } = await around(scenario, () =>
    measure(async () => {
      // As the run executor does: the id mappings are loaded once per run, then the engine runs.
      const resolver = await loadIdResolver(store, 'table');
      const context = {
        runId,
        dryRun: false,
        store,
        resolver,
        now: () => new Date(),
        unreadable: new UnreadableRecords(),
      };
      return RULES_RECONCILER.run(
        context,
        {
          feishu: (options) => new FeishuRulesConnector(feishu, options),
          wecom: (options) => new WecomRulesConnector(wecom, options),
        },
        'feishu_to_wecom',
      );
    }),
  );
  const endedAt = Date.now();
  const feishuCalls = emulators.feishu.emulator.calls().slice(feishuFrom);
  const wecomCalls = emulators.wecom.emulator.requests.list().slice(wecomFrom);

  const requests: Record<string, number> = {};
  const arrivals = new Map<string, number[]>();
  const arrived = (endpoint: string, at: number) => {
    increment(requests, endpoint);
    const times = arrivals.get(endpoint) ?? [];
    times.push(at);
    arrivals.set(endpoint, times);
  };
  for (const call of feishuCalls) arrived(call.endpoint, call.at);
  for (const call of wecomCalls) arrived(`${call.method} ${call.path}`, call.at);
  const binding = bindingLimit(requests);
  const rateLimitErrors =
    feishuCalls.filter((call) => call.status === 429 || call.code === 99991400).length +
    wecomCalls.filter((call) => call.code === 45009 || call.code === 45033).length;
  return {
    items,
    requests,
    pace: pace(arrivals.get(binding.endpoint) ?? [], startedAt, endedAt, binding),
    result: {
      scenario,
      requests: feishuCalls.length + wecomCalls.length,
      byEndpoint: Object.fromEntries(Object.entries(requests).map(([endpoint, n]) => [shortLabel(endpoint), n])),
      wallSeconds,
      floorSeconds: binding.seconds,
      rateLimitErrors,
      peakRssMb: peakRssMb(),
      cpuSeconds,
    },
  };
}

// ---- seeding ------------------------------------------------------------------------------------------------

async function seedMappings(store: MappingStore): Promise<void> {
  await store.users.upsertMany(SAMPLE_PEOPLE.map(({ feishuUserId, wecomUserId }) => ({ feishuUserId, wecomUserId })));
  await store.departments.upsertMany(
    Object.values(SAMPLE_DEPARTMENTS).map(({ feishuDepartmentId, wecomPartyId }) => ({
      feishuDepartmentId,
      wecomPartyId,
    })),
  );
}

/**
 * Grows the sample company to `total` groups through Feishu's API (the seeding is not measured); answers the
 * mix, e.g. "500 groups: 290 fixed (41 with special days), 205 free, 5 排班 with rosters; 9 shifts".
 */
async function seedFeishuGroups(emulators: RunningEmulators, total: number): Promise<string> {
  const admin = new FeishuClient({
    ...SAMPLE_CREDENTIALS.feishu,
    baseUrl: emulators.feishu.server.url,
    employeeType: 'employee_id',
    deptType: 'open_id',
  });
  const samples = emulators.feishu.emulator.groups();
  const extra = total - samples.length;
  if (extra < ROSTERED_PEOPLE.length + 2)
    throw new Error(`the rules bench needs at least ${samples.length + 6} groups`);

  const shifts = await seedShifts(admin);
  const template = async (name: string): Promise<FeishuGroupCreate> => {
    const model = samples.find((group) => group['group_name'] === name);
    if (!model) throw new Error(`the sample company has no group "${name}"`);
    const group: FeishuGroup = await admin.getGroup(String(model['group_id']));
    const { group_id: _id, ...body } = groupForUpdate(group);
    // groupForUpdate leaves locations out (they only ever append); a new group needs them, without their ids.
    const locations = (group.locations ?? []).map(({ location_id: _location, ...location }) => location);
    return { ...body, locations };
  };
  const templates = {
    fixed: await template(SAMPLE_GROUP_NAMES.fixed),
    shiftBased: await template(SAMPLE_GROUP_NAMES.shiftBased),
    free: await template(SAMPLE_GROUP_NAMES.free),
  };
  const today = chinaEpochDayOf(Date.now() / 1000);
  const bodies = Array.from({ length: extra }, (_, index) =>
    index < ROSTERED_PEOPLE.length
      ? shiftBasedGroup(templates.shiftBased, index)
      : index % 20 < 11
        ? fixedGroup(templates.fixed, shifts, index, today)
        : freeGroup(templates.free, index),
  );
  // The client paces POST /groups at Feishu's 50/s; all at once is the fastest the limit allows.
  const created = await Promise.all(bodies.map((body) => admin.createOrUpdateGroup(body)));

  const roster: FeishuUserDailyShift[] = [];
  const rota = [shifts.middle, shifts.middle, shifts.storeEarly, shifts.storeEarly, '0'];
  ROSTERED_PEOPLE.forEach((userId, index) => {
    const groupId = created[index]?.group_id ?? '';
    for (let day = today - ROSTER_DAYS_BACK; day <= today + ROSTER_DAYS_AHEAD; day++) {
      const dayInt = formatDayInt(day);
      const shiftId = rota[(day + index) % rota.length] ?? '0';
      roster.push({
        group_id: groupId,
        shift_id: shiftId,
        month: Math.floor(dayInt / 100),
        user_id: userId,
        day_no: dayInt % 100,
      });
    }
  });
  const written = await admin.batchCreateUserDailyShifts(roster);
  if (written.rejected.length > 0 || written.applied.length !== roster.length) {
    throw new Error(`seeding the rosters: ${written.rejected.length} of ${roster.length} days were refused`);
  }

  const all = emulators.feishu.emulator.groups();
  const ofType = (type: number) => all.filter((group) => group['group_type'] === type);
  const special = ofType(0).filter((group) => Array.isArray(group['need_punch_special_days'])).length;
  return (
    `${all.length} groups: ${ofType(0).length} fixed (${special} with special days), ${ofType(3).length} free, ` +
    `${ofType(2).length} 排班 with rosters; ${emulators.feishu.emulator.shifts().length} shifts`
  );
}

interface SeedShifts {
  readonly standard: string;
  readonly early: string;
  readonly night: string;
  readonly flexible: string;
  readonly middle: string;
  readonly storeEarly: string;
  readonly storeLate: string;
  readonly warehouse: string;
  readonly halfDay: string;
}

function segment(onTime: string, offTime: string, lateMinutes = 5): FeishuPunchTimeRuleCreate {
  return {
    on_time: onTime,
    off_time: offTime,
    late_minutes_as_late: lateMinutes,
    late_minutes_as_lack: 60,
    on_advance_minutes: 60,
    early_minutes_as_early: lateMinutes,
    early_minutes_as_lack: 60,
    off_delay_minutes: 120,
    late_minutes_as_serious_late: 30,
    no_need_on: false,
    no_need_off: false,
  };
}

/** The sample company's four shifts plus five a larger company would have. */
async function seedShifts(admin: FeishuClient): Promise<SeedShifts> {
  const existing = new Map<string, string>();
  for await (const shift of admin.listShifts({ pageSize: 50 })) existing.set(shift.shift_name, shift.shift_id);
  const sample = (name: string): string => {
    const id = existing.get(name);
    if (!id) throw new Error(`the sample company has no shift "${name}"`);
    return id;
  };
  const create = async (shift: FeishuShiftCreate): Promise<string> => (await admin.createShift(shift)).shift_id;
  const [middle, storeEarly, storeLate, warehouse, halfDay] = await Promise.all([
    create({
      shift_name: '中班',
      punch_times: 1,
      punch_time_rule: [segment('14:00', '22:00')],
      rest_time_rule: [{ rest_begin_time: '18:00', rest_end_time: '18:30' }],
    }),
    create({ shift_name: '门店早班', punch_times: 1, punch_time_rule: [segment('7:30', '15:30', 10)] }),
    create({ shift_name: '门店晚班', punch_times: 1, punch_time_rule: [segment('13:30', '21:30', 10)] }),
    create({
      shift_name: '仓库班',
      punch_times: 1,
      punch_time_rule: [segment('8:30', '17:30')],
      rest_time_rule: [{ rest_begin_time: '12:00', rest_end_time: '13:00' }],
    }),
    create({ shift_name: '半日班', punch_times: 1, punch_time_rule: [segment('9:00', '13:00')] }),
  ]);
  return {
    standard: sample(SAMPLE_SHIFT_NAMES.standard),
    early: sample(SAMPLE_SHIFT_NAMES.early),
    night: sample(SAMPLE_SHIFT_NAMES.night),
    flexible: sample(SAMPLE_SHIFT_NAMES.flexible),
    middle: middle ?? '',
    storeEarly: storeEarly ?? '',
    storeLate: storeLate ?? '',
    warehouse: warehouse ?? '',
    halfDay: halfDay ?? '',
  };
}

const CITIES = ['上海', '苏州', '杭州', '南京', '无锡', '宁波', '合肥', '广州', '深圳', '成都', '武汉', '西安'];
const DEPARTMENT_KEYS: readonly SampleDepartmentKey[] = ['headquarters', 'factory', 'stores'];

function departmentOf(index: number): { readonly id: string; readonly leader: string } {
  const key = DEPARTMENT_KEYS[index % DEPARTMENT_KEYS.length] ?? 'headquarters';
  const leader = SAMPLE_PEOPLE.find((person) => person.department === key)?.feishuUserId ?? 'e1001';
  return { id: SAMPLE_DEPARTMENTS[key].feishuDepartmentId, leader };
}

/** GPS locations spread over the cities (a new place per group), map_type and radius as the template has them. */
function locationsFor(template: FeishuGroupCreate, index: number): NonNullable<FeishuGroupCreate['locations']> {
  const city = CITIES[index % CITIES.length] ?? '上海';
  return (template.locations ?? []).map((location) => {
    if (location.location_type !== 1) {
      // Wi-Fi: one access point per site.
      const octet = (value: number) => (value & 0xff).toString(16).padStart(2, '0');
      return {
        ...location,
        location_name: `${city}${index}号 Wi-Fi`,
        bssid: `3c:84:6a:${octet(index >> 8)}:${octet(index)}:01`,
      };
    }
    return {
      ...location,
      location_name: `${city}${index}号站点`,
      latitude: round6((location.latitude ?? 31.2) + ((index % 97) - 48) * 0.0021),
      longitude: round6((location.longitude ?? 121.5) + ((index % 89) - 44) * 0.0023),
    };
  });
}

function fixedGroup(template: FeishuGroupCreate, shifts: SeedShifts, index: number, today: number): FeishuGroupCreate {
  const { standard, flexible, warehouse, storeEarly, storeLate, halfDay } = shifts;
  const weeks: readonly string[][] = [
    [standard, standard, standard, standard, standard, '0', '0'],
    [standard, standard, standard, standard, flexible, '0', '0'],
    [warehouse, warehouse, warehouse, warehouse, warehouse, warehouse, '0'],
    [storeEarly, storeEarly, storeLate, storeLate, storeEarly, storeLate, '0'],
    [standard, standard, standard, standard, standard, halfDay, '0'],
  ];
  const department = departmentOf(index);
  const body: FeishuGroupCreate = {
    ...template,
    group_name: `${CITIES[index % CITIES.length] ?? ''}${index}号 固定班`,
    bind_dept_ids: [department.id],
    group_leader_ids: [department.leader],
    punch_day_shift_ids: weeks[index % weeks.length] ?? [],
    locations: locationsFor(template, index),
  };
  if (index % 7 === 0) {
    // A make-up working Saturday and a day off, a few weeks ahead (as holiday adjustments come).
    const saturday = today + 21 + ((5 - mondayFirstWeekday(today + 21) + 7) % 7);
    return {
      ...body,
      need_punch_special_days: [{ punch_day: formatDayInt(saturday), shift_id: standard }],
      no_need_punch_special_days: [{ punch_day: formatDayInt(saturday + 2), shift_id: '0' }],
    };
  }
  return body;
}

function freeGroup(template: FeishuGroupCreate, index: number): FeishuGroupCreate {
  const department = departmentOf(index);
  const punchDays = [1111100, 1111110, 1111111];
  return {
    ...template,
    group_name: `${CITIES[index % CITIES.length] ?? ''}${index}号 自由班`,
    bind_dept_ids: [department.id],
    group_leader_ids: [department.leader],
    free_punch_cfg: {
      ...template.free_punch_cfg,
      free_start_time: `${6 + (index % 3)}:00`,
      free_end_time: `${20 + (index % 3)}:00`,
      punch_day: punchDays[index % punchDays.length] ?? 1111100,
      work_hours: 420 + (index % 4) * 30,
    },
    locations: locationsFor(template, index),
  };
}

/** A 排班 group of one rostered person (bound by user id: an explicit binding wins over departments). */
function shiftBasedGroup(template: FeishuGroupCreate, index: number): FeishuGroupCreate {
  const userId = ROSTERED_PEOPLE[index] ?? 'e1002';
  return {
    ...template,
    group_name: `${CITIES[index % CITIES.length] ?? ''}${index}号 排班`,
    bind_dept_ids: [],
    bind_user_ids: [userId],
    group_leader_ids: [userId],
    locations: locationsFor(template, index),
  };
}

// ---- small helpers ------------------------------------------------------------------------------------------

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function sum(counts: ReadonlyMap<string, number>): number {
  return [...counts.values()].reduce((total, count) => total + count, 0);
}

function failures(items: readonly SyncRunItem[]): string | undefined {
  const failed = items.filter((entry) => entry.error !== null);
  if (failed.length === 0) return undefined;
  const first = failed[0];
  return `${failed.length} items with an error, first: ${first?.sourceId} ${first?.action}: ${first?.error}`;
}

function check(what: string, actual: number, expected: number, detail?: string) {
  const ok = actual === expected;
  return {
    ok,
    line: `${what}: ${actual} (expected ${expected}) ${ok ? 'ok' : 'FAILED'}${detail ? ` — ${detail}` : ''}`,
  };
}
