import type { SyncRunItem } from '@app/mapping-store';
import { statusOf } from './run-executor.service.js';

describe('statusOf', () => {
  const of = (action: SyncRunItem['action']): SyncRunItem => ({
    sourceId: `s-${Math.random()}`,
    targetId: null,
    action,
    losses: [],
    error: action === 'failed' ? 'boom' : null,
  });

  it('no items at all: succeeded', () => {
    expect(statusOf([])).toBe('succeeded');
  });

  it('nothing failed: succeeded', () => {
    expect(statusOf([of('created'), of('updated'), of('unchanged'), of('skipped')])).toBe('succeeded');
  });

  it('some failed, some not: partial', () => {
    expect(statusOf([of('updated'), of('failed'), of('skipped')])).toBe('partial');
  });

  it('everything failed: failed', () => {
    expect(statusOf([of('failed')])).toBe('failed');
    expect(statusOf([of('failed'), of('failed')])).toBe('failed');
  });
});
