// Hand-written Feishu reads for example-based specs, in the READ shape (GET /groups/:id and GET /shifts/:id data;
// feishu-create-update-group.md, feishu-get-shift.md): a 9:00–18:00 shift with none of the optional fields, and
// a fixed group working it Monday–Friday. Each spec overrides what its examples are about.

export const FEISHU_GROUP_ID = '6919358128597097404';
export const FEISHU_SHIFT_ID = '6919358778597097404';

export function feishuReadShift(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shift_id: FEISHU_SHIFT_ID,
    shift_name: '早班',
    punch_times: 1,
    punch_time_rule: [{ on_time: '9:00', off_time: '18:00' }],
    ...overrides,
  };
}

/** A fixed group whose Monday–Friday are on `shiftId` (the shift above unless given) and the weekend rest. */
export function feishuReadGroup(
  overrides: Record<string, unknown> = {},
  shiftId: string = FEISHU_SHIFT_ID,
): Record<string, unknown> {
  return {
    group_id: FEISHU_GROUP_ID,
    group_name: '研发考勤',
    time_zone: 'Asia/Shanghai',
    group_type: 0,
    bind_user_ids: ['u1'],
    punch_day_shift_ids: [shiftId, shiftId, shiftId, shiftId, shiftId, '0', '0'],
    ...overrides,
  };
}
