import fc from 'fast-check';
import {
  feishuGroupSchema,
  feishuPunchTimeRuleSchema,
  feishuShiftSchema,
  parseFeishuClockTime,
} from '@app/feishu/model';
import { representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { damagedArbitrary, feishuReadOf } from '../../test/vendor-inputs.js';
import { feishuClockMinutes } from './feishu-mapping.util.js';
import {
  FEISHU_GROUP_READ_SHAPE,
  FEISHU_PUNCH_TIME_RULE_READ_SHAPE,
  FEISHU_SHIFT_READ_SHAPE,
  isFeishuGroupRead,
  isFeishuShiftRead,
} from './feishu-read.guard.js';

// The guards stand in for the zod read schemas on the mapper's fast path: they must never accept what the
// schemas refuse (the mapper would then read a value the schema would have reported), and they should accept
// what Feishu actually sends (or the fast path is never taken).

const feishuReadArbitrary = representableRuleArbitrary()
  .map(feishuReadOf)
  .filter((read) => read !== null);

describe('Feishu read guards', () => {
  it('know the same top-level keys as the read schemas', () => {
    const keys = (shape: object) => Object.keys(shape).sort();
    expect(keys(FEISHU_GROUP_READ_SHAPE)).toEqual(keys(feishuGroupSchema.shape));
    expect(keys(FEISHU_SHIFT_READ_SHAPE)).toEqual(keys(feishuShiftSchema.shape));
    expect(keys(FEISHU_PUNCH_TIME_RULE_READ_SHAPE)).toEqual(keys(feishuPunchTimeRuleSchema.shape));
  });

  it('accept what Feishu answers for any rule it can hold', () => {
    fc.assert(
      fc.property(feishuReadArbitrary, (read) => {
        expect(isFeishuGroupRead(read.group)).toBe(true);
        for (const shift of read.shifts) expect(isFeishuShiftRead(shift)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('accept a damaged group or shift only when the schema does', () => {
    const damaged = feishuReadArbitrary.chain((read) =>
      fc.tuple(damagedArbitrary(read.group), damagedArbitrary(read.shifts[0] ?? {})),
    );
    fc.assert(
      fc.property(damaged, ([group, shift]) => {
        if (isFeishuGroupRead(group)) expect(feishuGroupSchema.safeParse(group).success).toBe(true);
        if (isFeishuShiftRead(shift)) expect(feishuShiftSchema.safeParse(shift).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accept any other value only when the schema does', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, maxDepth: 3 }), (value) => {
        if (isFeishuGroupRead(value)) expect(feishuGroupSchema.safeParse(value).success).toBe(true);
        if (isFeishuShiftRead(value)) expect(feishuShiftSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('leave class instances and arrays of another kind to the schema', () => {
    class Group {
      constructor(readonly group_name: string) {}
    }
    expect(isFeishuGroupRead(new Group('x'))).toBe(false);
    expect(isFeishuGroupRead([])).toBe(false);
  });
});

describe('Feishu read guards: the fields the mapper reads for liveness, punch methods, overtime and rest days', () => {
  const group = {
    group_id: '6919358128597097404',
    group_name: '研发考勤',
    time_zone: 'Asia/Shanghai',
    group_type: 0,
    punch_day_shift_ids: ['6919358778597097404', '0', '0', '0', '0', '0', '0'],
  };
  const shift = {
    shift_id: '6919358778597097404',
    shift_name: '早班',
    punch_times: 1,
    punch_time_rule: [{ on_time: '9:00', off_time: '18:00' }],
  };
  const google = {
    location_id: '1',
    location_name: 'A',
    location_type: 1,
    latitude: 30.1,
    longitude: 120.2,
    map_type: 2,
  };

  it.each([
    [
      'face_live_need_action false, face_punch_cfg 2',
      { face_punch: true, face_punch_cfg: 2, face_live_need_action: false },
      true,
    ],
    ['punch_type 15 and a Google place', { punch_type: 15, locations: [google] }, true],
    [
      'rest_clockIn_need_approval, show_over_time, effect_now',
      { rest_clockIn_need_approval: true, show_over_time: true, effect_now: false },
      true,
    ],
    ['punch_type not an integer', { punch_type: 1.5 }, false],
    ['face_live_need_action not a boolean', { face_live_need_action: 'false' }, false],
    ['rest_clockIn_need_approval null', { rest_clockIn_need_approval: null }, false],
  ])('group with %s → %s, as the schema', (_, fields, accepted) => {
    const value = { ...group, ...fields };
    expect(isFeishuGroupRead(value)).toBe(accepted);
    expect(feishuGroupSchema.safeParse(value).success).toBe(accepted);
  });

  it.each([
    [
      'a rest-day shift with overtime periods',
      { day_type: 2, overtime_rule: [{ on_overtime: '9:00', off_overtime: '12:00' }] },
      true,
    ],
    [
      '应出勤配置 in fractional units',
      { shift_attendance_time_config: { attendance_time: 0.5, on_attendance_time: 480 } },
      true,
    ],
    ['day_type 3', { day_type: 3 }, false],
    ['an overtime period with a prose time', { overtime_rule: [{ on_overtime: '9点', off_overtime: '12:00' }] }, false],
    ['应出勤配置 as text', { shift_attendance_time_config: { attendance_time: '1' } }, false],
  ])('shift with %s → %s, as the schema', (_, fields, accepted) => {
    const value = { ...shift, ...fields };
    expect(isFeishuShiftRead(value)).toBe(accepted);
    expect(feishuShiftSchema.safeParse(value).success).toBe(accepted);
  });
});

describe('feishuClockMinutes', () => {
  it('reads exactly what parseFeishuClockTime reads', () => {
    const clockLike = fc
      .tuple(fc.stringMatching(/^[0-9 １]{0,3}$/), fc.constantFrom(':', '：', ''), fc.stringMatching(/^[0-9a]{0,3}$/))
      .map(([hours, colon, minutes]) => `${hours}${colon}${minutes}`);
    fc.assert(
      fc.property(fc.oneof(clockLike, fc.string({ maxLength: 6 })), (text) => {
        expect(feishuClockMinutes(text)).toBe(parseFeishuClockTime(text));
      }),
      { numRuns: 5000 },
    );
    for (let minutes = 0; minutes < 50 * 60; minutes += 1) {
      for (const text of [`${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`, `0${minutes}`]) {
        expect(feishuClockMinutes(text)).toBe(parseFeishuClockTime(text));
      }
    }
  });
});
