import { type JsonObject, pick, type Rng } from './variance-fields.util.js';

// Breaking one record the way no vendor doc allows: a field every reading of the doc requires is removed, or a
// documented field is given another JSON type. Used to plant exactly one unreadable record among readable
// ones (issue #16: "never let one list element decide for the list").
//
// The breaks are chosen per kind of record, and only among those the emulators serve as planted:
//  - WeCom rules are answered through the emulator's read rendering (checkin-option.handler renderRule), which
//    shows a non-list checkindate / schedulelist / spe_offdays as stored, but lists a schedule's time_section
//    and makes range an object whatever is stored: those two are never broken whole, only fields inside them;
//  - WeCom punch rows are filtered by userid, checkin_time and checkin_type and their mediaids copied as a
//    list (checkin-data.handler): userid and checkin_type stay, checkin_time is retyped (not removed), and
//    mediaids keeps being a list (an element is retyped);
//  - WeCom monthly schedules are BUILT by the emulator from its state (checkin-schedule.handler): the one
//    break it can serve is a day's schedule_id of the wrong type;
//  - Feishu flows are filtered by user_id and check_time and their creator_id rendered as a string
//    (feishu-user-flow.handlers renderFlow); Feishu roster days are filtered by user_id, month and day_no
//    (day arithmetic: a string day_no would not be found).
// Removed fields are only those no reading lets be absent: a record's identity (grouptype, groupname — "所有类型"
// in the WeCom field table L395-396) and a time section's own times (L403-404, L499-500: a section without
// them is no section). A field the doc requires for one rule type only (特定类型必填, e.g. checkindate.workdays)
// is not removed: a tolerant reader may read the rest of the rule, and that is not a failure to isolate.

export type VarianceKind = 'checkin rule' | 'punch' | 'monthly schedule' | 'flow' | 'roster day';

type Path = readonly (string | number)[];
type JsonType = 'string' | 'int' | 'number' | 'bool' | 'array' | 'object';

interface Break {
  readonly path: Path;
  readonly how: 'remove' | 'retype';
  /** The documented type (retype picks another). */
  readonly type: JsonType;
  /**
   * The emulator finds the record by this value (a time or a month it compares): retype it to the SAME value
   * in another JSON type (1700000000 → "1700000000"), the commonest vendor slip, which it still compares.
   */
  readonly sameValue?: true;
}

export interface Mangled {
  readonly record: JsonObject;
  /** The dotted path of the broken field, as the gateway reports it ("checkindate.0.checkintime.1.work_sec"). */
  readonly field: string;
  readonly how: 'removed' | 'retyped';
}

/**
 * A copy of `record` (of `kind`) with one field broken, and which. Deterministic for the rng's sequence.
 * Throws if the record offers nothing to break (it always does for records of the variance generators).
 */
export function mangle(record: JsonObject, rng: Rng, kind: VarianceKind): Mangled {
  const candidates = BREAKS[kind](record);
  if (candidates.length === 0) throw new Error(`mangle: nothing to break in this ${kind}`);
  const chosen = pick(rng, candidates);
  const copy = structuredClone(record);
  const parent = resolve(copy, chosen.path.slice(0, -1));
  const key = chosen.path[chosen.path.length - 1]!;
  if (chosen.how === 'remove') {
    if (Array.isArray(parent)) throw new Error('mangle: an element of a list is retyped, never removed');
    delete parent[key as string];
  } else {
    const current = (parent as Record<string | number, unknown>)[key];
    (parent as Record<string | number, unknown>)[key] = chosen.sameValue
      ? sameValueRetyped(current)
      : wrongValue(chosen.type, current, rng);
  }
  return { record: copy, field: chosen.path.join('.'), how: chosen.how === 'remove' ? 'removed' : 'retyped' };
}

function resolve(root: JsonObject, path: Path): JsonObject | unknown[] {
  let at: unknown = root;
  for (const key of path) at = (at as Record<string | number, unknown>)[key];
  return at as JsonObject | unknown[];
}

/** The same number as a string, or the same numeric string as a number. */
function sameValueRetyped(current: unknown): unknown {
  if (typeof current === 'number') return String(current);
  if (typeof current === 'string' && /^-?\d+$/.test(current)) return Number(current);
  throw new Error(`mangle: ${JSON.stringify(current)} has no same-value retyping`);
}

