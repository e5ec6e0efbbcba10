import fc from 'fast-check';
import { wecomCheckinGroupCreateSchema } from '@app/wecom/model';
import { validateCheckinOption } from '../../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { LateOffLateOnStep, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import { canonicalToWecom } from './canonical-to-wecom.mapper.js';
import {
  clockText,
  durationText,
  fixedShiftKey,
  fnv1a32,
  isoToWecomDay,
  NEXT_DAY_23_59,
  truncateUtf8,
  utf8Length,
  wecomDayToIso,
  type FixedShiftLayout,
} from './wecom-rule.util.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

const H = 3600;
const M = 60;
/** 2025-06-14 23:06:40 China: nothing here depends on the clock. */
const NOW = 1_749_913_600;

// utf8Length now computes what it used to ask TextEncoder for; the reference below is that reading.

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(utf8Length(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 5000 },
    );
    expect(truncateUtf8('总部研发销售早晚', 10)).toBe('总部研');
  });
});

// Mutation testing (QUALITY.md, wecom-rule) found the edges random strings rarely draw: the first 3-byte code
// point, surrogates next to characters that are not their pair, and (the whole-file run, its properties at
// 20 cases) the first and last pairs, U+10000 and U+10FFFF. TextEncoder is still the reference.
describe('utf8Length at the edges', () => {
  const encoder = new TextEncoder();

  it.each([
    ['the last 1-byte code point', '\u007f', 1],
    ['the first 2-byte code point', '\u0080', 2],
    ['the last 2-byte code point', '\u07ff', 2],
    ['the first 3-byte code point', '\u0800', 3],
    ['a pair: 4 bytes', '\ud83d\ude00', 4],
    ['a low surrogate after a CJK character: two characters', '\u4e00\udc00', 6],
    ['a low surrogate after a private-use character', '\ue000\udc00', 6],
    ['two low surrogates', '\udc00\udc00', 6],
    ['a high surrogate before a CJK character', '\ud800\u4e00', 6],
    ['a high surrogate before a character above the low surrogates', '\ud800\ue000', 6],
    ['a high surrogate before ASCII', '\ud800a', 4],
    ['the first pair, U+10000: the lowest high and low surrogates', '\ud800\udc00', 4],
    ['the last pair, U+10FFFF: the highest high and low surrogates', '\udbff\udfff', 4],
  ])('%s', (_case, text, bytes) => {
    expect(encoder.encode(text).length).toBe(bytes);
    expect(utf8Length(text)).toBe(bytes);
  });

  it('truncateUtf8 keeps a text that fits exactly', () => {
    expect(truncateUtf8('ab', 2)).toBe('ab');
    expect(truncateUtf8('总部', 6)).toBe('总部');
    expect(truncateUtf8('总部', 5)).toBe('总');
  });
});

// The rest of the file (QUALITY.md, wecom-rule, whole file): examples for what the WeCom-side specs left alive.
// Expected values are written out from the docs and the helpers' comments, not computed by the helpers.

describe('WeCom weekdays (doc checkindate.workdays: 0 = Sunday, 1–6 = Monday–Saturday)', () => {
  it('reads 0 as ISO Sunday (7) and 1–6 as themselves', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(wecomDayToIso)).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['7, one past Saturday', 7],
    ['-1', -1],
    ['a fraction', 1.5],
    ['a negative fraction', -0.5],
  ])('refuses %s', (_case, day) => {
    expect(wecomDayToIso(day)).toBeNull();
  });

  it('writes ISO Sunday as 0 and Monday–Saturday as themselves', () => {
    expect(([1, 2, 3, 4, 5, 6, 7] as const).map(isoToWecomDay)).toEqual([1, 2, 3, 4, 5, 6, 0]);
  });
});

// clockText and durationText write the times and durations of loss messages; the console translates them
// ("01:30 (next day)" → "次日 01:30", "30 min" → "30 分钟": apps/console/src/i18n/loss-messages.words.ts).
describe('clockText', () => {
  it.each([
    ['midnight', 0, '00:00'],
    ['a whole hour', 9 * H, '09:00'],
    ['hours and minutes', 9 * H + 30 * M, '09:30'],
    ['the last minute of the day', 23 * H + 59 * M, '23:59'],
    ['a time with seconds, padded to two digits', 9 * H + 5, '09:00:05'],
    ['a time with two-digit seconds', 17 * H + 59 * M + 59, '17:59:59'],
    ['24:00, the next day’s midnight', 24 * H, '00:00 (next day)'],
    ['a time of the next day', 25 * H + 30 * M, '01:30 (next day)'],
    ['次日23:59', 47 * H + 59 * M, '23:59 (next day)'],
    ['a next-day time with seconds', 28 * H + 7, '04:00:07 (next day)'],
  ])('%s', (_case, seconds, text) => {
    expect(clockText(seconds)).toBe(text);
  });
});

