import { chinaMidnight } from '@app/kernel';
import type {
  WecomCheckinDateWrite,
  WecomCheckinGroupCreate,
  WecomCheckinTimeWrite,
  WecomLateRule,
  WecomOtInfoV2,
  WecomScheduleWrite,
} from '@app/wecom/model';
import type {
  CanonicalRule,
  IsoWeekday,
  OutOfRangePolicy,
  OvertimeByDayKind,
  Shift,
  TimeSection,
} from '../canonical/canonical-rule.js';
import type { IdResolver } from '../canonical/id-resolver.js';
import { resolveMembers } from '../canonical/resolve-rule-ids.js';
import { characterCount, normalizeBssid, truncateCharacters } from '../canonical/text.util.js';
import { LossReport, refused, translated, type Translation } from '../canonical/loss.js';
import {
  DAY,
  HOUR,
  MINUTE,
  NEXT_DAY_04_00,
  NEXT_DAY_23_59,
  REMIND_AFTER_OFF_MINUTES,
  REMIND_BEFORE_WORK_MINUTES,
  WECOM_DISTANCES,
  clockText,
  durationText,
  fnv1a32,
  isoToWecomDay,
  truncateUtf8,
  utf8Length,
} from './wecom-rule.util.js';

/*
 * Canonical rule → the `group` object of WeCom add_checkin_option (the caller adds effective_now).
 *
 * Contract: every payload returned with ok:true satisfies every documented WeCom validation rule
 * (wecom-checkin-option-rules.md, "doc" below; the emulator's validateCheckinOption implements the same
 * list and the specs run every payload through it). What WeCom cannot hold exactly is approximated within
 * its rules and reported; what it cannot hold at all is refused with blocking losses and no payload.
 */

export interface CanonicalToWecomOptions {
  readonly resolver: IdResolver;
  /**
   * The groupname to write: the planned name an intent records, so a crashed run's rule can be found again
   * (plain-rule-names.ts). Cut to 40 characters, the cut reported.
   */
  readonly ruleName: string;
  /** Now, unix seconds: special days must lie in the future (doc "only future dates are allowed"). */
  readonly nowUnixSeconds: number;
  /**
   * Reminder before work, minutes, for rules whose source has no reminder (punchReminder null); WeCom allows only
   * these (doc remind_work_sec). Default 0.
   */
  readonly remindBeforeWorkMinutes?: 0 | 5 | 10 | 15 | 20;
  /** Reminder after work, minutes, likewise (doc remind_off_work_sec). Default 0. */
  readonly remindAfterOffMinutes?: 0 | 10 | 20 | 30 | 60;
}

/** doc flex_on_duty_time … max_allow_arrive_late: multiples of 300 s, at most 21,600 s (360 min). */
const FLEX_STEP = 5 * MINUTE;
const FLEX_MAX = 360 * MINUTE;
/** doc late_rule: multiples of 15 min, at most 600 min. */
const LATE_STEP = 15 * MINUTE;
const LATE_MAX = 600 * MINUTE;
/** doc "schedule time section, earliest_work_sec … not be more than 4 hours before work_sec". */
const SCHEDULE_FIRST_EARLIEST = 4 * HOUR;
/** doc "freegroup schedule size maximum 50" (the mandatory rest schedule counts, emulator reading). */
const MAX_WORK_SCHEDULES = 49;
const MAX_SECTIONS = 4;
/** doc "wifi or location size maximum 500" (READING: together). */
const MAX_PLACES = 500;
/** doc "special day maximum value 366". */
const MAX_SPECIAL_DAYS = 366;
/** doc spe_workdays.notes "字节长度不超过40". */
const NOTES_MAX_BYTES = 40;
/** doc groupname / schedule_name / wifiname / loc_title / loc_detail: at most 40 characters. */
const NAME_MAX = 40;
/** doc "special workday checkin time work_sec/off_work_sec invalid": work 04:00–18:00, off 04:00–次日03:00. */
const SPECIAL_WORK_MIN = 4 * HOUR;
const SPECIAL_WORK_MAX = 18 * HOUR;
const SPECIAL_OFF_MAX = DAY + 3 * HOUR;
/** WeCom's schedule_id is an unsigned 32-bit integer (B4); stay inside signed int32 to be safe everywhere. */
const MAX_SCHEDULE_ID = 2_147_483_647;
/** UTC+8 without daylight saving: the only clock WeCom has. */
const CHINA_TIME_ZONES: ReadonlySet<string> = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Harbin',
  'Asia/Urumqi',
  'PRC',
]);
const OUT_OF_RANGE: Readonly<Record<OutOfRangePolicy, number>> = { exception: 0, field_punch: 1, forbidden: 2 };
const VENDOR_LABEL = { feishu: 'Feishu', wecom: 'WeCom' } as const;

export function canonicalToWecom(
  rule: CanonicalRule,
  options: CanonicalToWecomOptions,
): Translation<WecomCheckinGroupCreate> {
  const report = new LossReport();
  const writer = new WecomRuleWriter(rule, options, report);
  const group = writer.write();
  return group === null ? refused(report) : translated(group, report);
}

type TypeFields = Pick<
  WecomCheckinGroupCreate,
  | 'grouptype'
  | 'checkindate'
  | 'schedulelist'
  | 'spe_workdays'
  | 'offwork_interval_time'
  | 'span_day_time'
  | 'standard_work_duration'
>;

/** rest(): the section carries no break (allow_rest false). */
const NO_REST: { readonly begin: number; readonly end: number } = { begin: Number.NaN, end: Number.NaN };

interface FlexFields {
  readonly allow_flex: boolean;
  readonly flex_on_duty_time: number;
  readonly flex_off_duty_time: number;
  readonly max_allow_arrive_early: number;
  readonly max_allow_arrive_late: number;
  /** Written only when set. */
  readonly late_rule: WecomLateRule | undefined;
}

class WecomRuleWriter {
  private nextTimeId = 1;
  /** The reminder every section gets (the rule's, snapped to WeCom's choices; else the deployment default). */
  private readonly remindLead: number;
  private readonly remindLag: number;
  private defaultWindowUsed = false;
  /** Sections written, to report the reminder default once (free rules have none). */
  private sectionsWritten = 0;

  constructor(
    private readonly rule: CanonicalRule,
    private readonly options: CanonicalToWecomOptions,
    private readonly report: LossReport,
  ) {
    const reminder = rule.punchReminder;
    if (reminder === null) {
      this.remindLead =
        pickAllowed(options.remindBeforeWorkMinutes, REMIND_BEFORE_WORK_MINUTES, 'remindBeforeWorkMinutes', report) *
        MINUTE;
      this.remindLag =
        pickAllowed(options.remindAfterOffMinutes, REMIND_AFTER_OFF_MINUTES, 'remindAfterOffMinutes', report) * MINUTE;
    } else {
      this.remindLead = snapReminder(reminder.beforeOnSec, REMIND_BEFORE_WORK_MINUTES, 'beforeOnSec', 'before', report);
      this.remindLag = snapReminder(reminder.afterOffSec, REMIND_AFTER_OFF_MINUTES, 'afterOffSec', 'after', report);
    }
  }

