import {
  feishuGroupCreateSchema,
  feishuGroupSchema,
  feishuShiftCreateSchema,
  feishuShiftSchema,
  formatFeishuClockTime,
  groupForUpdate,
  groupTypeAsRead,
  groupTypeForCreate,
  parseFeishuClockTime,
  punchDayDigits,
  shiftForCreate,
} from './index.js';

describe('Feishu clock times', () => {
  it.each([
    ['9:00', 540],
    ['09:00', 540],
    ['23:59', 1439],
    ['24:00', 1440],
    ['26:00', 1560],
    ['30:00', 1800],
    ['47:59', 2879],
  ])('%s is %i minutes after midnight', (text, minutes) => {
    expect(parseFeishuClockTime(text)).toBe(minutes);
  });

  it.each(['48:00', '9:0', '9:60', '900', ' 9:00', '18:00， 第二天凌晨2点， 26:00', ''])(
    '%j is not a Feishu time',
    (text) => {
      expect(parseFeishuClockTime(text)).toBeNull();
    },
  );

  it('writes hours unpadded, next day past 24', () => {
    expect(formatFeishuClockTime(540)).toBe('9:00');
    expect(formatFeishuClockTime(1560)).toBe('26:00');
    expect(() => formatFeishuClockTime(2880)).toThrow(RangeError);
  });
});

