import { LossReport } from './loss.js';

describe('LossReport', () => {
  it('reports blocking once a blocking loss is added, and not for lesser ones', () => {
    const report = new LossReport();
    report.info('a', 'noted');
    report.approximated('b', 'rounded', 1, 2);
    report.dropped('c', 'left out', 3);
    expect(report.hasBlocking).toBe(false);
    report.blocking('d', 'cannot be carried', 4);
    expect(report.hasBlocking).toBe(true);
    report.info('e', 'noted after');
    expect(report.hasBlocking).toBe(true);
  });

  it('keeps every loss in the order added, with its severity', () => {
    const report = new LossReport();
    report.info('a', 'noted');
    report.approximated('b', 'rounded', 1, 2);
    report.dropped('c', 'left out', 3);
    report.blocking('d', 'cannot be carried', 4);
    expect(report.list().map((loss) => [loss.field, loss.severity])).toEqual([
      ['a', 'info'],
      ['b', 'approximated'],
      ['c', 'dropped'],
      ['d', 'blocking'],
    ]);
  });

  it('leaves out an undefined source or target value rather than setting it, keys in a fixed order', () => {
    const report = new LossReport();
    report.info('neither', 'no values');
    report.info('target', 'target only', undefined, 'after');
    report.info('source', 'source only', 'before');
    report.info('both', 'both values', 'before', 'after');
    const [neither, target, source, both] = report.list();
    expect(Object.keys(neither!)).toEqual(['field', 'severity', 'message']);
    expect(Object.keys(target!)).toEqual(['field', 'severity', 'message', 'targetValue']);
    expect(target).toStrictEqual({ field: 'target', severity: 'info', message: 'target only', targetValue: 'after' });
    expect(Object.keys(source!)).toEqual(['field', 'severity', 'message', 'sourceValue']);
    expect(source).toStrictEqual({ field: 'source', severity: 'info', message: 'source only', sourceValue: 'before' });
    expect(Object.keys(both!)).toEqual(['field', 'severity', 'message', 'sourceValue', 'targetValue']);
    expect(both).toStrictEqual({
      field: 'both',
      severity: 'info',
      message: 'both values',
      sourceValue: 'before',
      targetValue: 'after',
    });
  });
});
