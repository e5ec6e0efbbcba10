import {
  planRuleChange,
  sideChanged,
  twoWayDecision,
  type PlanLink,
  type RuleChange,
  type RuleChangeFacts,
  type SideState,
} from './plan-rule-change.js';

const same = (hash: string): SideState => ({ hash, recorded: hash });
const changed = (hash: string): SideState => ({ hash, recorded: `${hash}-before` });
const neverSynced = (hash: string): SideState => ({ hash, recorded: null });

const link = (overrides: Partial<PlanLink> = {}): PlanLink => ({
  status: 'active',
  direction: 'feishu_to_wecom',
  hasTarget: true,
  openConflict: null,
  refusedAsForeign: false,
  writtenSide: null,
  ...overrides,
});
const twoWay = (overrides: Partial<PlanLink> = {}) => link({ direction: 'two_way', ...overrides });

const facts = (overrides: Partial<RuleChangeFacts> = {}): RuleChangeFacts => ({
  half: 'one_way',
  link: link(),
  sourceReadable: true,
  writable: true,
  target: 'linked',
  sides: { source: same('s'), target: same('t') },
  comparison: { actual: same('t'), desired: 't2' },
  namedExplicitly: false,
  ...overrides,
});

describe('sideChanged', () => {
  it.each<[string, SideState, boolean]>([
    ['same hash as recorded', same('a'), false],
    ['different hash', changed('a'), true],
    ['never synced', neverSynced('a'), true],
    ['unreadable now, recorded before', { hash: null, recorded: 'a' }, true],
    [
      'recorded in a previous format that still matches',
      { hash: 'new', recorded: 'old', legacy: () => ['old'] },
      false,
    ],
    ['recorded in a previous format that differs', { hash: 'new', recorded: 'old', legacy: () => ['other'] }, true],
  ])('%s → %s', (_name, side, expected) => {
    expect(sideChanged(side)).toBe(expected);
  });

  it('computes the previous formats only when the current hash differs', () => {
    let calls = 0;
    const legacy = () => {
      calls += 1;
      return ['a'];
    };
    expect(sideChanged({ hash: 'a', recorded: 'a', legacy })).toBe(false);
    expect(calls).toBe(0);
  });
});

describe('twoWayDecision (truth table)', () => {
  it.each<[SideState, SideState, string]>([
    [same('s'), same('t'), 'in_sync'],
    [changed('s'), same('t'), 'source_changed'],
    [same('s'), changed('t'), 'target_changed'],
    [changed('s'), changed('t'), 'conflict'],
    // A side never synced cannot be shown unchanged: never-synced counts as changed on either side.
    [neverSynced('s'), same('t'), 'source_changed'],
    [same('s'), neverSynced('t'), 'target_changed'],
    [neverSynced('s'), neverSynced('t'), 'conflict'],
    [neverSynced('s'), changed('t'), 'conflict'],
  ])('source %j, target %j → %s', (source, target, expected) => {
    expect(twoWayDecision(source, target)).toBe(expected);
  });
});

