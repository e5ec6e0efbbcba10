import type { Vendor } from '@app/kernel';

/*
 * The vendor-neutral model of one attendance rule: a Feishu attendance group with its shifts, or a WeCom
 * checkin rule. Every mapper goes vendor → canonical → vendor; nothing maps vendor to vendor directly, so a
 * third vendor is one more pair of mappers.
 *
 * Conventions:
 *  - Times of day are integer SECONDS from the local midnight of the day the shift starts; a next-day time is
 *    above 86,400 (Feishu "26:00" = 93,600). Never Date objects.
 *  - Durations are integer seconds.
 *  - Dates are "YYYY-MM-DD" strings in the rule's time zone.
 *  - Weekdays are ISO numbers: 1 = Monday … 7 = Sunday (Feishu is Monday-first, WeCom 0 = Sunday; both are
 *    re-indexed at their mapper).
 *  - People and departments are ids in ONE vendor's id space, named by `idSpace`; mapping them to the other
 *    vendor goes through an IdResolver passed to the mapper (never invented).
 *  - null means "not set / vendor default"; an empty array means "none".
 *  - Arrays whose order carries no meaning (members, locations, special days, Wi-Fi) are kept sorted by the
 *    normaliser, so equal rules are deeply equal and hash equal.
 */

export type RuleKind = 'fixed' | 'shift_based' | 'free';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PunchWindow {
  /** Earliest clock-in accepted (Feishu on_time − on_advance_minutes; WeCom earliest_work_sec). */
  readonly earliestOnSec: number;
  /** After this a clock-in counts as absent/lack (Feishu on_time + late_minutes_as_lack; WeCom latest_work_sec). */
  readonly latestOnSec: number;
  /** Before this a clock-out counts as absent/lack (Feishu off_time − early_minutes_as_lack; WeCom earliest_off_work_sec). */
  readonly earliestOffSec: number;
  /** Latest clock-out accepted (Feishu off_time + off_delay_minutes; WeCom latest_off_work_sec). */
  readonly latestOffSec: number;
}

export interface TimeSection {
  /** Start of work. */
  readonly onSec: number;
  /** End of work; > onSec, may exceed 86,400 (next day). */
  readonly offSec: number;
  /** null: the vendor's default window. */
  readonly punchWindow: PunchWindow | null;
  /** Clock-in not required for this section (Feishu create-side no_need_on = true; WeCom no_need_checkon). */
  readonly noPunchOn: boolean;
  readonly noPunchOff: boolean;
  /** Grace: arriving up to this late is not "late" (Feishu late_minutes_as_late; WeCom flex_on_duty_time). */
  readonly lateGraceSec: number;
  /** Grace: leaving up to this early is not "early" (Feishu early_minutes_as_early; WeCom flex_off_duty_time). */
  readonly earlyLeaveGraceSec: number;
  /** Feishu-only: late beyond this is "seriously late"; null if unset. */
  readonly seriousLateSec: number | null;
  /** A break inside the section that is not working time. */
  readonly rest: { readonly beginSec: number; readonly endSec: number } | null;
}

/** Arrive-early/arrive-late flexible hours: shift the whole day by up to these amounts. */
export interface FlexibleArrival {
  /** May arrive (and leave) up to this much earlier (Feishu flexible_early_minutes; WeCom max_allow_arrive_early). */
  readonly maxEarlySec: number;
  /** May arrive (and leave) up to this much later (Feishu flexible_late_minutes; WeCom max_allow_arrive_late). */
  readonly maxLateSec: number;
}

/** "Leave late yesterday, arrive late today" (Feishu late_off_late_on_rule; WeCom late_rule.timerules). */
export interface LateOffLateOnStep {
  /** Having left this long after the end of work… */
  readonly offLateSec: number;
  /** …the next day's start may be this much later without counting as late. */
  readonly onLateSec: number;
}

export interface Shift {
  /**
   * Identity of the shift within the rule, stable across runs: the Feishu shift_id, or for WeCom the
   * schedule_id (shift-based rules) or a key derived from the section layout (fixed rules).
   */
  readonly key: string;
  /** Display name (Feishu shift_name, WeCom schedule_name); fixed WeCom rules have none. */
  readonly name: string;
  /** 1–4 sections, in time order, not overlapping. */
  readonly sections: readonly TimeSection[];
  /** Arrive-early/late flexible hours, or null. Mutually exclusive with grace in WeCom (loss on the way). */
  readonly flexibleArrival: FlexibleArrival | null;
  /** Empty when not used. Steps sorted by offLateSec. */
  readonly lateOffLateOn: readonly LateOffLateOnStep[];
}

export interface GpsLocation {
  readonly name: string;
  readonly address: string;
  /** GCJ-02 (China's datum, what 高德 and WeCom use) decimal degrees; WGS-84 sources are converted at the mapper. */
  readonly latitude: number;
  readonly longitude: number;
  readonly radiusMeters: number;
}

export interface WifiLocation {
  readonly ssid: string;
  /** Lower-case, colon-separated, 6 octets ("a4:b1:c2:00:1e:ff"). */
  readonly bssid: string;
}

