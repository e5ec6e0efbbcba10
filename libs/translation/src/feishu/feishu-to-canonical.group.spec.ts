import { feishuGroupSchema, feishuShiftSchema, type FeishuGroup, type FeishuShift } from '@app/feishu/model';
import type { CanonicalRule } from '../canonical/canonical-rule.js';
import type { Loss, Translation } from '../canonical/loss.js';
import { GCJ02_REFERENCE_POINTS } from '../../test/gcj02-reference-points.js';
import {
  DEFAULT_GOOGLE_MAP_DATUM,
  feishuReadToCanonical,
  feishuToCanonical,
  type FeishuToCanonicalInput,
} from './feishu-to-canonical.mapper.js';
import { FEISHU_SHIFT_ID, feishuReadGroup, feishuReadShift } from '../../test/feishu-read.fixtures.js';

// Feishu → canonical: how the group and its shifts are read (refusals, the exact losses), which shifts a group
// uses, its week and special days, its time zone and how each shift's segments are checked. Inputs are in the
// READ shape (GET /groups/:id and GET /shifts/:id data; feishu-create-update-group.md, feishu-get-shift.md).

const DAY = FEISHU_SHIFT_ID;
const NIGHT = '6919358778597097405';
const readShift = feishuReadShift;
const readGroup = (overrides: Record<string, unknown> = {}) => feishuReadGroup(overrides);

const shiftBased = (overrides: Record<string, unknown> = {}) =>
  readGroup({ group_type: 2, punch_day_shift_ids: [], ...overrides });

function map(group: unknown, shifts: unknown[] = [readShift()]): Translation<CanonicalRule> {
  return feishuToCanonical({ group, shifts });
}