/** A value of another JSON type than `type`, derived from the current one so it still looks plausible. */
function wrongValue(type: JsonType, current: unknown, rng: Rng): unknown {
  // The value as JSON text: a number or a boolean as a string, a list or an object as its text.
  const text = current === undefined ? '0' : JSON.stringify(current);
  const options: Record<JsonType, readonly unknown[]> = {
    string: [text.length, text.length > 3, [current]],
    int: [text, `${text}s`, current !== 0, [current]],
    number: [text, [current]],
    bool: [current === undefined ? 'true' : text, current === true ? 1 : 0],
    array: [text, { items: current }],
    object: [text, [current]],
  };
  return pick(rng, options[type]);
}

// ---- the breaks of each kind -------------------------------------------------------------------------------

const objectsAt = (value: unknown): JsonObject[] =>
  Array.isArray(value) ? value.filter((item): item is JsonObject => typeof item === 'object' && item !== null) : [];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Retypes of the fields of `object` that are present and documented with `types` (path prefixed). */
function retypes(object: JsonObject, prefix: Path, types: Readonly<Record<string, JsonType>>): Break[] {
  return Object.entries(types)
    .filter(([key]) => object[key] !== undefined)
    .map(([key, type]) => ({ path: [...prefix, key], how: 'retype' as const, type }));
}

/** A time section's fields (L401-415; B8 for schedule entries, with `id`). */
const SECTION_TYPES: Readonly<Record<string, JsonType>> = {
  time_id: 'int',
  work_sec: 'int',
  off_work_sec: 'int',
  remind_work_sec: 'int',
  remind_off_work_sec: 'int',
  earliest_work_sec: 'int',
  latest_work_sec: 'int',
  earliest_off_work_sec: 'int',
  latest_off_work_sec: 'int',
  allow_rest: 'bool',
  rest_begin_time: 'int',
  rest_end_time: 'int',
  no_need_checkon: 'bool',
  no_need_checkoff: 'bool',
};

function sectionBreaks(section: JsonObject, prefix: Path): Break[] {
  return [
    // A section's own times: no reading lets a section be without them (L403-404, L499-500).
    ...(['work_sec', 'off_work_sec'] as const)
      .filter((key) => section[key] !== undefined)
      .map((key) => ({ path: [...prefix, key], how: 'remove' as const, type: 'int' as const })),
    ...retypes(section, prefix, SECTION_TYPES),
  ];
}

/** WeCom rule (B4 / field table). The top-level fields renderRule passes through verbatim. */
const RULE_TYPES: Readonly<Record<string, JsonType>> = {
  grouptype: 'int',
  groupname: 'string',
  sync_holidays: 'bool',
  need_photo: 'bool',
  note_can_use_local_pic: 'bool',
  allow_checkin_offworkday: 'bool',
  allow_apply_offworkday: 'bool',
  wifimac_infos: 'array',
  loc_infos: 'array',
  checkindate: 'array',
  schedulelist: 'array',
  spe_workdays: 'array',
  spe_offdays: 'array',
  type: 'int',
  option_out_range: 'int',
  use_face_detect: 'bool',
  allow_apply_bk_cnt: 'int',
  allow_apply_bk_day_limit: 'int',
  buka_restriction: 'int',
  offwork_interval_time: 'int',
  span_day_time: 'int',
  standard_work_duration: 'int',
  sync_out_checkin: 'bool',
  ot_info_v2: 'object',
  white_users: 'array',
};

