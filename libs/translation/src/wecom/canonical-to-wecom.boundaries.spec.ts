import { wecomCheckinGroupCreateSchema, type WecomCheckinGroupCreate } from '@app/wecom/model';
import { validateCheckinOption } from '../../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { CanonicalRule } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Translation } from '../canonical/loss.js';
import { canonicalToWecom, type CanonicalToWecomOptions } from './canonical-to-wecom.mapper.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

// The documented limits of a WeCom rule's working times, each as seeded examples on both sides of its edge
// (issue #22: a limit moved by one minute must fail a test, not only a property that happens to land on it).
// Sources: doc 301093's "fixgroup, invalid checkin time" (次日04:00) and the checkintime fields, as
// canonical-to-wecom.mapper.ts cites them.

/** 2025-06-14 23:06:40 China: nothing here depends on the clock. */
const NOW = 1_749_913_600;
const H = 3600;
const M = 60;
const OPTIONS: CanonicalToWecomOptions = {
  resolver: sameIdResolver((id) => id),
  ruleName: 'Office',
  nowUnixSeconds: NOW,
};

function write(canonical: CanonicalRule): Translation<WecomCheckinGroupCreate> {
  return canonicalToWecom(canonical, OPTIONS);
}

/** The first working time written, after checking the payload passes the emulator's WeCom rules and schema. */
function written(canonical: CanonicalRule) {
  const result = write(canonical);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  expect(validateCheckinOption(result.value, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
  expect(wecomCheckinGroupCreateSchema.safeParse(result.value).success).toBe(true);
  return result.value.checkindate![0]!.checkintime[0]!;
}

function refusedAt(canonical: CanonicalRule): string[] {
  const result = write(canonical);
  expect(result.ok).toBe(false);
  return result.losses.filter((loss) => loss.severity === 'blocking').map((loss) => loss.field);
}

/** A fixed rule (officeRule's kind) with one working time. */
const oneSection = (on: number, off: number) => officeRule({ shifts: [shift('day', [section(on, off)])] });

describe('canonicalToWecom: the fixed rule’s 04:00 next-day limit (28:00)', () => {
  it('accepts a section ending exactly at 28:00, clock-out window up to 28:00', () => {
    const time = written(oneSection(22 * H, 28 * H));
    expect(time).toMatchObject({ work_sec: 22 * H, off_work_sec: 28 * H });
    expect(time.latest_off_work_sec).toBe(28 * H);
  });

  it('refuses a section ending at 28:01', () => {
    expect(refusedAt(oneSection(22 * H, 28 * H + M))).toContain('shifts.day.sections[0]');
  });

  it('clamps a clock-out window that asks for 28:01 to exactly 28:00', () => {
    const night = section(22 * H, 27 * H, {
      punchWindow: { earliestOnSec: 21 * H, latestOnSec: 23 * H, earliestOffSec: 26 * H, latestOffSec: 28 * H + M },
    });
    expect(written(officeRule({ shifts: [shift('day', [night])] })).latest_off_work_sec).toBe(28 * H);
  });

  it('keeps a clock-out window that asks for 27:59', () => {
    const night = section(22 * H, 27 * H, {
      punchWindow: { earliestOnSec: 21 * H, latestOnSec: 23 * H, earliestOffSec: 26 * H, latestOffSec: 28 * H - M },
    });
    expect(written(officeRule({ shifts: [shift('day', [night])] })).latest_off_work_sec).toBe(28 * H - M);
  });
});

describe('canonicalToWecom: the other working-time limits', () => {
  it.each<[string, number, number]>([
    ['a start at 00:01 (the earliest)', M, 9 * H],
    ['a start at 24:00 (the latest)', 24 * H, 28 * H],
    ['an end 2 minutes after the start (more than 1 minute)', 9 * H, 9 * H + 2 * M],
  ])('accepts %s', (_name, on, off) => {
    expect(written(oneSection(on, off))).toMatchObject({ work_sec: on, off_work_sec: off });
  });

  it.each<[string, number, number]>([
    ['a start at 00:00', 0, 9 * H],
    ['a start at 24:01', 24 * H + M, 27 * H],
    ['an end 1 minute after the start', 9 * H, 9 * H + M],
  ])('refuses %s', (_name, on, off) => {
    expect(refusedAt(oneSection(on, off))).toContain('shifts.day.sections[0]');
  });

  it('accepts two sections exactly 2 minutes apart and refuses them 1 minute apart', () => {
    const apart = (gap: number) =>
      officeRule({ shifts: [shift('day', [section(9 * H, 12 * H), section(12 * H + gap, 18 * H)])] });
    expect(write(apart(2 * M)).ok).toBe(true);
    expect(refusedAt(apart(M))).toContain('shifts.day.sections[1]');
  });
});
