import { FeishuRostersConnector, WecomRostersConnector } from '@app/connectors';
import type { FeishuClient, FeishuGroup, FeishuShift } from '@app/feishu';
import type { ShiftLink, ShiftLinkSide } from '@app/mapping-store';
import { canonicalToWecom, feishuToCanonical, tableIdResolver, type IdResolver } from '@app/translation';
import type { WecomClient } from '@app/wecom';
import { UnreadableRecords } from '../engine/unreadable-records.js';
import { FeishuRostersSource } from './feishu-rosters.roster-side.js';
import type { RostersRunContext } from './rosters.reconciler.js';
import { addRecordedPairs, ShiftPairs } from './shift-pairs.js';
import { WecomRostersSource, WecomRostersTarget } from './wecom-rosters.roster-side.js';

// Shift pairs of one 排班 group, as the Feishu and WeCom roster roles give them: a WeCom schedule id derived
// from a Feishu shift, and the shift links the rules sync recorded. Groups and shifts in Feishu's READ shape.

const NOW = Date.UTC(2026, 2, 1) / 1000;
const resolver = tableIdResolver(new Map([['e1', 'w1']]), new Map([['od-1', '3']]));

function shift(id: string, name: string, on: string, off: string): FeishuShift {
  return {
    shift_id: id,
    shift_name: name,
    punch_times: 1,
    is_flexible: false,
    punch_time_rule: [
      {
        on_time: on,
        off_time: off,
        late_minutes_as_late: 5,
        late_minutes_as_lack: 60,
        on_advance_minutes: 60,
        early_minutes_as_early: 5,
        early_minutes_as_lack: 60,
        off_delay_minutes: 120,
        no_need_on: true,
        no_need_off: true,
      },
    ],
  };
}

const GROUP = {
  group_id: '7010000000000000001',
  group_name: '工厂排班',
  time_zone: 'Asia/Shanghai',
  group_type: 2,
  bind_user_ids: ['e1'],
  bind_dept_ids: ['od-1'],
  punch_day_shift_ids: [],
  calendar_id: 1,
  locations: [
    {
      location_id: '01',
      location_name: '苏州工业园区星湖街328号',
      location_type: 1,
      latitude: 31.2652,
      longitude: 120.7362,
      map_type: 1,
      gps_range: 500,
    },
  ],
} as unknown as FeishuGroup;

const EARLY = shift('7010000000000000011', '早班', '8:00', '16:00');
const NIGHT = shift('7010000000000000012', '夜班', '22:00', '30:00');
const LATE = shift('7010000000000000013', '晚班', '16:00', '24:00');
const SMALL = shift('4242', '短班', '9:00', '12:00');

/** A rule's schedules as its RosterGroup names them (the rest day 0 included, as WeCom lists it). */
function rule(scheduleIds: readonly number[]): ReadonlyMap<string, string> {
  return new Map([0, ...scheduleIds].map((id) => [String(id), id === 0 ? '休息' : `s${id}`]));
}

function context(ids: IdResolver, now: number): RostersRunContext {
  return {
    runId: 'run',
    dryRun: false,
    store: {} as RostersRunContext['store'],
    resolver: ids,
    now: () => new Date(now * 1000),
    unreadable: new UnreadableRecords(),
  };
}

/**
 * The WeCom target's derived key of a shift the Feishu source describes, the group and shift read from a Feishu
 * that holds them: the schedule id the rules sync gives the shift in the rule it writes for the group.
 */
async function derivedScheduleId(group: FeishuGroup, each: FeishuShift, ids: IdResolver, now: number) {
  const client = {
    getGroup: async () => group,
    getShift: async () => each,
  } as unknown as FeishuClient;
  const run = context(ids, now);
  const feishu = new FeishuRostersSource(run, new FeishuRostersConnector(client));
  const read = await feishu.group(group.group_id);
  if (!read || 'unreadable' in read) throw new Error('no group');
  const handle = await feishu.shift(read, each.shift_id);
  if (!handle) throw new Error('no shift');
  const rule = feishu.describeShift(group.group_id, handle);
  const wecom = new WecomRostersTarget(run, new WecomRostersConnector({} as WecomClient));
  const key = rule && wecom.derivedShiftKey(rule);
  return key === null ? null : Number(key);
}

/** A shift link with a WeCom side of `wecomKind` and, when `feishuShiftId` is given, a Feishu shift side. */
function link(feishuShiftId: string | null, wecomKey: string, wecomKind = 'schedule'): ShiftLink {
  const sides = new Map<string, ShiftLinkSide>([['wecom', { kind: wecomKind, key: wecomKey, name: null }]]);
  if (feishuShiftId !== null) sides.set('feishu', { kind: 'shift', key: feishuShiftId, name: null });
  return { id: `l-${wecomKey}`, groupLinkId: 'g', sides, contentHash: null };
}