function ruleBreaks(rule: JsonObject): Break[] {
  const breaks: Break[] = [
    { path: ['grouptype'], how: 'remove', type: 'int' },
    { path: ['groupname'], how: 'remove', type: 'string' },
    ...retypes(rule, [], RULE_TYPES),
  ];
  objectsAt(rule['checkindate']).forEach((date, index) => {
    breaks.push(
      ...retypes(date, ['checkindate', index], {
        workdays: 'array',
        checkintime: 'array',
        allow_flex: 'bool',
        flex_on_duty_time: 'int',
        flex_off_duty_time: 'int',
      }),
    );
    objectsAt(date['checkintime']).forEach((section, at) =>
      breaks.push(...sectionBreaks(section, ['checkindate', index, 'checkintime', at])),
    );
  });
  objectsAt(rule['schedulelist']).forEach((schedule, index) => {
    breaks.push(
      // A schedule's name is its key in the rule (L495-496, L717): no reading lets it be absent.
      { path: ['schedulelist', index, 'schedule_name'], how: 'remove', type: 'string' },
      ...retypes(schedule, ['schedulelist', index], {
        schedule_id: 'int',
        schedule_name: 'string',
        allow_flex: 'bool',
      }),
    );
    objectsAt(schedule['time_section']).forEach((section, at) =>
      breaks.push(...sectionBreaks(section, ['schedulelist', index, 'time_section', at])),
    );
  });
  objectsAt(rule['loc_infos']).forEach((location, index) =>
    breaks.push(
      ...retypes(location, ['loc_infos', index], {
        lat: 'int',
        lng: 'int',
        loc_title: 'string',
        loc_detail: 'string',
        distance: 'int',
      }),
    ),
  );
  objectsAt(rule['wifimac_infos']).forEach((wifi, index) =>
    breaks.push(...retypes(wifi, ['wifimac_infos', index], { wifiname: 'string', wifimac: 'string' })),
  );
  if (isObject(rule['range'])) {
    breaks.push(...retypes(rule['range'], ['range'], { userid: 'array', party_id: 'array' }));
  }
  return breaks;
}

/** WeCom punch row (B6); see the top for what stays untouched. */
function punchBreaks(row: JsonObject): Break[] {
  const breaks: Break[] = [
    // B6 lists exception_type for every row ("" if normal): a row without it says nothing of its exceptions.
    { path: ['exception_type'], how: 'remove', type: 'string' },
    // Filtered by the emulator on its value (see the top).
    { path: ['checkin_time'], how: 'retype', type: 'int', sameValue: true },
    ...retypes(row, [], {
      exception_type: 'string',
      groupname: 'string',
      location_title: 'string',
      location_detail: 'string',
      wifiname: 'string',
      wifimac: 'string',
      notes: 'string',
      lat: 'int',
      lng: 'int',
      deviceid: 'string',
      sch_checkin_time: 'int',
      groupid: 'int',
      schedule_id: 'int',
      timeline_id: 'int',
    }),
  ];
  if (Array.isArray(row['mediaids']) && row['mediaids'].length > 0) {
    breaks.push({ path: ['mediaids', 0], how: 'retype', type: 'string' });
  }
  return breaks;
}

/** WeCom monthly schedule (B8): a day's schedule_id, the one break the emulator serves (see the top). */
function monthlyScheduleBreaks(entry: JsonObject): Break[] {
  const schedule = entry['schedule'];
  const days = isObject(schedule) ? objectsAt(schedule['scheduleList']) : [];
  return days.flatMap((day, index) =>
    isObject(day['schedule_info'])
      ? [
          {
            path: ['schedule', 'scheduleList', index, 'schedule_info', 'schedule_id'],
            how: 'retype' as const,
            type: 'int' as const,
          },
        ]
      : [],
  );
}

/** Feishu flow (A7); user_id, record_id and creator_id stay (see the top). */
function flowBreaks(flow: JsonObject): Break[] {
  return [
    // Filtered by the emulator on its value (see the top).
    { path: ['check_time'], how: 'retype', type: 'string', sameValue: true },
    ...retypes(flow, [], {
      location_name: 'string',
      comment: 'string',
      longitude: 'number',
      latitude: 'number',
      ssid: 'string',
      bssid: 'string',
      is_field: 'bool',
      is_wifi: 'bool',
      type: 'int',
      photo_urls: 'array',
      device_id: 'string',
      check_result: 'string',
      external_id: 'string',
      idempotent_id: 'string',
      create_time: 'string',
    }),
  ];
}

/** Feishu roster day (A4): group_id and shift_id are required (only is_clear_schedule has a "?"). */
function rosterDayBreaks(day: JsonObject): Break[] {
  return [
    { path: ['group_id'], how: 'remove', type: 'string' },
    { path: ['shift_id'], how: 'remove', type: 'string' },
    // Filtered by the emulator on its value (see the top).
    { path: ['month'], how: 'retype', type: 'int', sameValue: true },
    ...retypes(day, [], { group_id: 'string', shift_id: 'string', is_clear_schedule: 'bool' }),
  ];
}

const BREAKS: Readonly<Record<VarianceKind, (record: JsonObject) => Break[]>> = {
  'checkin rule': ruleBreaks,
  punch: punchBreaks,
  'monthly schedule': monthlyScheduleBreaks,
  flow: flowBreaks,
  'roster day': rosterDayBreaks,
};