  write(): WecomCheckinGroupCreate | null {
    const { rule, report } = this;
    const groupname = this.groupname();
    this.timeZone();
    const members = this.members();
    const places = this.places();
    const typeFields = this.typeFields();
    const spe_offdays = this.specialDays(typeFields);
    if (this.defaultWindowUsed) {
      report.info(
        'shifts.sections.punchWindow',
        'Some time sections had no punch window of their own; WeCom requires one, so clock-in is accepted from 1 h before start to mid-section and clock-out from mid-section to 1 h after end (shortened where sections are close together).',
      );
    }
    this.reminderNotes();
    if (report.hasBlocking || groupname === null || typeFields === null || places === null || members === null)
      return null;
    // Built field by field in the order the payload always had, never from spreads: V8 builds an object made
    // of `{ ...a, b }` or assigned to after a spread several times slower, and reads it slower ever after.
    const group: Partial<WecomCheckinGroupCreate> = {};
    group.grouptype = typeFields.grouptype;
    if (typeFields.checkindate !== undefined) group.checkindate = typeFields.checkindate;
    if (typeFields.schedulelist !== undefined) group.schedulelist = typeFields.schedulelist;
    if (typeFields.spe_workdays !== undefined) group.spe_workdays = typeFields.spe_workdays;
    if (typeFields.offwork_interval_time !== undefined) group.offwork_interval_time = typeFields.offwork_interval_time;
    if (typeFields.span_day_time !== undefined) group.span_day_time = typeFields.span_day_time;
    if (typeFields.standard_work_duration !== undefined) {
      group.standard_work_duration = typeFields.standard_work_duration;
    }
    group.groupname = groupname;
    if (spe_offdays.length > 0) group.spe_offdays = spe_offdays;
    group.sync_holidays = rule.followsHolidayCalendar;
    group.need_photo = rule.photoRequired;
    if (places.loc_infos !== undefined) group.loc_infos = places.loc_infos;
    if (places.wifimac_infos !== undefined) group.wifimac_infos = places.wifimac_infos;
    group.range = members.range;
    if (members.white_users.length > 0) group.white_users = members.white_users;
    group.option_out_range = OUT_OF_RANGE[rule.outOfRange];
    const face = this.faceFields();
    group.use_face_detect = face.use_face_detect;
    group.open_face_live_detect = face.open_face_live_detect;
    const offworkday = this.restDayPunch();
    if (offworkday !== undefined) group.allow_checkin_offworkday = offworkday;
    const remedy = this.remedyFields();
    group.allow_apply_offworkday = remedy.allow_apply_offworkday;
    if (remedy.allow_apply_bk_cnt !== undefined) group.allow_apply_bk_cnt = remedy.allow_apply_bk_cnt;
    if (remedy.allow_apply_bk_day_limit !== undefined) group.allow_apply_bk_day_limit = remedy.allow_apply_bk_day_limit;
    if (remedy.buka_restriction !== undefined) group.buka_restriction = remedy.buka_restriction;
    group.ot_info_v2 = overtime(rule.overtime, report);
    // Every key the type requires is now set: grouptype (typeFields), groupname, range and ot_info_v2.
    return group as WecomCheckinGroupCreate;
  }

  // ---- names, zone, members ---------------------------------------------------------------------------

  private groupname(): string | null {
    const name = this.options.ruleName.trim();
    if (name === '') {
      this.report.blocking('name', 'The rule has no name; WeCom requires a rule name (groupname).');
      return null;
    }
    if (characterCount(name) <= NAME_MAX) return name;
    const cut = truncateCharacters(name, NAME_MAX);
    this.report.approximated(
      'name',
      `The rule name was shortened to "${cut}": WeCom allows at most 40 characters.`,
      name,
      cut,
    );
    return cut;
  }

  private timeZone(): void {
    if (CHINA_TIME_ZONES.has(this.rule.timeZone)) return;
    this.report.approximated(
      'timeZone',
      `The rule runs in ${this.rule.timeZone} but WeCom only knows China time (UTC+8): clock times are written unchanged and special days as China calendar dates.`,
      this.rule.timeZone,
      'Asia/Shanghai',
    );
  }

  private members(): { range: { userid: string[]; party_id: string[] }; white_users: string[] } | null {
    const { rule, report } = this;
    // resolveRuleIds reports and leaves out what cannot be mapped (or is blank); it never invents an id.
    const { userIds, departmentIds, excludedUserIds } = resolveMembers(rule, 'wecom', this.options.resolver, report);
    if (userIds.length === 0 && departmentIds.length === 0) {
      report.blocking(
        'members',
        'Nobody is left in the rule after mapping people and departments to WeCom; WeCom does not accept a rule that applies to no one.',
      );
      return null;
    }
    // The lists are fresh (resolveMembers), so the payload can own them.
    return { range: { userid: userIds, party_id: departmentIds }, white_users: excludedUserIds };
  }

  // ---- places ----------------------------------------------------------------------------------------

  private places(): Pick<WecomCheckinGroupCreate, 'loc_infos' | 'wifimac_infos'> | null {
    const { rule, report } = this;
    const loc_infos: NonNullable<WecomCheckinGroupCreate['loc_infos']> = [];
    rule.gpsLocations.forEach((location, index) => {
      const field = `gpsLocations[${index}]`;
      const lat = Math.round(location.latitude * 1e6);
      const lng = Math.round(location.longitude * 1e6);
      if (
        !Number.isFinite(lat) ||
        !Number.isFinite(lng) ||
        lat === 0 ||
        lng === 0 ||
        Math.abs(lat) > 90e6 ||
        Math.abs(lng) > 180e6
      ) {
        report.dropped(
          field,
          `Location "${location.name}" has coordinates WeCom cannot store and was left out.`,
          location,
        );
        return;
      }
      if (!Number.isFinite(location.radiusMeters) || location.radiusMeters <= 0) {
        report.dropped(
          field,
          `Location "${location.name}" has no check-in radius and was left out.`,
          location.radiusMeters,
        );
        return;
      }
      const distance = snapDistance(location.radiusMeters);
      if (distance !== location.radiusMeters) {
        report.approximated(
          `${field}.radiusMeters`,
          `Check-in radius of "${location.name}" ${location.radiusMeters} m was changed to ${distance} m: WeCom only allows 100–1000 m in steps of 100, 1500, 2000, 2500 or 3000 m.`,
          location.radiusMeters,
          distance,
        );
      }
      const title = this.text(
        location.name.trim() || location.address.trim() || 'Check-in location',
        `${field}.name`,
        'location name',
      );
      const detail = this.text(location.address.trim() || title, `${field}.address`, 'location address');
      loc_infos.push({ lat, lng, loc_title: title, loc_detail: detail, distance });
    });
    const wifimac_infos: NonNullable<WecomCheckinGroupCreate['wifimac_infos']> = [];
    const macs = new Set<string>();
    rule.wifiLocations.forEach((wifi, index) => {
      const field = `wifiLocations[${index}]`;
      const mac = normalizeBssid(wifi.bssid);
      if (mac === null) {
        report.dropped(
          field,
          `Wi-Fi "${wifi.ssid}" has an invalid router MAC address "${wifi.bssid}" and was left out.`,
          wifi.bssid,
        );
        return;
      }
      if (macs.has(mac)) {
        report.dropped(
          field,
          `Wi-Fi router ${mac} is listed twice; WeCom needs each MAC address once, so the second entry was left out.`,
          mac,
        );
        return;
      }
      macs.add(mac);
      const name = this.text(wifi.ssid.trim() || `Wi-Fi ${mac}`, `${field}.ssid`, 'Wi-Fi name');
      wifimac_infos.push({ wifiname: name, wifimac: mac });
    });
    let total = loc_infos.length + wifimac_infos.length;
    if (total > MAX_PLACES) {
      const keepLocations = Math.min(loc_infos.length, MAX_PLACES);
      const dropped = [...loc_infos.splice(keepLocations), ...wifimac_infos.splice(MAX_PLACES - keepLocations)];
      report.dropped(
        'wifiLocations',
        `WeCom allows at most ${MAX_PLACES} locations and Wi-Fi networks; ${dropped.length} were left out.`,
        dropped.length,
      );
      total = MAX_PLACES;
    }
    if (total === 0) {
      report.blocking(
        'gpsLocations',
        'No usable GPS location or Wi-Fi network is left; WeCom requires at least one place where people may punch.',
      );
      return null;
    }
    const found: Pick<WecomCheckinGroupCreate, 'loc_infos' | 'wifimac_infos'> = {};
    if (loc_infos.length > 0) found.loc_infos = loc_infos;
    if (wifimac_infos.length > 0) found.wifimac_infos = wifimac_infos;
    return found;
  }