describe('durationText', () => {
  it.each([
    ['whole hours', 2 * H, '2 h'],
    ['minutes that are not whole hours', 90 * M, '90 min'],
    ['minutes', 30 * M, '30 min'],
    ['zero, as minutes rather than hours', 0, '0 min'],
    ['seconds that are not whole minutes', 45, '45 s'],
    ['more than a minute, not whole minutes', 90, '90 s'],
  ])('%s', (_case, seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});

describe('fnv1a32', () => {
  it('gives the published FNV-1a 32-bit values', () => {
    // Computed once with an independent FNV-1a (Python, over the UTF-16 code units as here; for ASCII the bytes).
    // The empty text comes last: it is the offset basis, and a loop that never stopped would hang on it.
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fnv1a32('')).toBe(0x811c9dc5);
  });
});

describe('fixedShiftKey', () => {
  // A layout as a WeCom checkindate entry reads: sections with every field set, flexible time and steps.
  function base(): FixedShiftLayout {
    return {
      sections: [
        section(9 * H, 18 * H, {
          punchWindow: { earliestOnSec: 8 * H, latestOnSec: 10 * H, earliestOffSec: 17 * H, latestOffSec: 19 * H },
          lateGraceSec: 5 * M,
          earlyLeaveGraceSec: 5 * M,
          seriousLateSec: 30 * M,
          rest: { beginSec: 12 * H, endSec: 13 * H },
        }),
      ],
      flexibleArrival: { maxEarlySec: 30 * M, maxLateSec: 30 * M },
      lateOffLateOn: [{ offLateSec: 2 * H, onLateSec: H }],
    };
  }

  function changed(extra: Partial<TimeSection>, layout: Partial<FixedShiftLayout> = {}): FixedShiftLayout {
    const original = base();
    return { ...original, sections: [{ ...original.sections[0]!, ...extra }], ...layout };
  }

  it('writes the sections’ times readably, then eight hex digits', () => {
    expect(fixedShiftKey(base())).toMatch(/^fixed-0900-1800-[0-9a-f]{8}$/);
    const halfPast = { sections: [section(9 * H + 30 * M, 18 * H + 45 * M)], flexibleArrival: null, lateOffLateOn: [] };
    expect(fixedShiftKey(halfPast)).toMatch(/^fixed-0930-1845-[0-9a-f]{8}$/);
    const night = { sections: [section(22 * H, 27 * H + 30 * M)], flexibleArrival: null, lateOffLateOn: [] };
    expect(fixedShiftKey(night)).toMatch(/^fixed-2200-2730-[0-9a-f]{8}$/);
  });

  it('joins two sections with "_", earlier first, whichever order they are given in', () => {
    const morning = section(9 * H, 12 * H);
    const afternoon = section(13 * H, 18 * H);
    const key = fixedShiftKey({ sections: [morning, afternoon], flexibleArrival: null, lateOffLateOn: [] });
    expect(key).toMatch(/^fixed-0900-1200_1300-1800-[0-9a-f]{8}$/);
    expect(fixedShiftKey({ sections: [afternoon, morning], flexibleArrival: null, lateOffLateOn: [] })).toBe(key);
  });

  it('orders sections that start together by their end, whichever order they are given in', () => {
    // Not a layout WeCom accepts (the sections overlap), but the key is defined for any layout: the end is
    // what tells two sections with one start apart, so their order must not change the key either.
    const short = section(9 * H, 12 * H);
    const long = section(9 * H, 18 * H);
    const key = fixedShiftKey({ sections: [short, long], flexibleArrival: null, lateOffLateOn: [] });
    expect(key).toMatch(/^fixed-0900-1200_0900-1800-[0-9a-f]{8}$/);
    expect(fixedShiftKey({ sections: [long, short], flexibleArrival: null, lateOffLateOn: [] })).toBe(key);
  });

  it('does not depend on the order of the late-off-late-on steps', () => {
    const steps: LateOffLateOnStep[] = [
      { offLateSec: 2 * H, onLateSec: 30 * M },
      { offLateSec: 2 * H, onLateSec: H },
      { offLateSec: 4 * H, onLateSec: 2 * H },
    ];
    const key = fixedShiftKey(changed({}, { lateOffLateOn: steps }));
    for (const order of [
      [steps[2]!, steps[1]!, steps[0]!],
      [steps[1]!, steps[0]!, steps[2]!],
      [steps[0]!, steps[2]!, steps[1]!],
    ]) {
      expect(fixedShiftKey(changed({}, { lateOffLateOn: order }))).toBe(key);
    }
  });

  it('gives a different key to layouts that differ in any one field', () => {
    const window = base().sections[0]!.punchWindow!;
    const variants: FixedShiftLayout[] = [
      base(),
      changed({ onSec: 9 * H + 1 }),
      changed({ offSec: 18 * H + 1 }),
      changed({ punchWindow: null }),
      changed({ punchWindow: { ...window, earliestOnSec: 7 * H } }),
      changed({ punchWindow: { ...window, latestOnSec: 11 * H } }),
      changed({ punchWindow: { ...window, earliestOffSec: 16 * H } }),
      changed({ punchWindow: { ...window, latestOffSec: 20 * H } }),
      changed({ noPunchOn: true }),
      changed({ noPunchOff: true }),
      changed({ lateGraceSec: 10 * M }),
      changed({ earlyLeaveGraceSec: 10 * M }),
      changed({ seriousLateSec: null }),
      changed({ seriousLateSec: 45 * M }),
      changed({ rest: null }),
      changed({ rest: { beginSec: 11 * H + 30 * M, endSec: 13 * H } }),
      changed({ rest: { beginSec: 12 * H, endSec: 13 * H + 30 * M } }),
      changed({}, { flexibleArrival: null }),
      changed({}, { flexibleArrival: { maxEarlySec: H, maxLateSec: 30 * M } }),
      changed({}, { flexibleArrival: { maxEarlySec: 30 * M, maxLateSec: H } }),
      changed({}, { lateOffLateOn: [] }),
      changed({}, { lateOffLateOn: [{ offLateSec: 3 * H, onLateSec: H }] }),
      changed({}, { lateOffLateOn: [{ offLateSec: 2 * H, onLateSec: 2 * H }] }),
      // The same two values, paired the other way round.
      changed(
        {},
        {
          lateOffLateOn: [
            { offLateSec: 2 * H, onLateSec: H },
            { offLateSec: 4 * H, onLateSec: 2 * H },
          ],
        },
      ),
      changed(
        {},
        {
          lateOffLateOn: [
            { offLateSec: 2 * H, onLateSec: 2 * H },
            { offLateSec: 4 * H, onLateSec: H },
          ],
        },
      ),
    ];
    const keys = variants.map(fixedShiftKey);
    expect(new Set(keys).size).toBe(variants.length);
  });

  it('always writes the hash as eight hex digits, leading zeros included', () => {
    // Among grace times of 0–59 minutes, 37, 54 and 56 minutes give hashes below 0x10000000 (found once with
    // an independent FNV-1a in Python over the key's content), so an unpadded hash would show here. The key
    // must stay the same from one version to the next (canonical Shift.key: stable across runs), so one of
    // them is pinned.
    for (let minutes = 0; minutes < 60; minutes += 1) {
      const layout = {
        sections: [section(9 * H, 18 * H, { lateGraceSec: minutes * M })],
        flexibleArrival: null,
        lateOffLateOn: [],
      };
      expect(fixedShiftKey(layout)).toMatch(/^fixed-0900-1800-[0-9a-f]{8}$/);
    }
    const pinned = {
      sections: [section(9 * H, 18 * H, { lateGraceSec: 37 * M })],
      flexibleArrival: null,
      lateOffLateOn: [],
    };
    expect(fixedShiftKey(pinned)).toBe('fixed-0900-1800-0641d156');
  });
});

// doc 301093 "checkin time off_work_sec invalid": off_work_sec必填,且不可大于等于次日23:59点 — a working time may
// end at 次日23:58 (47:58), not at 次日23:59. Only a by-shift rule can get there (a fixed rule ends by 次日04:00,
// and a start must be by 24:00 and the section shorter than 24 h), so the examples start at 24:00.
describe('次日23:59, the end of a working time WeCom no longer accepts', () => {
  function writeShift(on: number, off: number) {
    return canonicalToWecom(
      officeRule({ kind: 'shift_based', week: {}, shifts: [shift('1', [section(on, off)], { name: 'A' })] }),
      { resolver: sameIdResolver((id) => id), ruleName: 'Office', nowUnixSeconds: NOW },
    );
  }

  it('is 47:59 counted from the day’s midnight', () => {
    expect(NEXT_DAY_23_59).toBe(47 * H + 59 * M);
  });

  it('accepts a working time 24:00–次日23:58', () => {
    const result = writeShift(24 * H, 47 * H + 58 * M);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
    expect(validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
    expect(wecomCheckinGroupCreateSchema.safeParse(result.value).success).toBe(true);
    expect(result.value.schedulelist![1]!.time_section![0]).toMatchObject({
      work_sec: 24 * H,
      off_work_sec: 47 * H + 58 * M,
    });
  });

  it('refuses a working time 24:00–次日23:59', () => {
    const result = writeShift(24 * H, 47 * H + 59 * M);
    expect(result.ok).toBe(false);
    expect(result.losses.find((loss) => loss.field === 'shifts.1.sections[0]')).toMatchObject({
      severity: 'blocking',
      message:
        'Working time 00:00 (next day)–23:59 (next day) cannot be written: WeCom needs the end after the start by more than 1 minute and less than 24 hours, and before 23:59 the next day.',
    });
  });
});
