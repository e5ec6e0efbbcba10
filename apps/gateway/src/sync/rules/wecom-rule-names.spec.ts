import type { GroupLink } from '@app/mapping-store';
import type { WecomRule } from '@app/connectors';
import { wecomRuleNameCandidates } from '@app/translation';
import { WecomRuleNames } from './wecom-rule-names.js';
import { pairLink } from '../../../../../test/support/group-links.js';

const rule = (groupid: number, groupname: string) => ({ groupid, groupname }) as WecomRule;

/** The names of a run: WeCom's candidates, as the Feishu → WeCom engine gets them from the WeCom connector. */
const ruleNames = (links: readonly GroupLink[], listedAtStart: ReadonlySet<string>) =>
  new WecomRuleNames(links, listedAtStart, wecomRuleNameCandidates);

function link(overrides: Partial<Omit<GroupLink, 'sides'>>): GroupLink {
  return pairLink({
    id: 'link',
    feishuGroupId: null,
    feishuGroupName: null,
    wecomRuleId: null,
    wecomRuleName: null,
    direction: 'feishu_to_wecom',
    status: 'active',
    feishuHash: null,
    wecomHash: null,
    lastSyncedAt: null,
    lastError: null,
    lastErrorKind: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    writtenVendor: null,
    ...overrides,
  });
}

/**
 * The run's view of WeCom: the rules of a name, oldest first; `matching` the rules that hold what a recorded
 * intent planned (default: every rule).
 */
const view = (rules: readonly WecomRule[], matching: (rule: WecomRule) => boolean = () => true) => ({
  named: (name: string) => rules.filter((each) => each.groupname === name).sort((a, b) => a.groupid - b.groupid),
  matchesIntent: matching,
});

