import { planRoster, REST, type Resolution, type RosterDay, type RosterPlanInput } from './roster-plan.js';

// The roster diff, table-driven: Feishu ids on the source side (users e1…, shifts s…), WeCom ids on the
// target side (users w1…, schedule ids).

const USERS: Readonly<Record<string, string>> = { e1: 'w1', e2: 'w2', e3: 'w3' };
const SHIFTS: Readonly<Record<string, string>> = { [REST]: '0', sEarly: '11', sNight: '13' };

function input(source: RosterDay[], target: RosterDay[], mode: RosterPlanInput['mode'] = 'overwrite') {
  return planRoster({
    source,
    target,
    mode,
    names: { source: 'Feishu', target: 'WeCom' },
    user: (user): Resolution => (USERS[user] ? { ok: true, id: USERS[user] } : { ok: false, reason: `no ${user}` }),
    shift: (shift): Resolution =>
      SHIFTS[shift] !== undefined ? { ok: true, id: SHIFTS[shift] } : { ok: false, reason: `no ${shift}` },
  });
}

const d = (user: string, day: string, shift: string): RosterDay => ({ user, day, shift });

describe('planRoster', () => {
  it.each([
    {
      name: 'an empty target gets every source day, rest days included',
      source: [d('e1', '2026-03-01', 'sEarly'), d('e1', '2026-03-02', REST)],
      target: [],
      writes: [
        ['w1', '2026-03-01', '11'],
        ['w1', '2026-03-02', '0'],
      ],
      unchanged: 0,
      had: false,
    },
    {
      name: 'an identical target gets nothing',
      source: [d('e1', '2026-03-01', 'sEarly'), d('e2', '2026-03-01', REST)],
      target: [d('w1', '2026-03-01', '11'), d('w2', '2026-03-01', '0')],
      writes: [],
      unchanged: 2,
      had: true,
    },
    {
      name: 'only the differing day is written (a work day becomes rest)',
      source: [d('e1', '2026-03-01', 'sEarly'), d('e1', '2026-03-02', REST)],
      target: [d('w1', '2026-03-01', '11'), d('w1', '2026-03-02', '13')],
      writes: [['w1', '2026-03-02', '0']],
      unchanged: 1,
      had: true,
    },
    {
      name: 'a day the source has no roster for is left alone on the target',
      source: [d('e1', '2026-03-01', 'sEarly')],
      target: [d('w1', '2026-03-01', '11'), d('w1', '2026-03-02', '13'), d('w9', '2026-03-01', '13')],
      writes: [],
      unchanged: 1,
      had: true,
    },
    {
      name: 'writes are sorted by target user, then day',
      source: [d('e2', '2026-03-02', 'sNight'), d('e1', '2026-03-03', REST), d('e2', '2026-03-01', 'sEarly')],
      target: [],
      writes: [
        ['w1', '2026-03-03', '0'],
        ['w2', '2026-03-01', '11'],
        ['w2', '2026-03-02', '13'],
      ],
      unchanged: 0,
      had: false,
    },
  ])('$name', ({ source, target, writes, unchanged, had }) => {
    const plan = input(source, target);
    expect(plan.writes.map((write) => [write.user, write.day, write.shift])).toEqual(writes);
    expect(plan.unchanged).toBe(unchanged);
    expect(plan.targetHadDays).toBe(had);
    expect(plan.losses).toEqual([]);
  });

  it.each([
    {
      name: 'an unmapped person',
      source: d('e7', '2026-03-04', 'sEarly'),
      field: 'roster.e7.2026-03-04',
      reason: 'no e7',
    },
    {
      name: 'a shift without a schedule',
      source: d('e1', '2026-03-05', 'sLate'),
      field: 'roster.e1.2026-03-05',
      reason: 'no sLate',
    },
  ])('$name is reported per person and day and never written; the rest still is', ({ source, field, reason }) => {
    const plan = input([source, d('e2', '2026-03-01', 'sEarly')], []);
    expect(plan.writes.map((write) => write.user)).toEqual(['w2']);
    expect(plan.losses).toEqual([{ field, severity: 'dropped', message: reason, sourceValue: source.shift }]);
  });

  it('fill mode writes only days the target lacks and reports days both hold differently', () => {
    const plan = input(
      [d('e1', '2026-03-01', 'sEarly'), d('e1', '2026-03-02', 'sNight'), d('e1', '2026-03-03', REST)],
      [d('w1', '2026-03-01', '11'), d('w1', '2026-03-02', '0')],
      'fill',
    );
    expect(plan.writes.map((write) => [write.day, write.shift])).toEqual([['2026-03-03', '0']]);
    expect(plan.unchanged).toBe(1);
    expect(plan.losses).toEqual([
      expect.objectContaining({
        field: 'roster.e1.2026-03-02',
        severity: 'dropped',
        sourceValue: 'sNight',
        targetValue: '0',
        message: expect.stringMatching(/Feishu has shift sNight and WeCom has a rest day/),
      }),
    ]);
  });

  it('overwrite mode replaces a differing day', () => {
    const plan = input([d('e1', '2026-03-02', 'sNight')], [d('w1', '2026-03-02', '0')], 'overwrite');
    expect(plan.writes.map((write) => [write.sourceUser, write.user, write.day, write.shift])).toEqual([
      ['e1', 'w1', '2026-03-02', '13'],
    ]);
  });
});