  private text(value: string, field: string, what: string): string {
    if (characterCount(value) <= NAME_MAX) return value;
    const cut = truncateCharacters(value, NAME_MAX);
    this.report.approximated(
      field,
      `The ${what} was shortened to "${cut}": WeCom allows at most 40 characters.`,
      value,
      cut,
    );
    return cut;
  }

  // ---- rule types -------------------------------------------------------------------------------------

  private typeFields(): TypeFields | null {
    switch (this.rule.kind) {
      case 'fixed':
        return this.fixed();
      case 'shift_based':
        return this.shiftBased();
      case 'free':
        return this.free();
    }
  }

  private fixed(): TypeFields | null {
    const { rule, report } = this;
    const shifts = new Map(rule.shifts.map((shift) => [shift.key, shift]));
    const days = new Map<string, IsoWeekday[]>();
    for (const day of [1, 2, 3, 4, 5, 6, 7] as const) {
      const key = rule.week[day];
      if (key === null || key === undefined) continue;
      if (!shifts.has(key)) {
        report.dropped(
          `week.${day}`,
          `${weekdayName(day)} points to a shift that is not in the rule, so it was written as a rest day.`,
          key,
        );
        continue;
      }
      const listed = days.get(key);
      if (listed === undefined) days.set(key, [day]);
      else listed.push(day);
    }
    for (const shift of rule.shifts) {
      if (!days.has(shift.key)) {
        report.info(
          `shifts.${shift.key}`,
          `Shift "${shift.name || shift.key}" is not worked on any weekday; a fixed WeCom rule has no list of spare shifts, so it was not written.`,
        );
      }
    }
    if (days.size === 0) {
      report.blocking(
        'week',
        'The fixed rule has no working weekday; WeCom requires at least one day with working times.',
      );
      return null;
    }
    const checkindate: WecomCheckinDateWrite[] = [];
    for (const [key, weekdays] of days) {
      const shift = shifts.get(key)!;
      const path = `shifts.${key}`;
      const checkintime = this.sections(shift.sections, 'fixed', path);
      if (checkintime === null) continue;
      const flex = this.flex(shift, path);
      const entry: WecomCheckinDateWrite = {
        workdays: weekdays.map(isoToWecomDay),
        checkintime,
        allow_flex: flex.allow_flex,
        flex_on_duty_time: flex.flex_on_duty_time,
        flex_off_duty_time: flex.flex_off_duty_time,
        max_allow_arrive_early: flex.max_allow_arrive_early,
        max_allow_arrive_late: flex.max_allow_arrive_late,
      };
      if (flex.late_rule !== undefined) entry.late_rule = flex.late_rule;
      checkindate.push(entry);
    }
    return { grouptype: 1, checkindate };
  }