describe('WecomRuleNames', () => {
  it('gives a new group its own name, and a second group of that name in the same run "name (2)"', () => {
    const names = ruleNames([], new Set());
    expect(names.locate('g1', '总部固定班', null, undefined, view([]))).toEqual({ kind: 'absent', name: '总部固定班' });
    expect(names.locate('g2', '总部固定班', null, undefined, view([]))).toEqual({
      kind: 'absent',
      name: '总部固定班 (2)',
    });
    // The same group asking again keeps its name.
    expect(names.locate('g1', '总部固定班', null, undefined, view([]))).toMatchObject({ name: '总部固定班' });
  });

  it('passes over a name another link pairs, and stops at one a rule no link pairs has (a name conflict)', () => {
    const theirs = rule(10, 'X');
    const paired = link({ id: 'other', feishuGroupId: 'g0', wecomRuleId: '10' });
    expect(ruleNames([paired], new Set(['10'])).locate('g1', 'X', null, undefined, view([theirs]))).toEqual({
      kind: 'absent',
      name: 'X (2)',
    });
    // A link holding the rule without a Feishu side (discovered, unlinked) does not pair it.
    const unlinked = link({ id: 'other', wecomRuleId: '10', status: 'unlinked' });
    expect(ruleNames([unlinked], new Set(['10'])).locate('g1', 'X', null, undefined, view([theirs]))).toEqual({
      kind: 'name_taken',
      rule: theirs,
      name: 'X',
    });
    const foreign = rule(11, 'X (2)');
    expect(
      ruleNames([paired], new Set(['10', '11'])).locate('g1', 'X', null, undefined, view([theirs, foreign])),
    ).toEqual({ kind: 'name_taken', rule: foreign, name: 'X (2)' });
  });

  it("passes over a name another link's recorded intent holds", () => {
    const intent = link({ id: 'other', feishuGroupId: 'g0', wecomRuleName: 'X', status: 'pending' });
    const own = link({ id: 'mine', feishuGroupId: 'g1' });
    expect(ruleNames([intent, own], new Set()).locate('g1', 'X', own, undefined, view([]))).toEqual({
      kind: 'absent',
      name: 'X (2)',
    });
  });

  it("adopts the oldest unpaired rule of the link's recorded intent (a crash after the add)", () => {
    const intent = link({ id: 'mine', feishuGroupId: 'g1', wecomRuleName: 'X', status: 'pending' });
    const rules = [rule(21, 'X'), rule(20, 'X')];
    const names = ruleNames([intent], new Set(['20', '21']));
    expect(names.locate('g1', 'X', intent, undefined, view(rules))).toEqual({
      kind: 'adopt',
      rule: rules[1],
      name: 'X',
      sameNamed: 2,
    });
    // Now paired by this run: a create's rule is never it.
    expect(names.known()).toEqual(new Set(['20', '21']));
  });

  it('adopts only a rule holding what the intent planned; one of the name holding something else is a conflict', () => {
    const intent = link({ id: 'mine', feishuGroupId: 'g1', wecomRuleName: 'X', status: 'pending' });
    const rules = [rule(20, 'X'), rule(21, 'X')];
    expect(
      ruleNames([intent], new Set(['20', '21'])).locate(
        'g1',
        'X',
        intent,
        undefined,
        view(rules, (each) => each.groupid === 21),
      ),
    ).toEqual({ kind: 'adopt', rule: rules[1], name: 'X', sameNamed: 2 });
    expect(
      ruleNames([intent], new Set(['20'])).locate(
        'g1',
        'X',
        intent,
        undefined,
        view([rules[0]!], () => false),
      ),
    ).toEqual({ kind: 'name_taken', rule: rules[0], name: 'X' });
  });

  it('does not adopt a rule of the recorded name that another link pairs', () => {
    const intent = link({ id: 'mine', feishuGroupId: 'g1', wecomRuleName: 'X', status: 'pending' });
    const paired = link({ id: 'other', feishuGroupId: 'g0', wecomRuleId: '20' });
    expect(
      ruleNames([intent, paired], new Set(['20'])).locate('g1', 'X', intent, undefined, view([rule(20, 'X')])),
    ).toEqual({ kind: 'absent', name: 'X (2)' });
  });

  it('keeps the name of a linked rule that carries one of its names; renames one that does not', () => {
    const mine = link({ id: 'mine', feishuGroupId: 'g1', wecomRuleId: '30' });
    const numbered = rule(30, 'X (2)');
    expect(ruleNames([mine], new Set(['30'])).locate('g1', 'X', mine, numbered, view([numbered]))).toEqual({
      kind: 'linked',
      rule: numbered,
      name: 'X (2)',
      renamedFrom: null,
    });
    const legacy = rule(30, 'X·fs1y2p0ij32e8e7');
    expect(ruleNames([mine], new Set(['30'])).locate('g1', 'X', mine, legacy, view([legacy]))).toEqual({
      kind: 'linked',
      rule: legacy,
      name: 'X',
      renamedFrom: 'X·fs1y2p0ij32e8e7',
    });
    // A rename never takes a name some other rule has, whoever's it is.
    const foreign = rule(31, 'X');
    expect(
      ruleNames([mine], new Set(['30', '31'])).locate('g1', 'X', mine, legacy, view([legacy, foreign])),
    ).toMatchObject({ kind: 'linked', name: 'X (2)', renamedFrom: 'X·fs1y2p0ij32e8e7' });
  });

  it('recreates a linked rule that is gone under a free name', () => {
    const mine = link({ id: 'mine', feishuGroupId: 'g1', wecomRuleId: '40' });
    expect(ruleNames([mine], new Set()).locate('g1', 'X', mine, undefined, view([]))).toEqual({
      kind: 'linked_missing',
      name: 'X',
    });
  });

  it('has no name to give when every candidate is held by another link', () => {
    const links: GroupLink[] = [];
    const rules: WecomRule[] = [];
    const names = ['X', ...Array.from({ length: 49 }, (_, index) => `X (${index + 2})`)];
    names.forEach((name, index) => {
      links.push(link({ id: `l${index}`, feishuGroupId: `o${index}`, wecomRuleId: String(100 + index) }));
      rules.push(rule(100 + index, name));
    });
    const ids = new Set(rules.map((each) => String(each.groupid)));
    expect(ruleNames(links, ids).locate('g1', 'X', null, undefined, view(rules))).toEqual({
      kind: 'absent',
      name: null,
    });
  });
});
