import type { IsoWeekday, LateOffLateOnStep, FlexibleArrival, TimeSection } from '../canonical/canonical-rule.js';

// Small pure helpers shared by the two WeCom mappers. Vendor rules are cited as "doc" =
// /work/shared/vendor-docs/wecom-checkin-option-rules.md, "B4" = REFERENCE.md PART B §B4.

export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;
/** 次日04:00: the latest a fixed rule's off-work punch windows may reach (doc 301093 "fixgroup, invalid checkin time"). */
export const NEXT_DAY_04_00 = DAY + 4 * HOUR;
/** 次日23:59: off_work_sec must stay below it (doc "checkin time off_work_sec invalid"). */
export const NEXT_DAY_23_59 = DAY + 23 * HOUR + 59 * MINUTE;
export const WECOM_TIME_ZONE = 'Asia/Shanghai';

/** doc "invalid location distance": the only radii WeCom accepts, metres. */
export const WECOM_DISTANCES: readonly number[] = [
  100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000, 2500, 3000,
];
/** doc "checkin time remind_work_sec invalid": on time or 5/10/15/20 min before work. */
export const REMIND_BEFORE_WORK_MINUTES = [0, 5, 10, 15, 20] as const;
/** doc "checkin time remind_off_work_sec invalid": on time or 10/20/30/60 min after work. */
export const REMIND_AFTER_OFF_MINUTES = [0, 10, 20, 30, 60] as const;

/** WeCom workdays: 0 = Sunday, 1–6 = Monday–Saturday (doc checkindate.workdays; B4). */
export function wecomDayToIso(day: number): IsoWeekday | null {
  if (!Number.isInteger(day) || day < 0 || day > 6) return null;
  return (day === 0 ? 7 : day) as IsoWeekday;
}

export function isoToWecomDay(day: IsoWeekday): number {
  return day === 7 ? 0 : day;
}

export function clockText(seconds: number): string {
  const nextDay = seconds >= DAY;
  const inDay = nextDay ? seconds - DAY : seconds;
  const hours = Math.floor(inDay / HOUR);
  const minutes = Math.floor((inDay % HOUR) / MINUTE);
  const secs = inDay % MINUTE;
  const text = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}${secs === 0 ? '' : `:${String(secs).padStart(2, '0')}`}`;
  return nextDay ? `${text} (next day)` : text;
}

export function durationText(seconds: number): string {
  if (seconds % HOUR === 0 && seconds !== 0) return `${seconds / HOUR} h`;
  if (seconds % MINUTE === 0) return `${seconds / MINUTE} min`;
  return `${seconds} s`;
}

// ---- deterministic keys ----------------------------------------------------------------------------------

/** FNV-1a, 32 bits: a stable, dependency-free hash for keys and ids (not for security). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** What identifies a WeCom fixed-rule "shift": everything a checkindate entry says about a working day. */
export interface FixedShiftLayout {
  readonly sections: readonly TimeSection[];
  readonly flexibleArrival: FlexibleArrival | null;
  readonly lateOffLateOn: readonly LateOffLateOnStep[];
}

/**
 * Fixed WeCom rules have no shift objects, only a day layout per checkindate entry. The canonical shift key
 * is derived from that layout so the same layout always gets the same key (across runs and entries), e.g.
 * "fixed-0900-1800-3fa2c1d0". Readable prefix for people reading a diff; the hash covers every field.
 */
export function fixedShiftKey(layout: FixedShiftLayout): string {
  const sections = [...layout.sections].sort((a, b) => a.onSec - b.onSec || a.offSec - b.offSec);
  const times = sections.map((section) => `${hhmm(section.onSec)}-${hhmm(section.offSec)}`).join('_');
  const content = JSON.stringify([
    sections.map((section) => [
      section.onSec,
      section.offSec,
      section.punchWindow === null
        ? null
        : [
            section.punchWindow.earliestOnSec,
            section.punchWindow.latestOnSec,
            section.punchWindow.earliestOffSec,
            section.punchWindow.latestOffSec,
          ],
      section.noPunchOn,
      section.noPunchOff,
      section.lateGraceSec,
      section.earlyLeaveGraceSec,
      section.seriousLateSec,
      section.rest === null ? null : [section.rest.beginSec, section.rest.endSec],
    ]),
    layout.flexibleArrival === null ? null : [layout.flexibleArrival.maxEarlySec, layout.flexibleArrival.maxLateSec],
    [...layout.lateOffLateOn]
      .sort((a, b) => a.offLateSec - b.offLateSec || a.onLateSec - b.onLateSec)
      .map((step) => [step.offLateSec, step.onLateSec]),
  ]);
  return `fixed-${times}-${fnv1a32(content).toString(16).padStart(8, '0')}`;
}

function hhmm(seconds: number): string {
  return `${String(Math.floor(seconds / HOUR)).padStart(2, '0')}${String(Math.floor((seconds % HOUR) / MINUTE)).padStart(2, '0')}`;
}

/**
 * Bytes of the text in UTF-8, as TextEncoder would write it (a lone surrogate becomes U+FFFD, 3 bytes), counted
 * without encoding: special-day notes are measured on every translation.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Cut to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let result = '';
  for (const character of text) {
    if (utf8Length(result + character) > maxBytes) break;
    result += character;
  }
  return result;
}