  private shiftBased(): TypeFields | null {
    const { rule, report } = this;
    if (Object.values(rule.week).some((key) => key !== null && key !== undefined)) {
      report.info(
        'week',
        'A by-shift WeCom rule has no weekly pattern (people are rostered day by day), so the week was not written.',
      );
    }
    if (rule.shifts.length === 0) {
      report.blocking(
        'shifts',
        'The by-shift rule has no shift; WeCom requires at least one working shift besides the rest day.',
      );
      return null;
    }
    if (rule.shifts.length > MAX_WORK_SCHEDULES) {
      report.blocking(
        'shifts',
        `The rule has ${rule.shifts.length} shifts; WeCom allows at most ${MAX_WORK_SCHEDULES} working shifts next to its rest day (50 in all).`,
      );
      return null;
    }
    const shifts = [...rule.shifts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const ids = scheduleIds(shifts.map((shift) => shift.key));
    const names = new Set<string>(['休息']);
    const schedulelist: WecomScheduleWrite[] = [{ schedule_id: 0, schedule_name: '休息' }];
    shifts.forEach((shift, index) => {
      const path = `shifts.${shift.key}`;
      const time_section = this.sections(shift.sections, 'schedule', path);
      if (time_section === null) return;
      // The name before the flexible time: their losses are reported in this order.
      const schedule_name = this.scheduleName(shift, names, path);
      const flex = this.flex(shift, path);
      const schedule: WecomScheduleWrite = {
        schedule_id: ids[index]!,
        schedule_name,
        time_section,
        allow_flex: flex.allow_flex,
        flex_on_duty_time: flex.flex_on_duty_time,
        flex_off_duty_time: flex.flex_off_duty_time,
        max_allow_arrive_early: flex.max_allow_arrive_early,
        max_allow_arrive_late: flex.max_allow_arrive_late,
      };
      if (flex.late_rule !== undefined) schedule.late_rule = flex.late_rule;
      schedulelist.push(schedule);
    });
    return { grouptype: 2, schedulelist };
  }

  private scheduleName(shift: Shift, taken: Set<string>, path: string): string {
    const first = shift.sections[0];
    const last = shift.sections[shift.sections.length - 1];
    const fallback = first && last ? `${clockText(first.onSec)}-${clockText(last.offSec)}` : shift.key;
    let name = truncateCharacters(shift.name.trim() || fallback, NAME_MAX);
    // 休息 is reserved for WeCom's rest schedule (doc "invalid rest schedule name"); names are unique (doc).
    if (taken.has(name)) {
      let suffix = 2;
      const base = truncateCharacters(name, NAME_MAX - 5);
      while (taken.has(`${base} (${suffix})`)) suffix += 1;
      name = `${base} (${suffix})`;
    }
    taken.add(name);
    if (name !== shift.name) {
      this.report.approximated(
        `${path}.name`,
        shift.name.trim() === ''
          ? `The shift has no name; it was named "${name}" because WeCom requires one.`
          : `Shift "${shift.name}" was renamed "${name}": WeCom shift names are unique within a rule, at most 40 characters, and "休息" is reserved for the rest day.`,
        shift.name,
        name,
      );
    }
    return name;
  }

  private free(): TypeFields | null {
    const { rule, report } = this;
    const free = rule.free;
    if (rule.shifts.length > 0 || Object.values(rule.week).some((key) => key !== null && key !== undefined)) {
      report.info(
        'shifts',
        'A free WeCom rule has no shifts or working times, so the shifts and week were not written.',
      );
    }
    if (free === null || free.workdays.length === 0) {
      report.blocking('free.workdays', 'The free rule has no working weekday; WeCom requires at least one.');
      return null;
    }
    const workdays = [...new Set(free.workdays)].sort((a, b) => a - b).map(isoToWecomDay);
    let span = Math.round(free.dayStartSec / MINUTE) * MINUTE;
    span = Math.min(Math.max(span, 0), DAY - MINUTE);
    if (span !== free.dayStartSec) {
      report.approximated(
        'free.dayStartSec',
        `The attendance day start ${clockText(free.dayStartSec)} was changed to ${clockText(span)}: WeCom needs a whole minute within one day.`,
        free.dayStartSec,
        span,
      );
    }
    let duration = -1;
    if (free.requiredWorkSec !== null) {
      duration = Math.min(Math.max(Math.round(free.requiredWorkSec / 1800) * 1800, HOUR), DAY);
      if (duration !== free.requiredWorkSec) {
        report.approximated(
          'free.requiredWorkSec',
          `Required working time ${durationText(free.requiredWorkSec)} was changed to ${durationText(duration)}: WeCom allows 1 h to 24 h in steps of 30 minutes.`,
          free.requiredWorkSec,
          duration,
        );
      }
    }
    return {
      grouptype: 3,
      // Free rules carry only their workdays in checkindate (doc checkindate.workdays "自由签到").
      checkindate: [{ workdays, checkintime: [] }],
      // Required for free rules (doc offwork_interval_time "仅自由签到规则需设置该字段"); the canonical model has
      // no minimum clock-in→clock-out interval, so none (0) is written.
      offwork_interval_time: 0,
      span_day_time: span,
      standard_work_duration: duration,
    };
  }

  // ---- time sections -----------------------------------------------------------------------------------

  /** One day's sections, WeCom-valid, or null (with a blocking loss) when no valid day can express them. */
  private sections(
    sections: readonly TimeSection[],
    kind: 'fixed' | 'schedule',
    path: string,
  ): WecomCheckinTimeWrite[] | null {
    const { report } = this;
    if (sections.length === 0 || sections.length > MAX_SECTIONS) {
      report.blocking(
        `${path}.sections`,
        `A day has ${sections.length} time sections; WeCom allows 1 to ${MAX_SECTIONS}.`,
        sections.length,
      );
      return null;
    }
    const rounded = [...sections]
      .map((section, index) => {
        const on = roundMinute(section.onSec);
        const off = roundMinute(section.offSec);
        if (on !== section.onSec || off !== section.offSec) {
          report.approximated(
            `${path}.sections[${index}]`,
            `Working time ${clockText(section.onSec)}–${clockText(section.offSec)} was rounded to ${clockText(on)}–${clockText(off)}: WeCom stores whole minutes.`,
            [section.onSec, section.offSec],
            [on, off],
          );
        }
        return { section, on, off, index };
      })
      .sort((a, b) => a.on - b.on);

    for (const { on, off, index } of rounded) {
      const at = `${path}.sections[${index}]`;
      const span = `${clockText(on)}–${clockText(off)}`;
      if (on < MINUTE || on > DAY) {
        report.blocking(
          at,
          `Working time ${span} cannot be written: WeCom needs the start between 00:01 and 24:00 so a clock-in window fits before it.`,
        );
        return null;
      }
      if (off >= NEXT_DAY_23_59 || off - on <= MINUTE || off - on >= DAY) {
        report.blocking(
          at,
          `Working time ${span} cannot be written: WeCom needs the end after the start by more than 1 minute and less than 24 hours, and before 23:59 the next day.`,
        );
        return null;
      }
      if (kind === 'fixed' && off > NEXT_DAY_04_00) {
        report.blocking(
          at,
          `Working time ${span} cannot be written in a fixed WeCom rule: clock-out must be possible no later than 04:00 the next day.`,
        );
        return null;
      }
    }
    for (let index = 1; index < rounded.length; index += 1) {
      const previous = rounded[index - 1]!;
      const current = rounded[index]!;
      if (current.on - previous.off < 2 * MINUTE) {
        report.blocking(
          `${path}.sections[${current.index}]`,
          `Working times ${clockText(previous.on)}–${clockText(previous.off)} and ${clockText(current.on)}–${clockText(current.off)} overlap or are less than 2 minutes apart; WeCom needs separate, non-overlapping punch windows.`,
        );
        return null;
      }
    }

    // Punch windows: clamp into WeCom's rules for each section, then pull neighbours apart.
    const windows = rounded.map(({ section, on, off }, position) => {
      const given = section.punchWindow;
      if (given === null) this.defaultWindowUsed = true;
      const middle = on + Math.floor((off - on) / (2 * MINUTE)) * MINUTE;
      const wanted =
        given === null
          ? { earliestOn: on - HOUR, latestOn: middle, earliestOff: middle, latestOff: off + HOUR }
          : {
              earliestOn: roundMinute(given.earliestOnSec),
              latestOn: roundMinute(given.latestOnSec),
              earliestOff: roundMinute(given.earliestOffSec),
              latestOff: roundMinute(given.latestOffSec),
            };
      // doc: earliest_work < work < latest_work < off; work < earliest_off < off; off <= latest_off < off + 24 h;
      // fixed rules: nothing below 0, off windows at most 次日04:00; by-shift: the first section opens at most 4 h early.
      const floor = kind === 'schedule' && position === 0 ? Math.max(0, on - SCHEDULE_FIRST_EARLIEST) : 0;
      const offCeiling = kind === 'fixed' ? Math.min(NEXT_DAY_04_00, off + DAY - MINUTE) : off + DAY - MINUTE;
      return {
        earliestOn: clamp(wanted.earliestOn, floor, on - MINUTE),
        latestOn: clamp(wanted.latestOn, on + MINUTE, off - MINUTE),
        earliestOff: clamp(wanted.earliestOff, on + MINUTE, off - MINUTE),
        latestOff: clamp(wanted.latestOff, off, offCeiling),
      };
    });
    for (let index = 1; index < windows.length; index += 1) {
      const previous = windows[index - 1]!;
      const current = windows[index]!;
      if (previous.latestOff < current.earliestOn) continue;
      // doc "there should be no overlap between the checkin times": split the gap between the two sections.
      const gapStart = rounded[index - 1]!.off;
      const gap = rounded[index]!.on - gapStart;
      const split = gapStart + Math.floor((gap - MINUTE) / (2 * MINUTE)) * MINUTE;
      previous.latestOff = clamp(previous.latestOff, gapStart, split);
      current.earliestOn = Math.max(current.earliestOn, previous.latestOff + MINUTE);
    }

    return rounded.map(({ section, on, off, index }, position) => {
      const at = `${path}.sections[${index}]`;
      const window = windows[position]!;
      const given = section.punchWindow;
      if (
        given !== null &&
        (given.earliestOnSec !== window.earliestOn ||
          given.latestOnSec !== window.latestOn ||
          given.earliestOffSec !== window.earliestOff ||
          given.latestOffSec !== window.latestOff)
      ) {
        const before = [given.earliestOnSec, given.latestOnSec, given.earliestOffSec, given.latestOffSec];
        const after = [window.earliestOn, window.latestOn, window.earliestOff, window.latestOff];
        report.approximated(
          `${at}.punchWindow`,
          `Punch window of ${clockText(on)}–${clockText(off)} (clock-in ${clockText(before[0]!)}–${clockText(before[1]!)}, clock-out ${clockText(before[2]!)}–${clockText(before[3]!)}) was changed to clock-in ${clockText(after[0]!)}–${clockText(after[1]!)}, clock-out ${clockText(after[2]!)}–${clockText(after[3]!)}: WeCom needs whole minutes, windows around the working time, no overlap between sections${kind === 'fixed' ? ', and clock-out by 04:00 the next day' : ''}.`,
          before,
          after,
        );
      }
      if (section.seriousLateSec !== null) {
        report.dropped(
          `${at}.seriousLateSec`,
          `"Seriously late" after ${durationText(section.seriousLateSec)} has no WeCom equivalent and was not written.`,
          section.seriousLateSec,
        );
      }
      const reminder = this.reminder(on, off, at);
      const time_id = this.nextTimeId++;
      const rest = this.rest(section, on, off, at);
      const time: WecomCheckinTimeWrite = {
        time_id,
        work_sec: on,
        off_work_sec: off,
        remind_work_sec: reminder.remind_work_sec,
        remind_off_work_sec: reminder.remind_off_work_sec,
        earliest_work_sec: window.earliestOn,
        latest_work_sec: window.latestOn,
        earliest_off_work_sec: window.earliestOff,
        latest_off_work_sec: window.latestOff,
        no_need_checkon: section.noPunchOn,
        no_need_checkoff: section.noPunchOff,
        allow_rest: rest !== NO_REST,
      };
      if (rest !== NO_REST) {
        time.rest_begin_time = rest.begin;
        time.rest_end_time = rest.end;
      }
      return time;
    });
  }

  /** The break WeCom can hold for a section (rounded to the minute), or NO_REST with the reason reported. */
  private rest(section: TimeSection, on: number, off: number, at: string): { begin: number; end: number } {
    if (section.rest === null) return NO_REST;
    const begin = roundMinute(section.rest.beginSec);
    const end = roundMinute(section.rest.endSec);
    if (!(on < begin && begin < end && end < off)) {
      this.report.dropped(
        `${at}.rest`,
        `The break ${clockText(section.rest.beginSec)}–${clockText(section.rest.endSec)} does not lie strictly inside the working time ${clockText(on)}–${clockText(off)}, which WeCom requires; it was not written.`,
        section.rest,
      );
      return NO_REST;
    }
    if (begin !== section.rest.beginSec || end !== section.rest.endSec) {
      this.report.approximated(
        `${at}.rest`,
        `The break was rounded to ${clockText(begin)}–${clockText(end)}: WeCom stores whole minutes.`,
        section.rest,
        { beginSec: begin, endSec: end },
      );
    }
    return { begin, end };
  }

  /** Grace, flexible arrival and late-off-late-on of one shift (doc checkindate.allow_flex … late_rule). */
  private flex(shift: Shift, path: string): FlexFields {
    const { report } = this;
    let onDuty = dayGrace(shift, 'lateGraceSec', 'Grace for late arrival', path, report);
    let offDuty = dayGrace(shift, 'earlyLeaveGraceSec', 'Grace for early leave', path, report);
    const arrival = shift.flexibleArrival;
    const early =
      arrival === null
        ? 0
        : flexValue(arrival.maxEarlySec, `${path}.flexibleArrival.maxEarlySec`, 'Flexible early arrival', report);
    const late =
      arrival === null
        ? 0
        : flexValue(arrival.maxLateSec, `${path}.flexibleArrival.maxLateSec`, 'Flexible late arrival', report);
    if ((onDuty > 0 || offDuty > 0) && (early > 0 || late > 0)) {
      // doc "only one item can be set": grace (迟到早退) and flexible arrival (早到早走晚到晚走) exclude each other.
      // The flexible hours shape the whole day, so they are kept and the grace is reported.
      report.dropped(
        `${path}.sections.lateGraceSec`,
        `Grace for late arrival (${durationText(onDuty)}) and early leave (${durationText(offDuty)}) was not written: WeCom cannot combine it with flexible arrival (up to ${durationText(early)} early / ${durationText(late)} late), which was kept.`,
        { lateGraceSec: onDuty, earlyLeaveGraceSec: offDuty },
      );
      onDuty = 0;
      offDuty = 0;
    }
    const allowFlex = onDuty > 0 || offDuty > 0 || early > 0 || late > 0;
    const timerules = this.lateSteps(shift, path);
    let late_rule: WecomLateRule | undefined;
    if (timerules.length > 0 && !allowFlex) {
      report.dropped(
        `${path}.lateOffLateOn`,
        '"Leave late, arrive late next day" was not written: WeCom only allows it together with a grace time or flexible arrival, and this shift has neither.',
        shift.lateOffLateOn,
      );
    } else if (timerules.length > 0) {
      late_rule = { allow_offwork_after_time: true, timerules };
    }
    return {
      // Always explicit: a by-shift schedule's allow_flex defaults to TRUE (doc schedulelist.allow_flex).
      allow_flex: allowFlex,
      flex_on_duty_time: onDuty,
      flex_off_duty_time: offDuty,
      max_allow_arrive_early: early,
      max_allow_arrive_late: late,
      late_rule,
    };
  }

  private lateSteps(shift: Shift, path: string): { offwork_after_time: number; onwork_flex_time: number }[] {
    const steps: { offwork_after_time: number; onwork_flex_time: number }[] = [];
    for (const step of shift.lateOffLateOn) {
      const off = clamp(Math.round(step.offLateSec / LATE_STEP) * LATE_STEP, 0, LATE_MAX);
      // READING: offwork_after_time ≥ onwork_flex_time, steps ascending. The doc contradicts itself: the 301093
      // row "invalid late rule, late rule must be a multiple of 15 minutes…" describes "onwork_flex_time需要大于
      // offwork_after_time", and the errmsg of "invalid late rule, offwork_after_time should less than
      // onwork_flex_time" says the same, but that row's description says "offwork_after_time需要大于等于
      // onwork_flex_time". The field texts give the meaning: offwork_after_time "晚走的时间 距离最晚一个下班的时间",
      // onwork_flex_time "第二天第一个班次允许迟到的弹性时间": you may come in late by at most what you stayed late.
      // What WeCom itself answers agrees, and never the other way round: the getcorpcheckinoption doc example
      // (SKIT.FlurlHttpClient.Wechat's fixture, test/fixtures/vendor-examples) has 3600 / 3600, and a real 2024
      // answer pasted in binarywang/WxJava issue #3323 (kept as WxJava's WxCpOaServiceImplTest
      // testIssue3323FullJson) has late_rule 3600 / 3600 and timerules 18000/3600, 21600/7200, 28800/10800:
      // every step leave ≥ arrive, in ascending order. The clients that type these fields (WxJava
      // WxCpCheckinGroupBase.TimeRule, the SKIT response models) copy the doc's field texts and check nothing.
      // The emulator (checkin-option-rules.ts, lateRule) takes the same reading; the reader
      // (wecom-to-canonical.mapper.ts, readLateRule) reads each field by its text and sorts the steps.
      const on = Math.min(clamp(Math.round(step.onLateSec / LATE_STEP) * LATE_STEP, 0, LATE_MAX), off);
      if (off !== step.offLateSec || on !== step.onLateSec) {
        this.report.approximated(
          `${path}.lateOffLateOn`,
          `"Leave ${durationText(step.offLateSec)} late, arrive ${durationText(step.onLateSec)} late next day" became ${durationText(off)} / ${durationText(on)}: WeCom allows multiples of 15 minutes up to 10 hours, and the later arrival may not exceed the later leave.`,
          step,
          { offLateSec: off, onLateSec: on },
        );
      }
      if (off === 0 && on === 0) continue;
      if (steps.some((existing) => existing.offwork_after_time === off && existing.onwork_flex_time === on)) continue;
      steps.push({ offwork_after_time: off, onwork_flex_time: on });
    }
    return steps.sort((a, b) => a.offwork_after_time - b.offwork_after_time || a.onwork_flex_time - b.onwork_flex_time);
  }

  // ---- special days ------------------------------------------------------------------------------------

  /** Fills typeFields.spe_workdays (fixed rules only, doc) and returns spe_offdays. */
  private specialDays(typeFields: TypeFields | null): NonNullable<WecomCheckinGroupCreate['spe_offdays']> {
    const { rule, report } = this;
    const taken = new Set<string>();
    const workdays = [...rule.specialWorkdays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const offdays = [...rule.specialOffdays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (rule.kind !== 'fixed') {
      for (const day of workdays) {
        report.dropped(
          'specialWorkdays',
          `Special working day ${day.date} was not written: WeCom only has special working days in fixed-time rules.`,
          day.date,
        );
      }
    } else if (typeFields !== null) {
      const spe_workdays: NonNullable<WecomCheckinGroupCreate['spe_workdays']> = [];
      for (const day of workdays) {
        const field = `specialWorkdays.${day.date}`;
        const timestamp = this.usableSpecialDay(day.date, field, taken);
        if (timestamp === null) continue;
        const checkintime = this.specialSections(day, field);
        if (checkintime === null) continue;
        taken.add(day.date);
        spe_workdays.push({ type: 0, timestamp, notes: this.notes(day.note, field), checkintime });
      }
      if (spe_workdays.length > 0) typeFields.spe_workdays = spe_workdays;
    }
    const spe_offdays: NonNullable<WecomCheckinGroupCreate['spe_offdays']> = [];
    for (const day of offdays) {
      const field = `specialOffdays.${day.date}`;
      const timestamp = this.usableSpecialDay(day.date, field, taken);
      if (timestamp === null) continue;
      taken.add(day.date);
      spe_offdays.push({ type: 0, timestamp, notes: this.notes(day.note, field) });
    }
    return spe_offdays;
  }

  /** The China 00:00 of a special day WeCom will accept, or null (reported); the caller then claims the date. */
  private usableSpecialDay(date: string, field: string, taken: ReadonlySet<string>): number | null {
    const { report } = this;
    const midnight = chinaMidnight(date);
    if (midnight === null) {
      report.dropped(field, `Special day "${date}" is not a valid date and was not written.`, date);
      return null;
    }
    if (midnight <= this.options.nowUnixSeconds) {
      report.dropped(
        field,
        `Special day ${date} is today or in the past; WeCom only accepts future special days, so it was not written.`,
        date,
      );
      return null;
    }
    if (taken.has(date)) {
      report.dropped(
        field,
        `Special day ${date} is listed more than once; WeCom allows each date once, so only the first was written.`,
        date,
      );
      return null;
    }
    if (taken.size >= MAX_SPECIAL_DAYS) {
      report.dropped(field, `WeCom allows at most ${MAX_SPECIAL_DAYS} special days; ${date} was not written.`, date);
      return null;
    }
    return midnight;
  }

  private specialSections(
    day: CanonicalRule['specialWorkdays'][number],
    field: string,
  ): NonNullable<WecomCheckinGroupCreate['spe_workdays']>[number]['checkintime'] | null {
    const { report } = this;
    const shift =
      day.shiftKey === null ? undefined : this.rule.shifts.find((candidate) => candidate.key === day.shiftKey);
    const sections = shift?.sections ?? day.sections;
    if (sections.length === 0) {
      report.dropped(
        field,
        `Special working day ${day.date} has no working times${day.shiftKey === null ? '' : ` (shift ${day.shiftKey} not found)`} and was not written.`,
        day.date,
      );
      return null;
    }
    if (sections.length > MAX_SECTIONS) {
      report.dropped(
        field,
        `Special working day ${day.date} has ${sections.length} time sections; WeCom allows at most ${MAX_SECTIONS}. It was not written.`,
        day.date,
      );
      return null;
    }
    if (
      shift !== undefined ||
      sections.some(
        (s) =>
          s.punchWindow !== null ||
          s.rest !== null ||
          s.noPunchOn ||
          s.noPunchOff ||
          s.lateGraceSec > 0 ||
          s.earlyLeaveGraceSec > 0,
      )
    ) {
      report.info(
        field,
        `Special working day ${day.date} was written with its working times only: WeCom special days carry no punch windows, breaks, grace or flexible time.`,
      );
    }
    const times = sections
      .map((s) => ({ on: roundMinute(s.onSec), off: roundMinute(s.offSec), s }))
      .sort((a, b) => a.on - b.on);
    for (const [index, { on, off }] of times.entries()) {
      // doc "special workday checkin time work_sec/off_work_sec invalid" and the section rules.
      const bad =
        on < SPECIAL_WORK_MIN ||
        on > SPECIAL_WORK_MAX ||
        off < SPECIAL_WORK_MIN ||
        off > SPECIAL_OFF_MAX ||
        off - on <= MINUTE ||
        off - on >= DAY ||
        off >= NEXT_DAY_23_59 ||
        (index > 0 && on <= times[index - 1]!.off);
      if (bad) {
        report.dropped(
          field,
          `Special working day ${day.date} (${clockText(on)}–${clockText(off)}) was not written: WeCom needs special-day work to start between 04:00 and 18:00, end by 03:00 the next day, and sections not to overlap.`,
          day.date,
        );
        return null;
      }
      if (on !== times[index]!.s.onSec || off !== times[index]!.s.offSec) {
        report.approximated(
          field,
          `Special working day ${day.date}: working time rounded to ${clockText(on)}–${clockText(off)} (WeCom stores whole minutes).`,
        );
      }
    }
    return times.map(({ on, off }, index) => {
      const reminder = this.reminder(on, off, `${field}.sections[${index}]`);
      return {
        time_id: this.nextTimeId++,
        work_sec: on,
        off_work_sec: off,
        remind_work_sec: reminder.remind_work_sec,
        remind_off_work_sec: reminder.remind_off_work_sec,
      };
    });
  }

  /** doc "special day notes cannot be empty", at most 40 bytes. */
  private notes(note: string, field: string): string {
    const trimmed = note.trim();
    if (trimmed === '') {
      const synthetic = `Synced from ${VENDOR_LABEL[this.rule.idSpace]}`;
      this.report.info(
        `${field}.note`,
        `The special day had no note; WeCom requires one, so "${synthetic}" was written.`,
        note,
        synthetic,
      );
      return synthetic;
    }
    if (utf8Length(trimmed) <= NOTES_MAX_BYTES) return trimmed;
    const cut = truncateUtf8(trimmed, NOTES_MAX_BYTES);
    this.report.approximated(
      `${field}.note`,
      `The special-day note was shortened to "${cut}": WeCom allows at most 40 bytes (about 13 Chinese characters).`,
      note,
      cut,
    );
    return cut;
  }

  // ---- policies ----------------------------------------------------------------------------------------

  /**
   * use_face_detect / open_face_live_detect. WeCom has one liveness check (open_face_live_detect), with no
   * action to perform: 'silent' is it exactly, 'action' (Feishu's 动作验证) becomes it, a weaker check.
   */
  private faceFields(): Pick<WecomCheckinGroupCreate, 'use_face_detect' | 'open_face_live_detect'> {
    const { rule, report } = this;
    if (rule.faceLiveness === 'none') return { use_face_detect: rule.faceRecognition, open_face_live_detect: false };
    if (!rule.faceRecognition) {
      // doc "open_face_live_detect requires use_face_detect first".
      report.dropped(
        'faceLiveness',
        'Liveness detection was not switched on: WeCom only offers it together with face recognition, which this rule does not use.',
        rule.faceLiveness,
      );
      return { use_face_detect: false, open_face_live_detect: false };
    }
    if (rule.faceLiveness === 'action') {
      report.approximated(
        'faceLiveness',
        'Face punches need a liveness check with an action (e.g. blinking or turning the head); WeCom’s liveness check has no action variant, so its standard liveness check was switched on instead.',
        'action',
        'silent',
      );
    }
    return { use_face_detect: true, open_face_live_detect: true };
  }

  /**
   * allow_checkin_offworkday, "固定上下班是否允许非工作日打卡" (doc): fixed rules only; undefined = leave it out
   * (a create gets WeCom's default, not allowed; an update keeps what WeCom holds).
   */
  private restDayPunch(): boolean | undefined {
    const { rule, report } = this;
    const policy = rule.restDayPunch;
    if (policy === null) return undefined;
    if (rule.kind !== 'fixed') {
      report.info(
        'restDayPunch',
        `Punching on rest days is ${policy === 'forbidden' ? 'not allowed' : 'allowed'} in the source; WeCom has this setting for fixed-time rules only, so it was not written for this rule.`,
        policy,
      );
      return undefined;
    }
    if (policy === 'approval') {
      report.approximated(
        'restDayPunch',
        'Punching on rest days needs an approval in the source; WeCom has no approval step for it, so punching on rest days was simply allowed.',
        'approval',
        'allowed',
      );
    }
    return policy !== 'forbidden';
  }

  /**
   * The reminder of one section: remind_work_sec = work − lead, remind_off_work_sec = off + lag, the rule's (or
   * default) lead and lag, kept inside WeCom's day — not before 00:00, not at or after 次日23:59 (the latest
   * time WeCom's sections have, doc "checkin time off_work_sec invalid") — by the nearest smaller choice WeCom
   * offers; a rule's own reminder changed that way is reported.
   */
  private reminder(on: number, off: number, at: string): { remind_work_sec: number; remind_off_work_sec: number } {
    this.sectionsWritten += 1;
    const lead = largestAllowed(this.remindLead, REMIND_BEFORE_WORK_MINUTES, (value) => on - value >= 0);
    const lag = largestAllowed(this.remindLag, REMIND_AFTER_OFF_MINUTES, (value) => off + value < NEXT_DAY_23_59);
    if (this.rule.punchReminder !== null && (lead !== this.remindLead || lag !== this.remindLag)) {
      this.report.approximated(
        `${at}.punchReminder`,
        `The punch reminder of ${clockText(on)}–${clockText(off)} (${reminderText(this.remindLead, this.remindLag)}) would fall outside the day, so ${reminderText(lead, lag)} was written.`,
        { beforeOnSec: this.remindLead, afterOffSec: this.remindLag },
        { beforeOnSec: lead, afterOffSec: lag },
      );
    }
    return { remind_work_sec: on - lead, remind_off_work_sec: off + lag };
  }

  /** Once per rule: what was written for a source without a reminder, or that a free rule holds none. */
  private reminderNotes(): void {
    const { rule, report } = this;
    if (rule.punchReminder === null && this.sectionsWritten > 0) {
      report.info(
        'punchReminder',
        `The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: ${reminderText(this.remindLead, this.remindLag)}.`,
        null,
        { beforeOnSec: this.remindLead, afterOffSec: this.remindLag },
      );
    } else if (rule.punchReminder !== null && this.sectionsWritten === 0) {
      report.info(
        'punchReminder',
        'A free rule has no working times, so WeCom keeps no punch reminders for it; the reminder was not written.',
        rule.punchReminder,
      );
    }
  }

  private remedyFields(): Pick<
    WecomCheckinGroupCreate,
    'allow_apply_offworkday' | 'allow_apply_bk_cnt' | 'allow_apply_bk_day_limit' | 'buka_restriction'
  > {
    const { report } = this;
    const remedy = this.rule.remedy;
    const restriction =
      (remedy.forMissing ? 0 : 1) | (remedy.forLate ? 0 : 2) | (remedy.forEarly ? 0 : 4) | (remedy.forOther ? 0 : 8);
    if (remedy.allowed && remedy.forNormal) {
      report.dropped(
        'remedy.forNormal',
        'Make-up punches for punches that were normal are allowed in the source; WeCom has no such option (its make-up punches are for missing, late, early or other exceptions only), so it was not written.',
        true,
      );
    }
    if (!remedy.allowed) {
      // doc "set the fields related to buka requires allow_apply_offworkday": the limits cannot be stored.
      if (remedy.monthlyLimit !== null || remedy.daysLimit !== null || restriction !== 0) {
        report.info(
          'remedy',
          'Make-up punches are not allowed, so their limits and types were not written (WeCom keeps them only when make-up punches are on).',
        );
      }
      return { allow_apply_offworkday: false };
    }
    return {
      allow_apply_offworkday: true,
      // doc: allow_apply_bk_cnt −1 or up to 99; allow_apply_bk_day_limit −1, 1 = today … at most 180.
      allow_apply_bk_cnt: remedyLimit(remedy.monthlyLimit, 0, 99, 'monthlyLimit', 'Make-up punches per month', report),
      allow_apply_bk_day_limit: remedyLimit(
        remedy.daysLimit,
        1,
        180,
        'daysLimit',
        'Days a make-up punch may reach back',
        report,
      ),
      // doc buka_restriction: a set bit closes that type; bits low → high: missing, late, early, other.
      buka_restriction: restriction,
    };
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------

/** A make-up punch limit within WeCom's range (-1 = unlimited), reporting a change. */
function remedyLimit(
  value: number | null,
  min: number,
  max: number,
  field: string,
  what: string,
  report: LossReport,
): number {
  if (value === null) return -1;
  const bounded = clamp(Math.round(value), min, max);
  if (bounded !== value) {
    report.approximated(
      `remedy.${field}`,
      `${what} ${value} was changed to ${bounded}: WeCom allows ${min} to ${max} (or unlimited).`,
      value,
      bounded,
    );
  }
  return bounded;
}

function roundMinute(seconds: number): number {
  return Math.round(seconds / MINUTE) * MINUTE;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** One grace value for the whole day: WeCom has one per day, so the most lenient section's (reported when they differ). */
function dayGrace(
  shift: Shift,
  field: 'lateGraceSec' | 'earlyLeaveGraceSec',
  what: string,
  path: string,
  report: LossReport,
): number {
  const values = shift.sections.map((section) => section[field]);
  const widest = Math.max(0, ...values);
  if (values.some((value) => value !== widest)) {
    report.approximated(
      `${path}.sections.${field}`,
      `${what} differs between the sections of the day (${values.map(durationText).join(', ')}); WeCom has one value per day, so the most lenient, ${durationText(widest)}, was used.`,
      values,
      widest,
    );
  }
  return flexValue(widest, `${path}.sections.${field}`, what, report);
}

function flexValue(seconds: number, field: string, what: string, report: LossReport): number {
  const value = clamp(Math.round(Math.max(0, seconds) / FLEX_STEP) * FLEX_STEP, 0, FLEX_MAX);
  if (value !== seconds) {
    report.approximated(
      field,
      `${what} ${durationText(seconds)} was ${seconds > FLEX_MAX ? 'capped' : 'rounded'} to ${durationText(value)}: WeCom only allows multiples of 5 minutes, up to 6 hours.`,
      seconds,
      value,
    );
  }
  return value;
}

/** Nearest allowed WeCom radius; on a tie the larger one, so nobody who could punch before is now outside. */
function snapDistance(meters: number): number {
  let best = WECOM_DISTANCES[0]!;
  for (const candidate of WECOM_DISTANCES) {
    if (Math.abs(candidate - meters) <= Math.abs(best - meters)) best = candidate;
  }
  return best;
}

/**
 * Stable schedule_ids from shift keys: a key that already is a WeCom schedule id (a positive integer) keeps
 * it, so WeCom-born shifts round-trip; other keys get an FNV hash in [1, 2^31−1]. Collisions are resolved by
 * probing upwards in key order, so the same rule always yields the same ids and ids are unique in the rule.
 */
function scheduleIds(keys: readonly string[]): number[] {
  const ids: (number | null)[] = keys.map((key) =>
    /^[1-9]\d{0,9}$/.test(key) && Number(key) <= MAX_SCHEDULE_ID ? Number(key) : null,
  );
  const used = new Set<number>();
  const result = ids.map((id) => {
    if (id === null || used.has(id)) return null;
    used.add(id);
    return id;
  });
  return result.map((id, index) => {
    if (id !== null) return id;
    let candidate = (fnv1a32(keys[index]!) % MAX_SCHEDULE_ID) + 1;
    while (used.has(candidate)) candidate = (candidate % MAX_SCHEDULE_ID) + 1;
    used.add(candidate);
    return candidate;
  });
}

/**
 * doc ot_info_v2: required on every write, all three day kinds with allow_ot and type (2 = approval only, the
 * documented default). Details beyond "overtime allowed" are vendor-specific and not in the canonical model; on
 * an update mergeWecomRuleUpdate (wecom-update-merge.ts) keeps the ones WeCom holds. A kind of day the source
 * does not say anything about (null) is written not allowed: what a new rule needs; an update keeps WeCom's.
 */
function overtime(overtime: OvertimeByDayKind, report: LossReport): WecomOtInfoV2 {
  const unsaid = OVERTIME_KINDS.filter(({ kind }) => overtime[kind] === null).map(({ label }) => label);
  if (unsaid.length > 0) {
    report.info(
      'overtime',
      `The source does not say whether overtime is allowed on ${unsaid.join(' and ')}, so WeCom's overtime for those days was not set by it: a new WeCom rule gets "not allowed" (approval only), an existing one keeps its own setting.`,
    );
  }
  return {
    workdayconf: { allow_ot: overtime.workday === true, type: 2 },
    restdayconf: { allow_ot: overtime.restDay === true, type: 2 },
    holidayconf: { allow_ot: overtime.holiday === true, type: 2 },
  };
}

const OVERTIME_KINDS = [
  { kind: 'workday', label: 'workdays' },
  { kind: 'restDay', label: 'rest days' },
  { kind: 'holiday', label: 'holidays' },
] as const;

/**
 * A reminder offset (seconds) as one of WeCom's choices (minutes): the nearest, the smaller on a tie (a reminder
 * never moves further from the working time than asked); a change is reported.
 */
function snapReminder(
  seconds: number,
  allowed: readonly number[],
  field: 'beforeOnSec' | 'afterOffSec',
  side: 'before' | 'after',
  report: LossReport,
): number {
  let best = allowed[0]! * MINUTE;
  for (const minutes of allowed) {
    if (Math.abs(minutes * MINUTE - seconds) < Math.abs(best - seconds)) best = minutes * MINUTE;
  }
  if (best !== seconds) {
    report.approximated(
      `punchReminder.${field}`,
      `A punch reminder ${durationText(Math.abs(seconds))} ${seconds < 0 ? (side === 'before' ? 'after the start' : 'before the end') : side === 'before' ? 'before the start' : 'after the end'} of work was written as ${best === 0 ? 'on time' : `${durationText(best)} ${side}`}: WeCom offers ${allowed.map((minutes) => `${minutes}`).join(', ')} minutes ${side} ${side === 'before' ? 'the start' : 'the end'} of work.`,
      seconds,
      best,
    );
  }
  return best;
}

/** "10 min before work and at the end of work". */
function reminderText(lead: number, lag: number): string {
  const before = lead === 0 ? 'at the start of work' : `${durationText(lead)} before work`;
  return `${before} and ${lag === 0 ? 'at the end of work' : `${durationText(lag)} after work`}`;
}

/** The largest of WeCom's reminder choices (minutes) up to `seconds` that `fits`; 0 (on time) always fits. */
function largestAllowed(seconds: number, allowed: readonly number[], fits: (seconds: number) => boolean): number {
  let best = 0;
  for (const minutes of allowed) {
    const value = minutes * MINUTE;
    if (value <= seconds && value > best && fits(value)) best = value;
  }
  return best;
}

function pickAllowed(value: number | undefined, allowed: readonly number[], field: string, report: LossReport): number {
  if (value === undefined || allowed.includes(value)) return value ?? 0;
  report.approximated(
    field,
    `Reminder offset ${value} min is not one WeCom offers (${allowed.join(', ')}); no offset (on time) was used.`,
    value,
    0,
  );
  return 0;
}

function weekdayName(day: IsoWeekday): string {
  return ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][day - 1]!;
}
