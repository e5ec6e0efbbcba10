import type { DirectoryDepartment } from '@app/kernel';
import fc from 'fast-check';
import { matchDepartments, type DepartmentMatchInput } from './match-departments.js';
import type { MatchOutcome } from './settle-matches.js';

const dept = (id: string, name: string, parentId: string | null): DirectoryDepartment => ({ id, name, parentId });

function match(overrides: Partial<DepartmentMatchInput>): MatchOutcome {
  return matchDepartments({ feishu: [], wecom: [], mappings: [], previous: [], autoAccept: false, ...overrides });
}

const brief = (outcome: MatchOutcome) => outcome.results.map((r) => [r.feishuId, r.wecomId, r.status, r.matchedBy]);

// Feishu's root is "0", WeCom's is 1; their names differ and do not matter.
const FEISHU = [
  dept('0', 'Acme', null),
  dept('fd-sales', 'Sales', '0'),
  dept('fd-sales-n', 'North', 'fd-sales'),
  dept('fd-rd', 'R&D', '0'),
  dept('fd-rd-web', 'Web', 'fd-rd'),
];
const WECOM = [
  dept('1', 'Acme Ltd', null),
  dept('2', 'Sales', '1'),
  dept('3', 'North', '2'),
  dept('4', 'Research', '1'),
  dept('5', 'Web', '4'),
];

describe('matchDepartments', () => {
  it('pairs the roots, and each department by its path of names from the root', () => {
    const outcome = match({ feishu: FEISHU, wecom: WECOM });
    expect(brief(outcome)).toEqual([
      ['0', '1', 'proposed', 'name_path'],
      ['fd-rd', null, 'unmatched', null],
      ['fd-rd-web', null, 'unmatched', null],
      ['fd-sales', '2', 'proposed', 'name_path'],
      ['fd-sales-n', '3', 'proposed', 'name_path'],
      [null, '4', 'unmatched', null],
      [null, '5', 'unmatched', null],
    ]);
  });

  it('pairs a department by its name under a parent mapped by hand when the paths differ', () => {
    const outcome = match({
      feishu: FEISHU,
      wecom: WECOM,
      mappings: [{ feishu: 'fd-rd', wecom: '4', origin: 'manual', matchedBy: null }],
      autoAccept: true,
    });
    expect(brief(outcome)).toEqual([
      ['0', '1', 'accepted', 'name_path'],
      ['fd-rd-web', '5', 'accepted', 'mapped_parent'],
      ['fd-sales', '2', 'accepted', 'name_path'],
      ['fd-sales-n', '3', 'accepted', 'name_path'],
    ]);
    expect(outcome.results[1]!.reason).toBe('same name under the mapped parent');
    expect(outcome.toMap.map((m) => m.feishu)).toEqual(['0', 'fd-rd-web', 'fd-sales', 'fd-sales-n']);
  });

  it('pairs down a chain of renamed parents, each found under the one paired before it', () => {
    const outcome = match({
      feishu: [dept('0', 'A', null), dept('f1', 'Ops', '0'), dept('f2', 'Infra', 'f1'), dept('f3', 'SRE', 'f2')],
      wecom: [dept('1', 'A', null), dept('2', 'Operations', '1'), dept('3', 'Infra', '2'), dept('4', 'SRE', '3')],
      mappings: [{ feishu: 'f1', wecom: '2', origin: 'match', matchedBy: 'mapped_parent' }],
    });
    expect(brief(outcome)).toEqual([
      ['0', '1', 'proposed', 'name_path'],
      ['f1', '2', 'accepted', 'mapped_parent'],
      ['f2', '3', 'proposed', 'mapped_parent'],
      ['f3', '4', 'proposed', 'mapped_parent'],
    ]);
  });

  it('calls a path or a name shared by more than one department ambiguous', () => {
    const outcome = match({
      feishu: [dept('0', 'A', null), dept('f1', 'Sales', '0'), dept('f2', 'Sales', '0'), dept('f3', 'Ops', '0')],
      wecom: [dept('1', 'A', null), dept('2', 'Sales', '1'), dept('3', 'Ops', '1'), dept('4', 'Ops', '1')],
    });
    expect(brief(outcome)).toEqual([
      ['0', '1', 'proposed', 'name_path'],
      ['f1', null, 'ambiguous', null],
      ['f2', null, 'ambiguous', null],
      ['f3', null, 'ambiguous', null],
    ]);
    expect(outcome.results[1]!.reason).toBe('2 Feishu departments share this path of names from the root');
    expect(outcome.results[3]!.candidates).toEqual([
      { feishuId: 'f3', wecomId: '3', matchedBy: 'name_path' },
      { feishuId: 'f3', wecomId: '4', matchedBy: 'name_path' },
    ]);
  });

  it('unmaps a match-made pair whose department is gone, keeps a hand-made one, and keeps rejections', () => {
    const outcome = match({
      feishu: [dept('0', 'A', null), dept('f1', 'Sales', '0')],
      wecom: [dept('1', 'A', null), dept('2', 'Sales', '1')],
      mappings: [
        { feishu: 'f9', wecom: '9', origin: 'match', matchedBy: 'name_path' },
        { feishu: 'f8', wecom: '1', origin: 'manual', matchedBy: null },
      ],
      previous: [{ feishuId: 'f1', wecomId: '2', status: 'rejected', matchedBy: 'name_path', decidedBy: 'operator' }],
    });
    expect(outcome.toUnmap.map((m) => [m.feishu, m.reason])).toEqual([
      ['f9', 'the Feishu department f9 is no longer in the directory'],
    ]);
    expect(outcome.manualKept.map((m) => m.feishu)).toEqual(['f8']);
    // The root's WeCom counterpart is held by hand; the rejected pair is not proposed again.
    expect(brief(outcome)).toEqual([
      ['0', null, 'unmatched', null],
      ['f1', '2', 'rejected', 'name_path'],
      [null, '2', 'unmatched', null],
    ]);
    expect(outcome.results[0]!.reason).toBe(
      'the WeCom department with the same path of names from the root (1) is mapped by hand to Feishu f8',
    );
  });

  it('survives a cycle of parents', () => {
    const outcome = match({
      feishu: [dept('a', 'A', 'b'), dept('b', 'B', 'a')],
      wecom: [dept('1', 'A', null)],
    });
    expect(brief(outcome)).toEqual([
      ['a', null, 'unmatched', null],
      ['b', null, 'unmatched', null],
      [null, '1', 'unmatched', null],
    ]);
  });
});