function ok(result: Translation<CanonicalRule>): CanonicalRule {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.losses, null, 1)}`);
  return result.value;
}

/**
 * Every loss except the overtime note, which every rule carries (Feishu's overtime rules are outside the group
 * API, feishu-create-update-group.md): what is left is what the case under test reported.
 */
function notes(result: Translation<CanonicalRule>): readonly Loss[] {
  return result.losses.filter((loss) => loss.field !== 'overtime');
}

/** A refused field's loss; a small value (text, number, boolean, null) read there is carried as sourceValue. */
const unreadable = (field: string, message: string, ...sourceValue: [unknown?]): Loss => ({
  field,
  severity: 'blocking',
  message: `Feishu sent a value this gateway cannot read: ${message}.`,
  ...(sourceValue.length > 0 && { sourceValue: sourceValue[0] }),
});

const SHIFTS_NOT_A_LIST: Loss = {
  field: 'shifts',
  severity: 'blocking',
  message: 'The shifts of the group must be supplied as a list (GET /shifts/:id data).',
};

// A 9:00–18:00 section with nothing else set: no window of its own (all four minute fields omitted), both
// punches needed (the READ no_need_* flags default to "needed", feishu-get-shift.md), no grace, no break.
const PLAIN_SECTION = {
  onSec: 9 * 3600,
  offSec: 18 * 3600,
  punchWindow: null,
  noPunchOn: false,
  noPunchOff: false,
  lateGraceSec: 0,
  earlyLeaveGraceSec: 0,
  seriousLateSec: null,
  rest: null,
};

const section = (on: number, off: number) => ({ ...PLAIN_SECTION, onSec: on * 3600, offSec: off * 3600 });

describe('feishuToCanonical: a minimal fixed group, field by field', () => {
  it('a fixed group with one shift Monday–Friday and nothing else set', () => {
    const result = map(readGroup());
    expect(ok(result)).toStrictEqual({
      kind: 'fixed',
      name: '研发考勤',
      timeZone: 'Asia/Shanghai',
      idSpace: 'feishu',
      members: { userIds: ['u1'], departmentIds: [], excludedUserIds: [] },
      shifts: [{ key: DAY, name: '早班', sections: [PLAIN_SECTION], flexibleArrival: null, lateOffLateOn: [] }],
      week: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: null, 7: null },
      free: null,
      gpsLocations: [],
      wifiLocations: [],
      specialWorkdays: [],
      specialOffdays: [],
      // calendar_id unset: no holiday calendar (0 = none, feishu-create-update-group.md).
      followsHolidayCalendar: false,
      remedy: {
        allowed: false,
        monthlyLimit: null,
        daysLimit: null,
        forMissing: false,
        forLate: false,
        forEarly: false,
        forOther: false,
        forNormal: false,
      },
      faceRecognition: false,
      faceLiveness: 'none',
      photoRequired: false,
      outOfRange: 'forbidden',
      overtime: { workday: null, restDay: null, holiday: null },
      punchReminder: null,
      restDayPunch: 'allowed',
    });
    expect(notes(result)).toStrictEqual([]);
    // The overtime note is the one loss of such a group.
    expect(result.losses.map((loss) => [loss.field, loss.severity])).toEqual([['overtime', 'info']]);
  });

  it('face_punch and clockIn_need_photo true → face recognition and photo required; false → neither', () => {
    const on = ok(map(readGroup({ face_punch: true, clockIn_need_photo: true })));
    expect([on.faceRecognition, on.photoRequired]).toEqual([true, true]);
    const off = ok(map(readGroup({ face_punch: false, clockIn_need_photo: false })));
    expect([off.faceRecognition, off.photoRequired]).toEqual([false, false]);
  });

  it('a fixed group resting all week needs no shift at all', () => {
    const result = map(readGroup({ punch_day_shift_ids: ['0', '0', '0', '0', '0', '0', '0'] }), []);
    const rule = ok(result);
    expect(rule.shifts).toEqual([]);
    expect(rule.week).toStrictEqual({ 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null });
    expect(notes(result)).toStrictEqual([]);
  });
});

describe('feishuToCanonical: unreadable input is refused with the field named, never thrown', () => {
  it('no input object at all: the group and the shift list are both missing', () => {
    const result = feishuToCanonical(null as unknown as FeishuToCanonicalInput);
    expect(result).toStrictEqual({
      ok: false,
      losses: [unreadable('group', 'Invalid input: expected object, received undefined'), SHIFTS_NOT_A_LIST],
    });
  });

  it('a function is not a JSON object: its properties are not read as the group and shifts', () => {
    const input = Object.assign(() => undefined, { group: readGroup(), shifts: [readShift()] });
    expect(feishuToCanonical(input as unknown as FeishuToCanonicalInput)).toStrictEqual({
      ok: false,
      losses: [unreadable('group', 'Invalid input: expected object, received undefined'), SHIFTS_NOT_A_LIST],
    });
  });

  it.each([
    ['missing', undefined],
    ['an object', { 0: readShift() }],
    ['a string', 'shift'],
  ])('shifts %s (not a list) → one blocking loss on shifts', (_, shifts) => {
    expect(feishuToCanonical({ group: readGroup(), shifts } as unknown as FeishuToCanonicalInput)).toStrictEqual({
      ok: false,
      losses: [SHIFTS_NOT_A_LIST],
    });
  });

  it('an unreadable group is refused with only its own issue, the shifts being fine', () => {
    expect(map(readGroup({ group_name: '' }))).toStrictEqual({
      ok: false,
      losses: [unreadable('group.group_name', 'Too small: expected string to have >=1 characters', '')],
    });
  });

  it('a refused value that is not text, a number, a boolean or null is named without being carried', () => {
    expect(map(readGroup({ group_name: { zh_cn: '总部' } }))).toStrictEqual({
      ok: false,
      losses: [unreadable('group.group_name', 'Invalid input: expected string, received object')],
    });
    expect(map(readGroup({ allow_pc_punch: null }))).toStrictEqual({
      ok: false,
      losses: [unreadable('group.allow_pc_punch', 'Invalid input: expected boolean, received null', null)],
    });
    expect(map(readGroup({ group_name: true }))).toStrictEqual({
      ok: false,
      losses: [unreadable('group.group_name', 'Invalid input: expected string, received boolean', true)],
    });
    expect(map(readGroup({ allow_pc_punch: 1 }))).toStrictEqual({
      ok: false,
      losses: [unreadable('group.allow_pc_punch', 'Invalid input: expected boolean, received number', 1)],
    });
  });

  it('an unreadable shift is refused with only its own issue, the path spelled with [index] and .key', () => {
    // feishuClockTimeSchema's message (libs/feishu model): "must be a time "H:mm" (next day as "26:00"), got …".
    const bad = readShift({ punch_time_rule: [{ on_time: '9am', off_time: '18:00' }] });
    expect(map(readGroup(), [readShift(), bad])).toStrictEqual({
      ok: false,
      losses: [
        unreadable(
          'shifts[1].punch_time_rule[0].on_time',
          'must be a time "H:mm" (next day as "26:00"), got "9am"',
          '9am',
        ),
      ],
    });
  });

  it('every unreadable part is reported: the group and each bad shift', () => {
    const badName = readShift({ shift_name: '' });
    const badTime = readShift({ shift_id: NIGHT, punch_time_rule: [{ on_time: '9:00', off_time: '9h' }] });
    expect(map(readGroup({ group_name: '' }), [badName, readShift(), badTime])).toStrictEqual({
      ok: false,
      losses: [
        unreadable('group.group_name', 'Too small: expected string to have >=1 characters', ''),
        unreadable('shifts[0].shift_name', 'Too small: expected string to have >=1 characters', ''),
        unreadable(
          'shifts[2].punch_time_rule[0].off_time',
          'must be a time "H:mm" (next day as "26:00"), got "9h"',
          '9h',
        ),
      ],
    });
  });

  // Booleans of the group, in the order the read schema lists them (the issues come in that order).
  const BOOLEAN_FIELDS = [
    'allow_out_punch',
    'out_punch_need_approval',
    'out_punch_need_post_approval',
    'out_punch_need_remark',
    'out_punch_need_photo',
    'out_punch_allowed_hide_addr',
    'out_punch_allowed_adjust_addr',
    'allow_pc_punch',
    'allow_remedy',
    'remedy_limit',
    'remedy_date_limit',
  ] as const;
  const withBadBooleans = (count: number) =>
    readGroup(Object.fromEntries(BOOLEAN_FIELDS.slice(0, count).map((field) => [field, 'yes'])));
  const badBoolean = (field: string) =>
    unreadable(`group.${field}`, 'Invalid input: expected boolean, received string', 'yes');

  it('ten unreadable fields are each reported, with no summary', () => {
    expect(map(withBadBooleans(10))).toStrictEqual({
      ok: false,
      losses: BOOLEAN_FIELDS.slice(0, 10).map(badBoolean),
    });
  });

  it('beyond ten, the first ten are reported and the rest counted on the root', () => {
    expect(map(withBadBooleans(11))).toStrictEqual({
      ok: false,
      losses: [
        ...BOOLEAN_FIELDS.slice(0, 10).map(badBoolean),
        { field: 'group', severity: 'blocking', message: '…and 1 more unreadable fields.' },
      ],
    });
  });
});

describe('feishuReadToCanonical: a bug is refused with the reason, never thrown', () => {
  const group = feishuGroupSchema.parse(readGroup());
  const shift = feishuShiftSchema.parse(readShift());
  /** The group, whose group_type (the first field the mapper reads) throws: a stand-in for a mapper bug. */
  const throwingOnGroupType = (get: () => never): FeishuGroup =>
    Object.defineProperty<FeishuGroup>({ ...group }, 'group_type', { get });

  it('an Error thrown while reading the group → one blocking "(internal)" loss with its message', () => {
    const broken = throwingOnGroupType(() => {
      throw new Error('group_type unavailable');
    });
    expect(feishuReadToCanonical({ group: broken, shifts: [shift] })).toStrictEqual({
      ok: false,
      losses: [
        {
          field: '(internal)',
          severity: 'blocking',
          message: 'The Feishu group could not be translated: group_type unavailable',
        },
      ],
    });
  });

  it('a thrown non-Error is quoted as it is', () => {
    const broken = throwingOnGroupType(() => {
      // A thrown string (not an Error) is what the describe-the-error branch is for.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw 'client offline';
    });
    expect(feishuReadToCanonical({ group: broken, shifts: [shift] })).toStrictEqual({
      ok: false,
      losses: [
        {
          field: '(internal)',
          severity: 'blocking',
          message: 'The Feishu group could not be translated: client offline',
        },
      ],
    });
  });

  it('a group and shift already read translate as they do unread', () => {
    expect(feishuReadToCanonical({ group, shifts: [shift] })).toStrictEqual(map(readGroup()));
  });
});

describe('feishuToCanonical: which shifts a group uses', () => {
  const night = readShift({ shift_id: NIGHT, shift_name: '夜班' });

  it('a week shift that was not supplied is blocking, naming it; the rest is still translated', () => {
    const result = map(readGroup({ punch_day_shift_ids: [DAY, NIGHT, DAY, DAY, DAY, '0', '0'] }));
    expect(result.ok).toBe(false);
    expect(notes(result)).toStrictEqual([
      {
        field: `shifts[${NIGHT}]`,
        severity: 'blocking',
        message:
          `The group uses shift ${NIGHT}, but its details were not supplied (GET /shifts/${NIGHT}); the group ` +
          'cannot be translated without the shift times.',
        sourceValue: NIGHT,
      },
    ]);
  });

  it('a supplied shift the fixed group does not use is ignored, with an info loss', () => {
    const result = map(readGroup(), [readShift(), night]);
    expect(ok(result).shifts.map((shift) => shift.key)).toEqual([DAY]);
    expect(notes(result)).toStrictEqual([
      {
        field: `shifts[${NIGHT}]`,
        severity: 'info',
        message: `Shift ${NIGHT} was supplied but this group does not use it; it is ignored.`,
        sourceValue: NIGHT,
      },
    ]);
  });

  it('a shift supplied twice: the first copy is used, the second reported', () => {
    const result = map(readGroup(), [readShift(), readShift({ shift_name: '早班（旧）' })]);
    expect(ok(result).shifts.map((shift) => shift.name)).toEqual(['早班']);
    expect(notes(result)).toStrictEqual([
      { field: 'shifts[1]', severity: 'info', message: `Shift ${DAY} was supplied twice; the first copy is used.` },
    ]);
  });

  it('the rule lists its shifts by id, whatever order the week or the supply gives', () => {
    // NIGHT's id sorts after DAY's (…404 < …405).
    const fixed = map(readGroup({ punch_day_shift_ids: [NIGHT, DAY, DAY, DAY, DAY, '0', '0'] }), [night, readShift()]);
    expect(ok(fixed).shifts.map((shift) => shift.key)).toEqual([DAY, NIGHT]);
    const roster = map(shiftBased(), [night, readShift()]);
    expect(ok(roster).shifts.map((shift) => shift.key)).toEqual([DAY, NIGHT]);
  });

  it('a shift-based (排班) group uses every supplied shift and has no week', () => {
    const result = map(shiftBased(), [readShift(), night]);
    const rule = ok(result);
    expect(rule.kind).toBe('shift_based');
    expect(rule.week).toStrictEqual({});
    expect(rule.shifts.map((shift) => shift.name)).toEqual(['早班', '夜班']);
    expect(notes(result)).toStrictEqual([]);
  });

  it('a shift-based group without any shift is refused', () => {
    expect(notes(map(shiftBased(), []))).toStrictEqual([
      {
        field: 'shifts',
        severity: 'blocking',
        message:
          'A shift-based (排班) group without any shift: supply the shifts its roster uses (the group itself lists none).',
      },
    ]);
  });

  it('a free group uses no shift: none supplied is fine', () => {
    const result = map(
      readGroup({
        group_type: 3,
        punch_day_shift_ids: [],
        free_punch_cfg: { free_start_time: '0:00', free_end_time: '23:59', punch_day: 1111100 },
      }),
      [],
    );
    expect(ok(result).shifts).toEqual([]);
    // punch_day 1111100: Monday–Friday; from 0:00 the whole day (to 23:59) is open.
    expect(ok(result).free).toStrictEqual({ workdays: [1, 2, 3, 4, 5], requiredWorkSec: null, dayStartSec: 0 });
    expect(notes(result)).toStrictEqual([]);
  });
});

describe('feishuToCanonical: the Google-map datum option (GOOGLE_MAP_DATUM_EVIDENCE in the mapper)', () => {
  // A published WGS-84 → GCJ-02 pair, not the conversion library's own answer (test/gcj02-reference-points.ts).
  const { wgs84, gcj02 } = GCJ02_REFERENCE_POINTS[0]!;
  const google = {
    location_id: '6921213751454744578',
    location_name: '张江',
    location_type: 1,
    map_type: 2,
    gps_range: 300,
    ...wgs84,
  };

  it('the default is GCJ-02: Google places are carried unchanged', () => {
    expect(DEFAULT_GOOGLE_MAP_DATUM).toBe('gcj02');
    const place = ok(map(readGroup({ locations: [google] }))).gpsLocations[0]!;
    expect([place.latitude, place.longitude]).toEqual([wgs84.latitude, wgs84.longitude]);
  });

  it('googleMapDatum "wgs84" converts Google places to GCJ-02', () => {
    const result = feishuToCanonical(
      { group: readGroup({ locations: [google] }), shifts: [readShift()] },
      { googleMapDatum: 'wgs84' },
    );
    const place = ok(result).gpsLocations[0]!;
    expect(place.latitude).toBeCloseTo(gcj02.latitude, 6);
    expect(place.longitude).toBeCloseTo(gcj02.longitude, 6);
  });
});

describe('feishuToCanonical: week (punch_day_shift_ids, REFERENCE A6)', () => {
  it('a shift-based group without punch_day_shift_ids at all is read as an empty week', () => {
    const group = shiftBased();
    delete group['punch_day_shift_ids'];
    const result = map(group);
    expect(ok(result).week).toStrictEqual({});
    expect(notes(result)).toStrictEqual([]);
  });

  it('the weekly shifts listed on a shift-based group are ignored, with an info loss quoting them', () => {
    const result = map(shiftBased({ punch_day_shift_ids: [NIGHT, '0'] }));
    // NIGHT is not required: a shift-based group uses the supplied shifts only.
    expect(ok(result).week).toStrictEqual({});
    expect(notes(result)).toStrictEqual([
      {
        field: 'punch_day_shift_ids',
        severity: 'info',
        message: 'A shift-based (排班) group has no weekly shifts; the listed ones are ignored.',
        sourceValue: [NIGHT, '0'],
      },
    ]);
  });

  it('the weekly shifts listed on a free group are ignored too', () => {
    const result = map(
      readGroup({
        group_type: 3,
        punch_day_shift_ids: [NIGHT],
        free_punch_cfg: { free_start_time: '0:00', free_end_time: '23:59', punch_day: 1111100 },
      }),
      [],
    );
    expect(ok(result).week).toStrictEqual({});
    expect(notes(result)).toStrictEqual([
      {
        field: 'punch_day_shift_ids',
        severity: 'info',
        message: 'A free group has no weekly shifts; the listed ones are ignored.',
        sourceValue: [NIGHT],
      },
    ]);
  });

  // The read schema refuses a fixed week that is not 7 long; a group handed in already read is not read again,
  // so the week reads at most Monday→Sunday and only the entries there are.
  const readWeek = (ids: string[]) => ({ ...feishuGroupSchema.parse(readGroup()), punch_day_shift_ids: ids });
  const readShifts = (...shifts: Record<string, unknown>[]): FeishuShift[] =>
    shifts.map((shift) => feishuShiftSchema.parse(shift));

  it('entries beyond Sunday are not read', () => {
    const result = feishuReadToCanonical({
      group: readWeek([DAY, DAY, DAY, DAY, DAY, '0', '0', NIGHT]),
      shifts: readShifts(readShift()),
    });
    expect(ok(result).week).toStrictEqual({ 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY, 6: null, 7: null });
    expect(notes(result)).toStrictEqual([]);
  });

  it('a short week gives only the days it lists', () => {
    const result = feishuReadToCanonical({
      group: readWeek([DAY, DAY, '0', DAY, DAY]),
      shifts: readShifts(readShift()),
    });
    expect(ok(result).week).toStrictEqual({ 1: DAY, 2: DAY, 3: null, 4: DAY, 5: DAY });
    expect(notes(result)).toStrictEqual([]);
  });
});

describe('feishuToCanonical: special days (yyyyMMdd, REFERENCE A4)', () => {
  const night = readShift({ shift_id: NIGHT, shift_name: '夜班' });

  it('workdays and days off are sorted by date; rest-"shift" workdays, repeats and clashes are dropped', () => {
    const result = map(
      readGroup({
        need_punch_special_days: [
          { punch_day: 20260105, shift_id: DAY },
          { punch_day: 20260103, shift_id: '0' },
          { punch_day: 20260102, shift_id: NIGHT },
          { punch_day: 20260105, shift_id: NIGHT },
        ],
        no_need_punch_special_days: [
          { punch_day: 20260110, shift_id: '0' },
          { punch_day: 20260102, shift_id: DAY },
          { punch_day: 20260101, shift_id: '0' },
        ],
      }),
      [readShift(), night],
    );
    const rule = ok(result);
    expect(rule.specialWorkdays).toStrictEqual([
      { date: '2026-01-02', shiftKey: NIGHT, sections: [], note: '' },
      { date: '2026-01-05', shiftKey: DAY, sections: [], note: '' },
    ]);
    expect(rule.specialOffdays).toStrictEqual([
      { date: '2026-01-01', note: '' },
      { date: '2026-01-10', note: '' },
    ]);
    // NIGHT is used by 2026-01-02 only: the week does not name it.
    expect(rule.shifts.map((shift) => shift.key)).toEqual([DAY, NIGHT]);
    expect(notes(result)).toStrictEqual([
      {
        field: 'need_punch_special_days[1]',
        severity: 'dropped',
        message: 'Special workday 2026-01-03 names the rest "shift" 0, so it has no times; it is left out.',
      },
      {
        field: 'need_punch_special_days[3]',
        severity: 'dropped',
        message: 'Special workday 2026-01-05 is listed twice; the first entry is kept.',
        sourceValue: NIGHT,
      },
      {
        field: 'no_need_punch_special_days[1]',
        severity: 'dropped',
        message: '2026-01-02 is also a special workday; it stays a workday and this day off is left out.',
      },
    ]);
  });

  it('the shift of a dropped repeat is not used', () => {
    const result = map(
      readGroup({
        need_punch_special_days: [
          { punch_day: 20260105, shift_id: DAY },
          { punch_day: 20260105, shift_id: NIGHT },
        ],
      }),
      [readShift(), night],
    );
    expect(ok(result).shifts.map((shift) => shift.key)).toEqual([DAY]);
    expect(notes(result).map((loss) => [loss.field, loss.severity])).toEqual([
      ['need_punch_special_days[1]', 'dropped'],
      [`shifts[${NIGHT}]`, 'info'],
    ]);
  });

  it('a special workday whose shift was not supplied refuses the group', () => {
    const result = map(readGroup({ need_punch_special_days: [{ punch_day: 20260105, shift_id: NIGHT }] }));
    expect(result.ok).toBe(false);
    expect(notes(result).map((loss) => [loss.field, loss.severity])).toEqual([[`shifts[${NIGHT}]`, 'blocking']]);
  });

  it('a shift-based group too: its special workday names a shift of the rule, so that shift must be supplied', () => {
    const special = { need_punch_special_days: [{ punch_day: 20260105, shift_id: NIGHT }] };
    const refused = map(shiftBased(special));
    expect(refused.ok).toBe(false);
    expect(notes(refused).map((loss) => [loss.field, loss.severity])).toEqual([[`shifts[${NIGHT}]`, 'blocking']]);
    const rule = ok(map(shiftBased(special), [readShift(), readShift({ shift_id: NIGHT, shift_name: 'Night' })]));
    expect(rule.specialWorkdays.map((day) => day.shiftKey)).toEqual([NIGHT]);
    expect(rule.shifts.map((shift) => shift.key).sort()).toEqual([DAY, NIGHT].sort());
  });
});

describe('feishuToCanonical: time zone (the group zone wins; the option is only a fallback)', () => {
  const withZone = (zone: string, fallback?: string) =>
    feishuToCanonical(
      { group: readGroup({ time_zone: zone }), shifts: [readShift()] },
      fallback === undefined ? {} : { timeZone: fallback },
    );
  const assumed = (zone: string, used: string): Loss => ({
    field: 'time_zone',
    severity: 'approximated',
    message: `The group's time zone ${JSON.stringify(zone)} is not an IANA zone; ${used} is assumed.`,
    sourceValue: zone,
    targetValue: used,
  });

  it('an IANA zone of the group is kept, whatever the option, without a loss', () => {
    const result = withZone('America/New_York', 'Europe/Berlin');
    expect(ok(result).timeZone).toBe('America/New_York');
    expect(notes(result)).toStrictEqual([]);
  });

  it.each([
    ['no option', 'Asia/Shanghai', undefined],
    ['an IANA option', 'Europe/Berlin', 'Europe/Berlin'],
    ['an option that is no zone either', 'Asia/Shanghai', 'Nowhere/Land'],
  ])('a group zone that is no IANA zone, %s → %s, approximated', (_, used, fallback) => {
    const result = withZone('Mars/Base', fallback);
    expect(ok(result).timeZone).toBe(used);
    expect(notes(result)).toStrictEqual([assumed('Mars/Base', used)]);
  });
});