describe('read vs create shapes', () => {
  const shiftIds = [
    '6919668827865513935',
    '6919668827865513935',
    '6919668827865513935',
    '6919668827865513935',
    '6919668827865513935',
    '0',
    '0',
  ];

  it('flips group_type between the create enum (1/2/3) and the read enum (0/2/3)', () => {
    expect(groupTypeForCreate(0)).toBe(1);
    expect(groupTypeAsRead(1)).toBe(0);
    expect(groupTypeForCreate(2)).toBe(2);
    const base = { group_name: 'g', time_zone: 'Asia/Shanghai', group_leader_ids: ['e1001'], calendar_id: 1 };
    expect(feishuGroupCreateSchema.safeParse({ ...base, group_type: 0, punch_day_shift_ids: shiftIds }).success).toBe(
      false,
    );
    expect(
      feishuGroupSchema.safeParse({ ...base, group_id: '1', group_type: 1, punch_day_shift_ids: shiftIds }).success,
    ).toBe(false);
    expect(feishuGroupCreateSchema.safeParse({ ...base, group_type: 1, punch_day_shift_ids: shiftIds }).success).toBe(
      true,
    );
    expect(
      feishuGroupSchema.safeParse({ ...base, group_id: '1', group_type: 0, punch_day_shift_ids: shiftIds }).success,
    ).toBe(true);
  });

  it('turns a read group into an update body: create enum, no read-only fields, no locations, unknown fields kept', () => {
    const group = feishuGroupSchema.parse({
      group_id: '7000000000000000001',
      group_name: '总部',
      time_zone: 'Asia/Shanghai',
      group_type: 0,
      group_leader_ids: ['e1001'],
      punch_day_shift_ids: shiftIds,
      calendar_id: 1,
      effect_time: '1700000000',
      locations: [{ location_id: '1', location_name: 'HQ', location_type: 1 }],
      some_future_field: { kept: true },
    });
    const update = groupForUpdate(group);
    expect(update.group_type).toBe(1);
    expect(update).not.toHaveProperty('effect_time');
    expect(update).not.toHaveProperty('locations');
    expect(update).toHaveProperty('some_future_field', { kept: true });
    expect(feishuGroupCreateSchema.safeParse(update).success).toBe(true);
  });

  it('tolerates unset ("") strings on read and leaves them out of the update', () => {
    const group = feishuGroupSchema.parse({
      group_id: '7000000000000000001',
      group_name: '总部',
      time_zone: 'Asia/Shanghai',
      group_type: 0,
      punch_day_shift_ids: shiftIds,
      new_calendar_id: '',
      free_punch_cfg: { free_start_time: '', free_end_time: '', punch_day: 0 },
    });
    const update = groupForUpdate({ ...group, group_leader_ids: ['e1001'] });
    expect(update).not.toHaveProperty('free_punch_cfg');
    expect(feishuGroupCreateSchema.safeParse(update).success).toBe(true);
  });

  it('requires empty punch_day_shift_ids and a free_punch_cfg for a free group on create', () => {
    const base = {
      group_name: 'g',
      time_zone: 'Asia/Shanghai',
      group_leader_ids: ['e1001'],
      calendar_id: 0,
      group_type: 3,
    };
    const cfg = { free_start_time: '7:00', free_end_time: '22:00', punch_day: 1111100 };
    expect(feishuGroupCreateSchema.safeParse({ ...base, punch_day_shift_ids: [], free_punch_cfg: cfg }).success).toBe(
      true,
    );
    expect(feishuGroupCreateSchema.safeParse({ ...base, punch_day_shift_ids: [] }).success).toBe(false);
    expect(
      feishuGroupCreateSchema.safeParse({ ...base, punch_day_shift_ids: shiftIds, free_punch_cfg: cfg }).success,
    ).toBe(false);
    expect(punchDayDigits(111110)).toBe('0111110');
  });

  const segment = {
    on_time: '22:00',
    off_time: '30:00',
    late_minutes_as_late: 5,
    late_minutes_as_lack: 60,
    on_advance_minutes: 60,
    early_minutes_as_early: 5,
    early_minutes_as_lack: 60,
    off_delay_minutes: 120,
  };

  it('checks create-side shift limits: 720/960 minutes, ordered segments, first segment punched, no flexible rest day', () => {
    const shift = { shift_name: '夜班', punch_times: 1, punch_time_rule: [segment] };
    expect(feishuShiftCreateSchema.safeParse(shift).success).toBe(true);
    const bad = (change: object) => feishuShiftCreateSchema.safeParse({ ...shift, ...change }).success;
    expect(bad({ punch_time_rule: [{ ...segment, on_advance_minutes: 721 }] })).toBe(false);
    expect(bad({ punch_time_rule: [{ ...segment, off_delay_minutes: 961 }] })).toBe(false);
    expect(bad({ punch_time_rule: [{ ...segment, off_time: '21:00' }] })).toBe(false);
    expect(bad({ punch_time_rule: [{ ...segment, no_need_on: true }] })).toBe(false);
    expect(bad({ is_flexible: true, day_type: 2 })).toBe(false);
    expect(bad({ punch_time_rule: [segment, { ...segment, on_time: '29:00', off_time: '31:00' }] })).toBe(false);
  });

  it('flips the per-segment no_need flags from the read meaning to the create meaning', () => {
    const read = feishuShiftSchema.parse({
      shift_id: '7000000000000000002',
      shift_name: '夜班',
      punch_times: 1,
      punch_time_rule: [{ ...segment, no_need_on: true, no_need_off: false }],
    });
    const create = shiftForCreate(read);
    // Read true = punch needed → create false = punch needed; read false (off not needed) → create true.
    expect(create.punch_time_rule[0]).toMatchObject({ no_need_on: false, no_need_off: true });
    expect(create).not.toHaveProperty('shift_id');
    expect(feishuShiftCreateSchema.safeParse(create).success).toBe(true);
  });
});

describe('read schemas: the fields the translation reads for liveness, punch methods, overtime and rest days', () => {
  // The mappers read what these schemas give them (libs/translation), so a value the schema takes is one the
  // translation reads, and a value it refuses makes the group or shift one unreadable item.
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
  ])('group with %s → %s', (_, fields, accepted) => {
    expect(feishuGroupSchema.safeParse({ ...group, ...fields }).success).toBe(accepted);
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
  ])('shift with %s → %s', (_, fields, accepted) => {
    expect(feishuShiftSchema.safeParse({ ...shift, ...fields }).success).toBe(accepted);
  });
});