describe('planRuleChange', () => {
  const cases: [string, Partial<RuleChangeFacts>, RuleChange][] = [
    // Refusals
    [
      'an unreadable source is refused before anything else',
      { sourceReadable: false, target: 'name_taken' },
      { kind: 'refuse' },
    ],
    ['an untranslatable rule is refused', { writable: false }, { kind: 'refuse' }],
    [
      'an untranslatable rule is refused even where a foreign rule has its name',
      { writable: false, target: 'name_taken' },
      { kind: 'refuse' },
    ],
    // Where the target is
    [
      'no link, no rule → create',
      { link: null, target: 'absent', sides: { source: same('s'), target: null } },
      { kind: 'create', recreated: false },
    ],
    [
      'the linked rule is gone (one-way) → created again',
      { target: 'linked_missing', sides: { source: same('s'), target: null } },
      { kind: 'create', recreated: true },
    ],
    ['a same-named rule of someone else → name_taken', { link: null, target: 'name_taken' }, { kind: 'name_taken' }],
    [
      'a recorded intent finds its rule → adopted and written',
      { target: 'adopt' },
      { kind: 'update', adopted: true, overwritesDrift: false },
    ],
    [
      'adopted and already equal → unchanged',
      { target: 'adopt', comparison: { actual: same('x'), desired: 'x' } },
      { kind: 'unchanged' },
    ],
    // Linked, one-way
    ['linked and equal → unchanged', { comparison: { actual: same('t'), desired: 't' } }, { kind: 'unchanged' }],
    [
      'linked, differs, target untouched since last sync → update',
      {},
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'linked, differs, target edited outside → update overwriting drift',
      {
        comparison: { actual: { hash: 'edited', recorded: 't' }, desired: 't2' },
      },
      { kind: 'update', adopted: false, overwritesDrift: true },
    ],
    [
      'drift is judged in previous hash formats too',
      {
        comparison: { actual: { hash: 'new', recorded: 'old', legacy: () => ['old'] }, desired: 't2' },
      },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'a target never recorded is not reported as drifted',
      { comparison: { actual: neverSynced('t'), desired: 't2' } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'no comparison possible (the write creates parts first) → update, no drift claim',
      { comparison: undefined, sides: { source: same('s'), target: changed('t') } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'unreadable rules never count as equal (and an unreadable target as drifted)',
      { comparison: { actual: { hash: null, recorded: 't' }, desired: null } },
      { kind: 'update', adopted: false, overwritesDrift: true },
    ],
    ['a write refused as foreign is not retried', { link: link({ refusedAsForeign: true }) }, { kind: 'skip_foreign' }],
    [
      '… unless the run names the group',
      { link: link({ refusedAsForeign: true }), namedExplicitly: true },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      '… and an equal rule is unchanged, foreign or not',
      { link: link({ refusedAsForeign: true }), comparison: { actual: same('t'), desired: 't' } },
      { kind: 'unchanged' },
    ],
    // Two-way links are not two-way in a one-way run.
    [
      'two-way link in a one-way run → a plain push',
      { link: twoWay(), sides: { source: same('s'), target: same('t') } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    // Deciding half
    [
      'deciding: open conflict blocks',
      { half: 'deciding', link: twoWay({ status: 'conflict', openConflict: 'content' }) },
      { kind: 'blocked_by_conflict' },
    ],
    [
      'deciding: conflict status without an open conflict decides afresh',
      { half: 'deciding', link: twoWay({ status: 'conflict' }) },
      { kind: 'in_sync' },
    ],
    [
      'deciding: target deleted',
      { half: 'deciding', link: twoWay(), target: 'linked_missing', sides: { source: same('s'), target: null } },
      { kind: 'target_deleted' },
    ],
    [
      'deciding: target deleted, a same-named rule stands there',
      { half: 'deciding', link: twoWay(), target: 'name_taken', sides: { source: same('s'), target: null } },
      { kind: 'target_deleted' },
    ],
    ['deciding: neither changed', { half: 'deciding', link: twoWay() }, { kind: 'in_sync' }],
    [
      'deciding: only the target changed',
      { half: 'deciding', link: twoWay(), sides: { source: same('s'), target: changed('t') } },
      { kind: 'leave_to_other_half' },
    ],
    [
      'deciding: both changed',
      { half: 'deciding', link: twoWay(), sides: { source: changed('s'), target: changed('t') } },
      { kind: 'conflict' },
    ],
    [
      'deciding: the target side never synced → conflict when the source changed',
      { half: 'deciding', link: twoWay(), sides: { source: changed('s'), target: neverSynced('t') } },
      { kind: 'conflict' },
    ],
    [
      'deciding: only the source changed → pushed',
      { half: 'deciding', link: twoWay(), sides: { source: changed('s'), target: same('t') } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'deciding: source changed but untranslatable → refused',
      { half: 'deciding', link: twoWay(), writable: false, sides: { source: changed('s'), target: same('t') } },
      { kind: 'refuse' },
    ],
    [
      'deciding: a pending two-way link (no target yet) is pushed',
      {
        half: 'deciding',
        link: twoWay({ hasTarget: false, status: 'pending' }),
        target: 'absent',
        sides: { source: same('s'), target: null },
      },
      { kind: 'create', recreated: false },
    ],
    [
      'deciding: one-way links are plain pushes (overwriting a drifted target)',
      { half: 'deciding', comparison: { actual: changed('t'), desired: 't2' } },
      { kind: 'update', adopted: false, overwritesDrift: true },
    ],
    // Name conflicts block every half; content conflicts only two-way reconciliation
    [
      'one-way: an open name conflict blocks (even where the rule would be created)',
      { link: link({ status: 'conflict', openConflict: 'name_taken', hasTarget: false }), target: 'absent' },
      { kind: 'blocked_by_conflict' },
    ],
    [
      'one-way: an open name conflict blocks a rule that translation would refuse too',
      { link: link({ status: 'conflict', openConflict: 'name_taken' }), writable: false },
      { kind: 'blocked_by_conflict' },
    ],
    [
      '… but an unreadable source is still refused first',
      { link: link({ status: 'conflict', openConflict: 'name_taken' }), sourceReadable: false },
      { kind: 'refuse' },
    ],
    [
      'deciding: an open name conflict blocks a one-way link',
      { half: 'deciding', link: link({ status: 'conflict', openConflict: 'name_taken' }) },
      { kind: 'blocked_by_conflict' },
    ],
    [
      'pushing: an open name conflict blocks',
      { half: 'pushing', link: twoWay({ status: 'conflict', openConflict: 'name_taken' }) },
      { kind: 'blocked_by_conflict' },
    ],
    [
      'one-way: an open content conflict does not block (a one-way run is itself a resolution)',
      { link: twoWay({ status: 'conflict', openConflict: 'content' }) },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    // A pair linked but never synced
    [
      'deciding: a two-way pair never synced on either side → pushed, not a conflict',
      { half: 'deciding', link: twoWay(), sides: { source: neverSynced('s'), target: neverSynced('t') } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'pushing: a two-way pair never synced → left to the deciding half',
      { half: 'pushing', link: twoWay(), sides: { source: neverSynced('s'), target: neverSynced('t') } },
      { kind: 'leave_to_other_half' },
    ],
    // Renames
    [
      'deciding: in sync but the rule carries another name → pushed to rename it',
      { half: 'deciding', link: twoWay(), renameDue: true },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'one-way: equal content but the rule carries another name → update',
      { comparison: { actual: same('t'), desired: 't' }, renameDue: true },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'deciding: a rename does not override a conflict',
      { half: 'deciding', link: twoWay(), renameDue: true, sides: { source: changed('s'), target: changed('t') } },
      { kind: 'conflict' },
    ],
    // Pushing half
    [
      'pushing: only the source changed → pushed',
      { half: 'pushing', link: twoWay(), sides: { source: changed('s'), target: same('t') } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      // Only a pair never synced on both sides waits for the deciding half: one side synced before makes the
      // never-synced source a change of its own.
      'pushing: the source never synced, the target synced and unchanged → pushed',
      { half: 'pushing', link: twoWay(), sides: { source: neverSynced('s'), target: same('t') } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'pushing: neither changed → left (the deciding half reported it)',
      { half: 'pushing', link: twoWay() },
      { kind: 'leave_to_other_half' },
    ],
    [
      'pushing: both changed → left (the deciding half opened the conflict)',
      { half: 'pushing', link: twoWay(), sides: { source: changed('s'), target: changed('t') } },
      { kind: 'leave_to_other_half' },
    ],
    [
      'pushing: the target changed → left',
      { half: 'pushing', link: twoWay(), sides: { source: same('s'), target: changed('t') } },
      { kind: 'leave_to_other_half' },
    ],
    [
      'pushing: a link in conflict → left',
      { half: 'pushing', link: twoWay({ status: 'conflict' }), sides: { source: changed('s'), target: same('t') } },
      { kind: 'leave_to_other_half' },
    ],
    [
      'pushing: no target rule → left',
      { half: 'pushing', link: twoWay(), target: 'linked_missing', sides: { source: changed('s'), target: null } },
      { kind: 'leave_to_other_half' },
    ],
    // Both sides unchanged, but the mappings the translation reads moved (a person who left was unmapped): the
    // side the last sync wrote is written again from the other, by the half whose target it is.
    [
      'deciding: in sync, target written last, its translation moved → pushed from the source',
      { half: 'deciding', link: twoWay({ writtenSide: 'target' }), comparison: { actual: same('t'), desired: 't2' } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'deciding: in sync, target written last, its translation the same → in sync',
      { half: 'deciding', link: twoWay({ writtenSide: 'target' }), comparison: { actual: same('t'), desired: 't' } },
      { kind: 'in_sync' },
    ],
    [
      'deciding: in sync, target written last, no comparison possible → in sync',
      { half: 'deciding', link: twoWay({ writtenSide: 'target' }), comparison: undefined },
      { kind: 'in_sync' },
    ],
    [
      // The translation's written form cannot be read back (no desired hash): nothing says it moved.
      'deciding: in sync, target written last, its translation not comparable → in sync',
      { half: 'deciding', link: twoWay({ writtenSide: 'target' }), comparison: { actual: same('t'), desired: null } },
      { kind: 'in_sync' },
    ],
    [
      'deciding: in sync, the source written last → left to the pushing half, however its target translates',
      { half: 'deciding', link: twoWay({ writtenSide: 'source' }), comparison: { actual: same('t'), desired: 't2' } },
      { kind: 'leave_to_other_half' },
    ],
    [
      'deciding: in sync, the source written last, a rename due → pushed to rename',
      { half: 'deciding', link: twoWay({ writtenSide: 'source' }), renameDue: true },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'deciding: the written side unknown (synced before it was recorded) → in sync, as before',
      { half: 'deciding', link: twoWay({ writtenSide: null }), comparison: { actual: same('t'), desired: 't2' } },
      { kind: 'in_sync' },
    ],
    [
      'deciding: target written last, the source changed → planned as a push (here: already equal)',
      {
        half: 'deciding',
        link: twoWay({ writtenSide: 'target' }),
        sides: { source: changed('s'), target: same('t') },
        comparison: { actual: same('t'), desired: 't' },
      },
      { kind: 'unchanged' },
    ],
    [
      'pushing: in sync, target written last, its translation moved → pushed from the source',
      { half: 'pushing', link: twoWay({ writtenSide: 'target' }), comparison: { actual: same('t'), desired: 't2' } },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
    [
      'pushing: in sync, target written last, its translation the same → in sync (reported by this half)',
      { half: 'pushing', link: twoWay({ writtenSide: 'target' }), comparison: { actual: same('t'), desired: 't' } },
      { kind: 'in_sync' },
    ],
    [
      'pushing: in sync, the source written last → left (the deciding half reported it)',
      { half: 'pushing', link: twoWay({ writtenSide: 'source' }), comparison: { actual: same('t'), desired: 't2' } },
      { kind: 'leave_to_other_half' },
    ],
    [
      'pushing: target written last, but the target changed → left (the deciding half decided it)',
      {
        half: 'pushing',
        link: twoWay({ writtenSide: 'target' }),
        sides: { source: same('s'), target: changed('t') },
      },
      { kind: 'leave_to_other_half' },
    ],
    [
      'one-way run: the written side plays no part',
      { link: twoWay({ writtenSide: 'source' }), comparison: { actual: same('t'), desired: 't' } },
      { kind: 'unchanged' },
    ],
    [
      'pushing: one-way links are plain pushes',
      { half: 'pushing', link: link({ direction: 'wecom_to_feishu' }) },
      { kind: 'update', adopted: false, overwritesDrift: false },
    ],
  ];

  it.each(cases)('%s', (_name, overrides, expected) => {
    expect(planRuleChange(facts(overrides))).toEqual(expected);
  });
});
