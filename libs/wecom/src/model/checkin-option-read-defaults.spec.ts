import type { z } from 'zod';
import {
  WECOM_RULE_READ_DEFAULTS,
  wecomAllowFlex,
  wecomSetting,
  type WecomReadDefaultBlock,
} from './checkin-option-read-defaults.js';
import {
  wecomCheckinDateReadSchema,
  wecomCheckinGroupReadSchema,
  wecomCheckinTimeReadSchema,
  wecomLateRuleReadSchema,
  wecomOtDayConfReadSchema,
  wecomScheduleReadSchema,
} from './checkin-option.model.js';

// The defaults table against the read schemas: a default exists only for a field the read schema knows and
// lets be absent (otherwise the table and the model have drifted apart), and the accessors apply it.

function fieldOf(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    const def = (current as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    const inner = def['innerType'] as z.ZodType | undefined;
    const object = (def['type'] === 'optional' ? inner : current) as unknown as { shape?: Record<string, z.ZodType> };
    current = object.shape?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}

const SCHEMA_OF: Readonly<Record<WecomReadDefaultBlock, readonly [z.ZodType, readonly string[]]>> = {
  group: [wecomCheckinGroupReadSchema, []],
  section: [wecomCheckinTimeReadSchema, []],
  checkindate: [wecomCheckinDateReadSchema, []],
  schedulelist: [wecomScheduleReadSchema, []],
  late_rule: [wecomLateRuleReadSchema, []],
  ot_day_conf: [wecomOtDayConfReadSchema, []],
  ot_checkin: [wecomOtDayConfReadSchema, ['checkin']],
  ot_vacation: [wecomOtDayConfReadSchema, ['vacation']],
};

describe('WECOM_RULE_READ_DEFAULTS', () => {
  it('has a default only for fields the read schema knows and lets be absent', () => {
    for (const [block, defaults] of Object.entries(WECOM_RULE_READ_DEFAULTS)) {
      const [schema, prefix] = SCHEMA_OF[block as WecomReadDefaultBlock];
      for (const [key, value] of Object.entries(defaults as Record<string, unknown>)) {
        const field = fieldOf(schema, [...prefix, key]);
        expect([block, key, field !== undefined]).toEqual([block, key, true]);
        expect([block, key, field!.safeParse(undefined).success, field!.safeParse(value).success]).toEqual([
          block,
          key,
          true,
          true,
        ]);
      }
    }
  });

  it('wecomSetting: the stored value when there is one, else the doc default', () => {
    expect(wecomSetting('group', {}, 'sync_holidays')).toBe(true);
    expect(wecomSetting('group', { sync_holidays: false }, 'sync_holidays')).toBe(false);
    expect(wecomSetting('group', undefined, 'allow_apply_bk_cnt')).toBe(-1);
    expect(wecomSetting('ot_day_conf', { type: 0 }, 'type')).toBe(0);
    expect(wecomSetting('ot_day_conf', {}, 'type')).toBe(2);
    expect(wecomSetting('ot_checkin', {}, 'ot_time_max')).toBe(14_400);
    expect(wecomSetting('section', { no_need_checkoff: undefined }, 'no_need_checkoff')).toBe(false);
  });

  it('wecomAllowFlex: explicit, else implied by a value that is there, else the container default', () => {
    expect(wecomAllowFlex({}, 'checkindate')).toBe(false);
    expect(wecomAllowFlex({}, 'schedulelist')).toBe(true);
    expect(wecomAllowFlex({ flex_on_duty_time: 0, max_allow_arrive_late: 0 }, 'checkindate')).toBe(false);
    expect(wecomAllowFlex({ flex_on_duty_time: 600 }, 'checkindate')).toBe(true);
    expect(wecomAllowFlex({ flex_off_duty_time: -1 }, 'checkindate')).toBe(true);
    expect(wecomAllowFlex({ late_rule: {} }, 'checkindate')).toBe(true);
    expect(wecomAllowFlex({ allow_flex: false, flex_on_duty_time: 600 }, 'checkindate')).toBe(false);
    expect(wecomAllowFlex({ allow_flex: false }, 'schedulelist')).toBe(false);
  });
});