// Random trees over a few names: the same name under different parents, and the same path twice, are common.
const arbitraryTree = (prefix: string) =>
  fc
    .array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.nat()), { maxLength: 10 })
    .map((nodes) => [
      dept(`${prefix}0`, 'root', null),
      ...nodes.map(([name, parent], i) => dept(`${prefix}${i + 1}`, name, `${prefix}${parent % (i + 1)}`)),
    ]);

describe('matchDepartments, over random trees', () => {
  it('pairs each id at most once, and changes nothing on a second run over the first one’s decisions', () => {
    fc.assert(
      fc.property(arbitraryTree('f'), arbitraryTree('w'), (feishu, wecom) => {
        const first = match({ feishu, wecom, autoAccept: true });
        const paired = first.results.filter((r) => r.status === 'accepted');
        expect(new Set(paired.map((r) => r.wecomId)).size).toBe(paired.length);
        expect(first.toMap).toHaveLength(paired.length);
        // The roots always pair.
        expect(paired.find((r) => r.feishuId === 'f0')?.wecomId).toBe('w0');
        const second = match({
          feishu,
          wecom,
          autoAccept: true,
          mappings: first.toMap.map((m) => ({ ...m, origin: 'match' as const })),
          previous: first.results,
        });
        expect(second.toMap).toEqual([]);
        expect(second.toUnmap).toEqual([]);
        expect(second.results.map(({ kept: _k, ...rest }) => rest)).toEqual(
          first.results.map(({ kept: _k, ...rest }) => rest),
        );
      }),
      { seed: 2124, numRuns: 300 },
    );
  });
});