export interface SpecialWorkday {
  readonly date: string;
  /** Key of a shift of this rule worked that day, or null when the vendor gives times inline only. */
  readonly shiftKey: string | null;
  /** Inline sections when there is no shift to point to (WeCom spe_workdays[].checkintime). */
  readonly sections: readonly TimeSection[];
  readonly note: string;
}

export interface SpecialOffday {
  readonly date: string;
  readonly note: string;
}

export interface Members {
  readonly userIds: readonly string[];
  readonly departmentIds: readonly string[];
  /** Members who need not punch: Feishu bind_default_user_ids ("参与无需打卡的人员"), WeCom white_users. */
  readonly excludedUserIds: readonly string[];
}

export interface Remedy {
  /** Employees may apply for make-up punches (补卡). */
  readonly allowed: boolean;
  /** Make-up punches per month; null = unlimited. */
  readonly monthlyLimit: number | null;
  /** How many days back an application may reach; null = unlimited. */
  readonly daysLimit: number | null;
  /** Which exceptions may be remedied. */
  readonly forMissing: boolean;
  readonly forLate: boolean;
  readonly forEarly: boolean;
  readonly forOther: boolean;
  /**
   * A punch that was normal may be re-applied for (Feishu allow_remedy_type_normal "允许正常补卡"). Not an
   * exception type: WeCom's buka_restriction bits cover missing, late, early and "other exceptions" only.
   */
  readonly forNormal: boolean;
}

export type OutOfRangePolicy = 'exception' | 'field_punch' | 'forbidden';

/**
 * Liveness check on face punches. Feishu face_live_need_action: false = 开启活体验证 (a silent liveness
 * check), true = 动作验证 (the person performs an action) — both are liveness (feishu-create-update-group.md).
 * WeCom open_face_live_detect has one kind of check, read as 'silent'.
 */
export type FaceLiveness = 'none' | 'silent' | 'action';

/**
 * Whether overtime is allowed, per kind of day (WeCom ot_info_v2.workdayconf / restdayconf / holidayconf
 * allow_ot). null: the source does not say (Feishu keeps its overtime rules outside the group API), so a
 * writer leaves what the target holds for that kind of day.
 */
export interface OvertimeByDayKind {
  readonly workday: boolean | null;
  readonly restDay: boolean | null;
  readonly holiday: boolean | null;
}

/** Punch reminders, relative to each section's start and end of work (WeCom remind_work_sec / remind_off_work_sec). */
export interface PunchReminder {
  /** Reminder this long before the start of work; 0 = at the start. */
  readonly beforeOnSec: number;
  /** Reminder this long after the end of work; 0 = at the end. */
  readonly afterOffSec: number;
}

/**
 * Punching on a rest day: allowed, allowed only with an approval (Feishu rest_clockIn_need_approval), or
 * forbidden (WeCom allow_checkin_offworkday false, fixed rules). null: the source does not say.
 */
export type RestDayPunchPolicy = 'allowed' | 'approval' | 'forbidden';

export interface CanonicalRule {
  readonly kind: RuleKind;
  readonly name: string;
  /** IANA time zone of the rule's clock times and dates; both vendors' China tenants use Asia/Shanghai. */
  readonly timeZone: string;
  /** Whose ids `members` (and nothing else) hold. */
  readonly idSpace: Vendor;
  readonly members: Members;
  /** Every shift the rule uses, sorted by key. Fixed: the shifts of the week; shift-based: the rosterable shifts. */
  readonly shifts: readonly Shift[];
  /** Fixed rules: the shift worked on each ISO weekday, null = rest day. Empty for the other kinds. */
  readonly week: Readonly<Partial<Record<IsoWeekday, string | null>>>;
  /** Free rules: which weekdays are working days and how much work a day requires. */
  readonly free: {
    readonly workdays: readonly IsoWeekday[];
    /** Required working time per day; null = none (WeCom −1). */
    readonly requiredWorkSec: number | null;
    /** When the attendance day starts (seconds from midnight; Feishu free_start_time / WeCom span_day_time). */
    readonly dayStartSec: number;
  } | null;
  readonly gpsLocations: readonly GpsLocation[];
  readonly wifiLocations: readonly WifiLocation[];
  readonly specialWorkdays: readonly SpecialWorkday[];
  readonly specialOffdays: readonly SpecialOffday[];
  /** Follow the public-holiday calendar (Feishu calendar_id 1 = China; WeCom sync_holidays). */
  readonly followsHolidayCalendar: boolean;
  readonly remedy: Remedy;
  readonly faceRecognition: boolean;
  readonly faceLiveness: FaceLiveness;
  readonly photoRequired: boolean;
  readonly outOfRange: OutOfRangePolicy;
  /** Overtime allowed per kind of day; the overtime rules themselves stay vendor-specific (reported as losses). */
  readonly overtime: OvertimeByDayKind;
  /** Punch reminders; null = none carried (the writer keeps the target's, or the deployment's default). */
  readonly punchReminder: PunchReminder | null;
  /** Punching on rest days; null = the source does not say. */
  readonly restDayPunch: RestDayPunchPolicy | null;
}