describe('feishuToCanonical: shift segments (punch_time_rule)', () => {
  const withSegments = (segments: { on_time: string; off_time: string }[], extra: Record<string, unknown> = {}) =>
    map(readGroup(), [readShift({ punch_time_rule: segments, ...extra })]);
  // A break outside every segment: reported (dropped) whenever the shift's segments are carried, so its absence
  // shows a refused shift was not mapped any further.
  const strayBreak = { rest_time_rule: [{ rest_begin_time: '23:00', rest_end_time: '23:30' }] };

  it('four segments, each starting where or after the previous ends, are carried', () => {
    const result = withSegments([
      { on_time: '7:00', off_time: '9:00' },
      { on_time: '9:00', off_time: '12:00' },
      { on_time: '13:00', off_time: '15:00' },
      { on_time: '16:00', off_time: '18:00' },
    ]);
    expect(ok(result).shifts[0]!.sections).toStrictEqual([
      section(7, 9),
      section(9, 12),
      section(13, 15),
      section(16, 18),
    ]);
    expect(notes(result)).toStrictEqual([]);
  });

  it('five segments cannot be carried (at most four): the shift refuses the group', () => {
    const result = withSegments(
      [
        { on_time: '6:00', off_time: '7:00' },
        { on_time: '8:00', off_time: '9:00' },
        { on_time: '10:00', off_time: '11:00' },
        { on_time: '12:00', off_time: '13:00' },
        { on_time: '14:00', off_time: '15:00' },
      ],
      strayBreak,
    );
    expect(result.ok).toBe(false);
    expect(notes(result)).toStrictEqual([
      {
        field: `shifts[${DAY}].punch_time_rule`,
        severity: 'blocking',
        message: 'Shift "早班" has 5 punch segments; at most 4 can be carried.',
        sourceValue: 5,
      },
    ]);
  });

  it('a segment ending when it starts is refused, naming its off_time', () => {
    const result = withSegments([{ on_time: '9:00', off_time: '9:00' }], strayBreak);
    expect(result.ok).toBe(false);
    expect(notes(result)).toStrictEqual([
      {
        field: `shifts[${DAY}].punch_time_rule[0].off_time`,
        severity: 'blocking',
        message: 'Segment 9:00–9:00 of shift "早班" ends before it starts (a next-day end is written as "26:00").',
        sourceValue: '9:00',
      },
    ]);
  });

  it('a segment starting before the previous one ends is refused, naming its on_time', () => {
    const result = withSegments(
      [
        { on_time: '8:00', off_time: '12:00' },
        { on_time: '11:30', off_time: '18:00' },
      ],
      strayBreak,
    );
    expect(result.ok).toBe(false);
    expect(notes(result)).toStrictEqual([
      {
        field: `shifts[${DAY}].punch_time_rule[1].on_time`,
        severity: 'blocking',
        message: 'Segment 11:30–18:00 overlaps the previous one.',
      },
    ]);
  });

  it('after a reversed segment, the next is checked against where the reversed one ends', () => {
    // 18:00–9:00 ends (9:00) before 10:00: the second segment does not overlap it.
    const reversed = withSegments([
      { on_time: '18:00', off_time: '9:00' },
      { on_time: '10:00', off_time: '12:00' },
    ]);
    expect(notes(reversed).map((loss) => loss.field)).toEqual([`shifts[${DAY}].punch_time_rule[0].off_time`]);
    // 18:00–20:00 then 19:00–21:00: the second overlaps the first.
    const overlapping = withSegments([
      { on_time: '18:00', off_time: '20:00' },
      { on_time: '19:00', off_time: '21:00' },
      { on_time: '22:00', off_time: '23:00' },
    ]);
    expect(notes(overlapping).map((loss) => loss.field)).toEqual([`shifts[${DAY}].punch_time_rule[1].on_time`]);
  });

  describe('the shift-level no_need_off (overridden by the segment flags, [FNS] "优先级高于data.shift.no_need_off")', () => {
    const overridden: Loss = {
      field: `shifts[${DAY}].no_need_off`,
      severity: 'info',
      message: 'The shift-level "no clock-out" flag is overridden by the per-segment flags, which are what is carried.',
    };

    it.each([
      // shift no_need_off, segments' READ no_need_off (true/absent = clock-out needed) → reported
      ['true, a segment without the flag (needed)', true, [undefined], [false], true],
      ['true, one segment needing it and one not', true, [false, true], [true, false], true],
      ['true, no segment needing it', true, [false, false], [true, true], false],
      ['false, a segment needing it', false, [true], [false], false],
      ['absent, a segment needing it', undefined, [undefined], [false], false],
    ] as const)('shift-level %s', (_, shiftLevel, segmentFlags, noPunchOff, reported) => {
      const segments = segmentFlags.map((flag, index) => ({
        on_time: `${8 + index * 5}:00`,
        off_time: `${12 + index * 5}:00`,
        ...(flag === undefined ? {} : { no_need_off: flag }),
      }));
      const result = withSegments(segments, shiftLevel === undefined ? {} : { no_need_off: shiftLevel });
      expect(ok(result).shifts[0]!.sections.map((section) => section.noPunchOff)).toEqual(noPunchOff);
      expect(notes(result)).toStrictEqual(reported ? [overridden] : []);
    });
  });
});