describe('the derived schedule id (WecomRostersTarget.derivedShiftKey of FeishuRostersSource.describeShift)', () => {
  it('is the schedule_id the rules sync gives each shift in the rule it writes for the group', async () => {
    const shifts = [EARLY, NIGHT, LATE, SMALL];
    const canonical = feishuToCanonical({ group: GROUP, shifts });
    if (!canonical.ok) throw new Error(JSON.stringify(canonical.losses));
    const written = canonicalToWecom(canonical.value, { resolver, ruleName: '工厂排班', nowUnixSeconds: NOW });
    if (!written.ok) throw new Error(JSON.stringify(written.losses));
    const byName = new Map((written.value.schedulelist ?? []).map((schedule) => [schedule.schedule_name, schedule]));
    for (const each of shifts) {
      const expected = byName.get(each.shift_name)?.schedule_id;
      expect(expected).toEqual(expect.any(Number));
      expect(await derivedScheduleId(GROUP, each, resolver, NOW)).toBe(expected);
    }
    // A small numeric shift id is kept as the schedule id; others are hashed into 1 … 2^31−1.
    expect(await derivedScheduleId(GROUP, SMALL, resolver, NOW)).toBe(4242);
  });

  it('is null when the group cannot be translated into a WeCom rule (nobody in it maps to WeCom)', async () => {
    expect(await derivedScheduleId(GROUP, EARLY, tableIdResolver(new Map(), new Map()), NOW)).toBeNull();
  });
});

const feishuSide = new FeishuRostersSource(context(resolver, NOW), new FeishuRostersConnector({} as FeishuClient));
const wecomSide = new WecomRostersSource(context(resolver, NOW), new WecomRostersConnector({} as WecomClient));

/** Feishu → WeCom pairs: the Feishu group lists no shifts, the rule its schedules. */
const toWecom = (scheduleIds: readonly number[]) => new ShiftPairs(null, rule(scheduleIds));

describe('ShiftPairs', () => {
  it('maps rest to rest both ways without a pair', () => {
    const map = toWecom([11]);
    expect(map.targetOf('0')).toBe('0');
    expect(map.sourceOf('0')).toBe('0');
    expect(map.size).toBe(0);
  });

  it.each([
    { name: 'a schedule the rule has', pairs: [['a', '11']], add: ['b', '12'], added: true },
    { name: 'a schedule the rule lacks', pairs: [], add: ['b', '99'], added: false },
    { name: 'a Feishu shift already paired', pairs: [['a', '11']], add: ['a', '12'], added: false },
    { name: 'a schedule already paired', pairs: [['a', '11']], add: ['b', '11'], added: false },
    { name: 'the rest shift "0"', pairs: [], add: ['0', '11'], added: false },
  ] as const)('adding $name → $added', ({ pairs, add, added }) => {
    const map = toWecom([11, 12]);
    for (const [feishu, wecom] of pairs) map.add(feishu, wecom, 'link');
    expect(map.add(add[0], add[1], 'derived')).toBe(added);
  });

  it('pairs a WeCom source with a Feishu target only among the schedules its rule offers', () => {
    const map = new ShiftPairs(rule([11]), null);
    expect([map.add('12', 'fA', 'derived'), map.sourceOffers('12')]).toEqual([false, false]);
    expect([map.add('11', 'fA', 'derived'), map.targetOf('11'), map.sourceOf('fA')]).toEqual([true, 'fA', '11']);
  });

  const recorded = [
    link('fB', '12'),
    link('fA', '11'),
    link('fA', '13'), // identical schedules share a shift: the first (lowest id) keeps it
    link(null, '14'),
    link('fC', 'x'),
    link('fD', '1', 'checkintime'),
  ];

  it('takes the recorded schedule links of the group, one Feishu shift per schedule, the lowest id first', () => {
    const map = toWecom([11, 12, 13]);
    addRecordedPairs(map, recorded, feishuSide, wecomSide);
    expect([map.targetOf('fA'), map.targetOf('fB'), map.targetOf('fC'), map.targetOf('fD')]).toEqual([
      '11',
      '12',
      undefined,
      undefined,
    ]);
    expect(map.sourceOf('13')).toBeUndefined();
    expect(map.countOf('link')).toBe(2);
  });

  it("names a schedule as the rule does (the WeCom side's shift of its group)", async () => {
    const group = { id: '100', notRostered: null, shifts: rule([12]), namedUsers: [] };
    expect(await wecomSide.shift(group, '12')).toEqual({ id: '12', name: 's12' });
    expect(await wecomSide.shift(group, '13')).toBeNull();
  });

  it('takes the same pairs the other way round (WeCom source, Feishu target)', () => {
    const map = new ShiftPairs(rule([11, 12, 13]), null);
    addRecordedPairs(map, recorded, wecomSide, feishuSide);
    expect([map.targetOf('11'), map.targetOf('12'), map.targetOf('13'), map.sourceOf('fA')]).toEqual([
      'fA',
      'fB',
      undefined,
      '11',
    ]);
    expect(map.countOf('link')).toBe(2);
  });
});
