import { wecomCheckinGroupCreateSchema, type WecomCheckinGroupCreate } from '@app/wecom/model';
import { validateCheckinOption } from '../../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { CanonicalRule, SpecialWorkday, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss, Translation } from '../canonical/loss.js';
import { canonicalToWecom, type CanonicalToWecomOptions } from './canonical-to-wecom.mapper.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

// Special working days (their times, notes), face liveness, punching on rest days and punch reminders, each
// with the losses an HR reader sees written out in full. Sources: wecom-checkin-option-rules.md as
// canonical-to-wecom.mapper.ts cites it ("special workday checkin time work_sec/off_work_sec invalid":
// work 04:00–18:00, off 04:00–次日03:00; spe_workdays.notes at most 40 bytes, never empty; remind_work_sec /
// remind_off_work_sec choices), and the comments of the mapper's faceFields / restDayPunch / reminder.

/** 2025-06-14 23:06:40 China: every special day below lies in the future. */
const NOW = 1_749_913_600;
const H = 3600;
const M = 60;
const DAY = '2026-02-01';
const FIELD = `specialWorkdays.${DAY}`;
const OPTIONS: CanonicalToWecomOptions = {
  resolver: sameIdResolver((id) => id),
  ruleName: 'Office',
  nowUnixSeconds: NOW,
};

function write(canonical: CanonicalRule): Translation<WecomCheckinGroupCreate> {
  return canonicalToWecom(canonical, OPTIONS);
}

