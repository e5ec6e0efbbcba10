import type { CoverageTable } from './field-fate.js';
import { dropped, droppedSilently, notApplicable, translated } from './field-fate.js';
import { countFates, renderFieldCoverage } from './render-field-coverage.js';

/*
 * The renderer of docs/field-coverage.md on small hand-made tables; the expected text is written out by hand.
 * The preamble is fixed prose, so most examples compare the document from its "## Summary" heading on.
 * Row order is checked with rows given out of order. The comparator's answer for equal keys, and whether it says 1
 * or 0 for a > b, cannot show: rows come from object keys (never equal), and Array.prototype.sort in V8 only
 * tests the comparator's result for < 0.
 */

function fromSummary(doc: string): string {
  return doc.slice(doc.indexOf('## Summary'));
}

describe('renderFieldCoverage', () => {
  it('renders one read table: rows sorted by path, silent drops labelled, listed and counted, one trailing newline', () => {
    const table: CoverageTable = {
      id: 't-read',
      section: 'Sec',
      direction: 'read',
      wireModel: 'wireSchema',
      mapper: 'mapIt (m.ts)',
      canonicalModel: 'Canon',
      fields: {
        zeta: translated('z'),
        gone: droppedSilently('nobody reads it'),
        'a.b': dropped('lost when set'),
        bare: { fate: 'dropped', loss: null },
        alpha: notApplicable('read-only id'),
      },
    };

    expect(fromSummary(renderFieldCoverage([table]))).toBe(
      [
        '## Summary',
        '',
        '| Model | Direction | translated | approximated | dropped | of which no loss | not_applicable | fields | check exempt |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
        '| Sec: wireSchema | read | 1 | 0 | 3 | 2 | 1 | 5 | 0 |',
        '',
        '## Behaviour-check exemptions (0)',
        '',
        'None.',
        '',
        '## Dropped without a loss (2)',
        '',
        'Fields the code leaves behind without telling anyone (DESIGN.md: "Nothing silently dropped"): each should get a loss, a canonical home, or a reason it needs neither.',
        '',
        '- t-read `bare`',
        '- t-read `gone`',
        '',
        '## Sec',
        '',
        '### Reading: wireSchema → Canon',
        '',
        'Mapper: mapIt (m.ts). Table id: `t-read`.',
        '',
        '| Field | Fate | Canonical field / loss / reason |',
        '|---|---|---|',
        '| `a.b` | dropped | loss: lost when set |',
        '| `alpha` | not_applicable | read-only id |',
        '| `bare` | dropped (no loss reported) | **no loss reported**:  |',
        '| `gone` | dropped (no loss reported) | **no loss reported**: nobody reads it |',
        '| `zeta` | translated | → `z` |',
        '',
      ].join('\n'),
    );
  });

  it('ends with exactly one newline and starts with the title', () => {
    const table: CoverageTable = {
      id: 't',
      section: 'S',
      direction: 'read',
      wireModel: 'w',
      mapper: 'm',
      canonicalModel: 'C',
      fields: { f: translated('g') },
    };

    const doc = renderFieldCoverage([table]);

    expect(doc.startsWith('# Field coverage: what the gateway does with every vendor field\n\n')).toBe(true);
    expect(doc.endsWith('|---|---|---|\n| `f` | translated | → `g` |\n')).toBe(true);
  });

  it('escapes backslash and pipe in cells and turns LF and CRLF line breaks into spaces', () => {
    const table: CoverageTable = {
      id: 't',
      section: 'S',
      direction: 'read',
      wireModel: 'w',
      mapper: 'm',
      canonicalModel: 'C',
      fields: {
        f: notApplicable('a\\b | c\r\nd\ne'),
        g: translated('x', { exempt: 'see x.spec.ts\nand y | z' }),
      },
    };

    const lines = renderFieldCoverage([table]).split('\n');

    expect(lines).toContain('| `f` | not_applicable | a\\\\b \\| c d e |');
    expect(lines).toContain('| `g` | translated | → `x` — behaviour check exempt: see x.spec.ts and y \\| z |');
    expect(lines).toContain('- t `g`: see x.spec.ts and y \\| z');
  });

  it('lists canonical fields not written: a summary row of their own, "(canonical)" in the lists, their own table', () => {
    const writing: CoverageTable = {
      id: 't-write',
      section: 'Sec',
      direction: 'write',
      wireModel: 'wireSchema',
      mapper: 'write (w.ts)',
      canonicalModel: 'Canon',
      fields: { wf: translated('cf') },
      canonicalNotWritten: {
        'b.y': droppedSilently('unused', { exempt: 'checked in b.spec.ts' }),
        a: dropped('not writable'),
      },
    };

    expect(fromSummary(renderFieldCoverage([writing]))).toBe(
      [
        '## Summary',
        '',
        '| Model | Direction | translated | approximated | dropped | of which no loss | not_applicable | fields | check exempt |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
        '| Sec: wireSchema | write | 1 | 0 | 0 | 0 | 0 | 1 | 0 |',
        '| Sec: canonical fields not written | write | 0 | 0 | 2 | 1 | 0 | 2 | 1 |',
        '',
        '## Behaviour-check exemptions (1)',
        '',
        '- t-write `(canonical) b.y`: checked in b.spec.ts',
        '',
        '## Dropped without a loss (1)',
        '',
        'Fields the code leaves behind without telling anyone (DESIGN.md: "Nothing silently dropped"): each should get a loss, a canonical home, or a reason it needs neither.',
        '',
        '- t-write `(canonical) b.y`',
        '',
        '## Sec',
        '',
        '### Writing: Canon → wireSchema',
        '',
        'Mapper: write (w.ts). Table id: `t-write`.',
        '',
        '| Field | Fate | Canonical field / loss / reason |',
        '|---|---|---|',
        '| `wf` | translated | ← `cf` |',
        '',
        'Canonical fields no wireSchema field is written from:',
        '',
        '| Canonical field | Fate | Loss / reason |',
        '|---|---|---|',
        '| `a` | dropped | loss: not writable |',
        '| `b.y` | dropped (no loss reported) | **no loss reported**: unused — behaviour check exempt: checked in b.spec.ts |',
        '',
      ].join('\n'),
    );
  });

  it('writes no summary row and no table for an empty canonicalNotWritten', () => {
    const writing: CoverageTable = {
      id: 't-write',
      section: 'Sec',
      direction: 'write',
      wireModel: 'w',
      mapper: 'm',
      canonicalModel: 'C',
      fields: { wf: dropped('gone') },
      canonicalNotWritten: {},
    };

    expect(fromSummary(renderFieldCoverage([writing]))).toBe(
      [
        '## Summary',
        '',
        '| Model | Direction | translated | approximated | dropped | of which no loss | not_applicable | fields | check exempt |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
        '| Sec: w | write | 0 | 0 | 1 | 0 | 0 | 1 | 0 |',
        '',
        '## Behaviour-check exemptions (0)',
        '',
        'None.',
        '',
        '## Dropped without a loss (0)',
        '',
        'Fields the code leaves behind without telling anyone (DESIGN.md: "Nothing silently dropped"): each should get a loss, a canonical home, or a reason it needs neither.',
        '',
        'None.',
        '',
        '## Sec',
        '',
        '### Writing: C → w',
        '',
        'Mapper: m. Table id: `t-write`.',
        '',
        '| Field | Fate | Canonical field / loss / reason |',
        '|---|---|---|',
        '| `wf` | dropped | loss: gone |',
        '',
      ].join('\n'),
    );
  });
});

describe('countFates', () => {
  it('counts silent drops among the drops', () => {
    expect(
      countFates([droppedSilently('a'), dropped('b'), droppedSilently('c', { exempt: 'by hand' }), translated('x')]),
    ).toEqual({
      translated: 1,
      approximated: 0,
      dropped: 3,
      droppedSilently: 2,
      not_applicable: 0,
      exempt: 1,
      total: 4,
    });
  });
});