/** The payload, after checking it is ok:true and passes the emulator's WeCom rules and the write schema. */
function valid(result: Translation<WecomCheckinGroupCreate>): WecomCheckinGroupCreate {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  expect(validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
  expect(wecomCheckinGroupCreateSchema.safeParse(result.value).success).toBe(true);
  return result.value;
}

/** The losses whose field starts with `prefix`, in full. */
function lossesAt(result: Translation<unknown>, prefix: string): Loss[] {
  return result.losses.filter((loss) => loss.field.startsWith(prefix));
}

/** One special working day on the office rule (09:00–18:00 on weekdays). */
function withSpecialDay(day: Partial<SpecialWorkday>, extra: Partial<CanonicalRule> = {}): CanonicalRule {
  return officeRule({
    specialWorkdays: [{ date: DAY, shiftKey: null, sections: [section(9 * H, 17 * H)], note: 'Make-up day', ...day }],
    ...extra,
  });
}

/** [work_sec, off_work_sec] of each special-day section written. */
function specialTimes(group: WecomCheckinGroupCreate): [number, number][] {
  return group.spe_workdays![0]!.checkintime.map((time) => [time.work_sec, time.off_work_sec]);
}

const notWritten = (on: string, off: string): Loss => ({
  field: FIELD,
  severity: 'dropped',
  message: `Special working day ${DAY} (${on}–${off}) was not written: WeCom needs special-day work to start between 04:00 and 18:00, end by 03:00 the next day, and sections not to overlap.`,
  sourceValue: DAY,
});

const timesOnly: Loss = {
  field: FIELD,
  severity: 'info',
  message: `Special working day ${DAY} was written with its working times only: WeCom special days carry no punch windows, breaks, grace or flexible time.`,
};

describe('canonicalToWecom: which working times a special working day has', () => {
  it('takes the times of the shift it names, and says only the times were written', () => {
    const result = write(
      withSpecialDay(
        { shiftKey: 'late', sections: [] },
        { shifts: [shift('day', [section(9 * H, 18 * H)]), shift('late', [section(12 * H, 20 * H)])] },
      ),
    );
    expect(specialTimes(valid(result))).toEqual([[12 * H, 20 * H]]);
    expect(lossesAt(result, FIELD)).toEqual([timesOnly]);
  });

  it('drops a day without times, naming a shift that does not exist when it named one', () => {
    const result = write(
      officeRule({
        specialWorkdays: [
          { date: '2026-02-01', shiftKey: null, sections: [], note: 'a' },
          { date: '2026-02-02', shiftKey: 'gone', sections: [], note: 'b' },
        ],
      }),
    );
    expect(valid(result).spe_workdays).toBeUndefined();
    expect(lossesAt(result, 'specialWorkdays')).toEqual([
      {
        field: 'specialWorkdays.2026-02-01',
        severity: 'dropped',
        message: 'Special working day 2026-02-01 has no working times and was not written.',
        sourceValue: '2026-02-01',
      },
      {
        field: 'specialWorkdays.2026-02-02',
        severity: 'dropped',
        message: 'Special working day 2026-02-02 has no working times (shift gone not found) and was not written.',
        sourceValue: '2026-02-02',
      },
    ]);
  });

  it('writes four sections (WeCom’s most) and drops a day of five', () => {
    const four = [section(5 * H, 6 * H), section(7 * H, 8 * H), section(9 * H, 10 * H), section(11 * H, 12 * H)];
    const kept = write(withSpecialDay({ sections: four }));
    expect(specialTimes(valid(kept))).toEqual([
      [5 * H, 6 * H],
      [7 * H, 8 * H],
      [9 * H, 10 * H],
      [11 * H, 12 * H],
    ]);
    expect(lossesAt(kept, FIELD)).toEqual([]);

    const dropped = write(withSpecialDay({ sections: [...four, section(13 * H, 14 * H)] }));
    expect(valid(dropped).spe_workdays).toBeUndefined();
    expect(lossesAt(dropped, FIELD)).toEqual([
      {
        field: FIELD,
        severity: 'dropped',
        message: `Special working day ${DAY} has 5 time sections; WeCom allows at most 4. It was not written.`,
        sourceValue: DAY,
      },
    ]);
  });

  it.each<[string, Partial<TimeSection>]>([
    [
      'a punch window',
      { punchWindow: { earliestOnSec: 8 * H, latestOnSec: 10 * H, earliestOffSec: 13 * H, latestOffSec: 15 * H } },
    ],
    ['a break', { rest: { beginSec: 12 * H, endSec: 13 * H } }],
    ['no clock-in needed', { noPunchOn: true }],
    ['no clock-out needed', { noPunchOff: true }],
    ['late grace', { lateGraceSec: M }],
    ['early-leave grace', { earlyLeaveGraceSec: M }],
  ])('writes only the times of a section with %s, and says so', (_name, extra) => {
    // A plain section first: one section with more than times is enough for the note.
    const result = write(withSpecialDay({ sections: [section(6 * H, 8 * H), section(9 * H, 14 * H, extra)] }));
    expect(specialTimes(valid(result))).toEqual([
      [6 * H, 8 * H],
      [9 * H, 14 * H],
    ]);
    expect(lossesAt(result, FIELD)).toEqual([timesOnly]);
  });

  it('says nothing of plain inline times', () => {
    const result = write(withSpecialDay({ sections: [section(6 * H, 8 * H), section(9 * H, 14 * H)] }));
    valid(result);
    expect(lossesAt(result, FIELD)).toEqual([]);
  });

  it('writes sections in the order of the day, whatever the source order', () => {
    const result = write(withSpecialDay({ sections: [section(14 * H, 18 * H), section(9 * H, 12 * H)] }));
    expect(specialTimes(valid(result))).toEqual([
      [9 * H, 12 * H],
      [14 * H, 18 * H],
    ]);
    expect(lossesAt(result, FIELD)).toEqual([]);
  });
});

describe('canonicalToWecom: the limits of special-day working times (04:00–18:00 start, end by 次日03:00)', () => {
  it.each<[string, TimeSection[], [number, number][]]>([
    ['a start at 04:00 (the earliest)', [section(4 * H, 12 * H)], [[4 * H, 12 * H]]],
    ['a start at 18:00 (the latest)', [section(18 * H, 22 * H)], [[18 * H, 22 * H]]],
    ['an end at 03:00 the next day (the latest)', [section(18 * H, 27 * H)], [[18 * H, 27 * H]]],
    ['an end 2 minutes after the start', [section(9 * H, 9 * H + 2 * M)], [[9 * H, 9 * H + 2 * M]]],
    [
      'a section starting 1 minute after the previous ends',
      [section(9 * H, 12 * H), section(12 * H + M, 15 * H)],
      [
        [9 * H, 12 * H],
        [12 * H + M, 15 * H],
      ],
    ],
  ])('writes %s', (_name, sections, times) => {
    const result = write(withSpecialDay({ sections }));
    expect(specialTimes(valid(result))).toEqual(times);
    expect(lossesAt(result, FIELD)).toEqual([]);
  });

  it.each<[string, TimeSection[], Loss]>([
    ['a start at 03:59', [section(4 * H - M, 12 * H)], notWritten('03:59', '12:00')],
    ['a start at 18:01', [section(18 * H + M, 22 * H)], notWritten('18:01', '22:00')],
    ['an end at 03:01 the next day', [section(18 * H, 27 * H + M)], notWritten('18:00', '03:01 (next day)')],
    ['an end 1 minute after the start', [section(9 * H, 9 * H + M)], notWritten('09:00', '09:01')],
    [
      'a section starting where the previous ends',
      [section(9 * H, 12 * H), section(12 * H, 15 * H)],
      notWritten('12:00', '15:00'),
    ],
  ])('drops %s', (_name, sections, loss) => {
    const result = write(withSpecialDay({ sections }));
    expect(valid(result).spe_workdays).toBeUndefined();
    expect(lossesAt(result, FIELD)).toEqual([loss]);
  });

  it.each<[string, TimeSection, [number, number], string]>([
    ['the start', section(9 * H + 20, 17 * H), [9 * H, 17 * H], '09:00–17:00'],
    ['the end', section(9 * H, 17 * H + 20), [9 * H, 17 * H], '09:00–17:00'],
    ['both', section(9 * H + 40, 17 * H - 40), [9 * H + M, 17 * H - M], '09:01–16:59'],
  ])('rounds %s to whole minutes, and says so', (_name, source, time, span) => {
    const result = write(withSpecialDay({ sections: [source] }));
    expect(specialTimes(valid(result))).toEqual([time]);
    expect(lossesAt(result, FIELD)).toEqual([
      {
        field: FIELD,
        severity: 'approximated',
        message: `Special working day ${DAY}: working time rounded to ${span} (WeCom stores whole minutes).`,
      },
    ]);
  });
});

describe('canonicalToWecom: special-day notes (never empty, at most 40 bytes)', () => {
  it('writes a note without its surrounding spaces, and nothing else', () => {
    const result = write(withSpecialDay({ note: '  Make-up day  ' }));
    expect(valid(result).spe_workdays![0]!.notes).toBe('Make-up day');
    expect(lossesAt(result, `${FIELD}.note`)).toEqual([]);
  });

  it('writes a note of exactly 40 bytes as it is', () => {
    const note = 'x'.repeat(40);
    const result = write(withSpecialDay({ note }));
    expect(valid(result).spe_workdays![0]!.notes).toBe(note);
    expect(lossesAt(result, `${FIELD}.note`)).toEqual([]);
  });

  it('writes a note for an empty one, and says so', () => {
    const result = write(withSpecialDay({ note: '   ' }, { idSpace: 'feishu' }));
    expect(valid(result).spe_workdays![0]!.notes).toBe('Synced from Feishu');
    expect(lossesAt(result, `${FIELD}.note`)).toEqual([
      {
        field: `${FIELD}.note`,
        severity: 'info',
        message: 'The special day had no note; WeCom requires one, so "Synced from Feishu" was written.',
        sourceValue: '   ',
        targetValue: 'Synced from Feishu',
      },
    ]);
  });

  it('shortens a note of 14 Chinese characters (42 bytes) to 13, and says so', () => {
    const note = '春节调休上班日请按时打卡谢谢';
    const cut = '春节调休上班日请按时打卡谢';
    const result = write(withSpecialDay({ note }));
    expect(valid(result).spe_workdays![0]!.notes).toBe(cut);
    expect(lossesAt(result, `${FIELD}.note`)).toEqual([
      {
        field: `${FIELD}.note`,
        severity: 'approximated',
        message: `The special-day note was shortened to "${cut}": WeCom allows at most 40 bytes (about 13 Chinese characters).`,
        sourceValue: note,
        targetValue: cut,
      },
    ]);
  });
});

describe('canonicalToWecom: face liveness and punching on rest days, as the HR reader is told', () => {
  it('drops liveness without face recognition', () => {
    const result = write(officeRule({ faceRecognition: false, faceLiveness: 'silent' }));
    expect(valid(result)).toMatchObject({ use_face_detect: false, open_face_live_detect: false });
    expect(lossesAt(result, 'face')).toEqual([
      {
        field: 'faceLiveness',
        severity: 'dropped',
        message:
          'Liveness detection was not switched on: WeCom only offers it together with face recognition, which this rule does not use.',
        sourceValue: 'silent',
      },
    ]);
  });

  it('switches on the standard liveness check for an action check', () => {
    const result = write(officeRule({ faceRecognition: true, faceLiveness: 'action' }));
    expect(valid(result)).toMatchObject({ use_face_detect: true, open_face_live_detect: true });
    expect(lossesAt(result, 'face')).toEqual([
      {
        field: 'faceLiveness',
        severity: 'approximated',
        message:
          'Face punches need a liveness check with an action (e.g. blinking or turning the head); WeCom’s liveness check has no action variant, so its standard liveness check was switched on instead.',
        sourceValue: 'action',
        targetValue: 'silent',
      },
    ]);
  });

  it.each<[CanonicalRule['restDayPunch'], string]>([
    ['forbidden', 'not allowed'],
    ['allowed', 'allowed'],
    ['approval', 'allowed'],
  ])('does not write rest-day punching (%s) for a rule by shift, and says so', (restDayPunch, said) => {
    const result = write(
      officeRule({
        kind: 'shift_based',
        week: {},
        shifts: [shift('1', [section(9 * H, 17 * H)], { name: 'A' })],
        restDayPunch,
      }),
    );
    expect(valid(result).allow_checkin_offworkday).toBeUndefined();
    expect(lossesAt(result, 'restDayPunch')).toEqual([
      {
        field: 'restDayPunch',
        severity: 'info',
        message: `Punching on rest days is ${said} in the source; WeCom has this setting for fixed-time rules only, so it was not written for this rule.`,
        sourceValue: restDayPunch,
      },
    ]);
  });

  it('allows rest-day punching for one that needs an approval, and says so', () => {
    const result = write(officeRule({ restDayPunch: 'approval' }));
    expect(valid(result).allow_checkin_offworkday).toBe(true);
    expect(lossesAt(result, 'restDayPunch')).toEqual([
      {
        field: 'restDayPunch',
        severity: 'approximated',
        message:
          'Punching on rest days needs an approval in the source; WeCom has no approval step for it, so punching on rest days was simply allowed.',
        sourceValue: 'approval',
        targetValue: 'allowed',
      },
    ]);
  });
});

describe('canonicalToWecom: punch reminders, as the HR reader is told', () => {
  const free: Partial<CanonicalRule> = {
    kind: 'free',
    shifts: [],
    week: {},
    free: { workdays: [1], requiredWorkSec: null, dayStartSec: 0 },
  };

  it('keeps a reminder that fits without a word', () => {
    const result = write(officeRule({ punchReminder: { beforeOnSec: 15 * M, afterOffSec: 10 * M } }));
    expect(valid(result).checkindate![0]!.checkintime[0]).toMatchObject({
      remind_work_sec: 9 * H - 15 * M,
      remind_off_work_sec: 18 * H + 10 * M,
    });
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([]);
  });

  it('writes a shorter lead where the reminder would fall before 00:00, and says so', () => {
    const result = write(
      officeRule({
        punchReminder: { beforeOnSec: 20 * M, afterOffSec: 0 },
        shifts: [shift('day', [section(10 * M, 8 * H)])],
      }),
    );
    expect(valid(result).checkindate![0]!.checkintime[0]).toMatchObject({
      remind_work_sec: 0,
      remind_off_work_sec: 8 * H,
    });
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([
      {
        field: 'shifts.day.sections[0].punchReminder',
        severity: 'approximated',
        message:
          'The punch reminder of 00:10–08:00 (20 min before work and at the end of work) would fall outside the day, so 10 min before work and at the end of work was written.',
        sourceValue: { beforeOnSec: 20 * M, afterOffSec: 0 },
        targetValue: { beforeOnSec: 10 * M, afterOffSec: 0 },
      },
    ]);
  });

  it('writes a shorter lag where the reminder would reach 次日23:59, and says so', () => {
    // A by-shift section may end as late as 次日23:58; 23:29 + 30 min is exactly 次日23:59, so 20 min it is.
    const result = write(
      officeRule({
        kind: 'shift_based',
        week: {},
        shifts: [shift('1', [section(24 * H, 47 * H + 29 * M)], { name: 'A' })],
        punchReminder: { beforeOnSec: 0, afterOffSec: 60 * M },
      }),
    );
    const time = valid(result).schedulelist![1]!.time_section![0]!;
    expect(time).toMatchObject({ remind_work_sec: 24 * H, remind_off_work_sec: 47 * H + 49 * M });
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([
      {
        field: 'shifts.1.sections[0].punchReminder',
        severity: 'approximated',
        message:
          'The punch reminder of 00:00 (next day)–23:29 (next day) (at the start of work and 1 h after work) would fall outside the day, so at the start of work and 20 min after work was written.',
        sourceValue: { beforeOnSec: 0, afterOffSec: 60 * M },
        targetValue: { beforeOnSec: 0, afterOffSec: 20 * M },
      },
    ]);
  });

  it('tells once which default was written for a source without a reminder', () => {
    const result = canonicalToWecom(officeRule({ punchReminder: null }), {
      ...OPTIONS,
      remindBeforeWorkMinutes: 10,
      remindAfterOffMinutes: 30,
    });
    valid(result);
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([
      {
        field: 'punchReminder',
        severity: 'info',
        message:
          'The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: 10 min before work and 30 min after work.',
        sourceValue: null,
        targetValue: { beforeOnSec: 10 * M, afterOffSec: 30 * M },
      },
    ]);
  });

  it('shortens the deployment default inside the day without reporting it per section', () => {
    // Only a rule's own reminder changed to fit is reported (the mapper's reminder doc); the default is told once.
    const result = canonicalToWecom(
      officeRule({ punchReminder: null, shifts: [shift('day', [section(10 * M, 8 * H)])] }),
      { ...OPTIONS, remindBeforeWorkMinutes: 20, remindAfterOffMinutes: 0 },
    );
    expect(valid(result).checkindate![0]!.checkintime[0]).toMatchObject({ remind_work_sec: 0 });
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([
      {
        field: 'punchReminder',
        severity: 'info',
        message:
          'The source has no punch reminder; WeCom requires one for every time section, so the default of this gateway was written: 20 min before work and at the end of work.',
        sourceValue: null,
        targetValue: { beforeOnSec: 20 * M, afterOffSec: 0 },
      },
    ]);
  });

  it('says nothing of reminders for a free rule without one', () => {
    const result = write(officeRule({ ...free, punchReminder: null }));
    valid(result);
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([]);
  });

  it('tells that a free rule keeps no reminder', () => {
    const reminder = { beforeOnSec: 15 * M, afterOffSec: 10 * M };
    const result = write(officeRule({ ...free, punchReminder: reminder }));
    valid(result);
    expect(result.losses.filter((loss) => loss.field.includes('punchReminder'))).toEqual([
      {
        field: 'punchReminder',
        severity: 'info',
        message:
          'A free rule has no working times, so WeCom keeps no punch reminders for it; the reminder was not written.',
        sourceValue: reminder,
      },
    ]);
  });
});
