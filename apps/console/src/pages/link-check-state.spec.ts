// Jest globals are imported rather than ambient (see preview-diff.spec.ts).
import { describe, expect, it } from '@jest/globals';
import type { components } from '../api/schema';
import { checkStateOf } from './link-check-state';

type RunItem = components['schemas']['RunItemDto'];

const item = (action: RunItem['action'], notes: RunItem['notes'] = []): RunItem => ({
  sourceId: 'g1',
  targetId: '7',
  action,
  losses: [],
  notes,
});

describe('checkStateOf', () => {
  it('reads drift from the note code, never from the message', () => {
    const drift = { field: 'rule', code: 'target_drift_overwritten' as const, message: 'anything' };
    expect(checkStateOf(item('updated', [drift]))).toBe('drifted');
    const sameTextNoCode = {
      field: 'rule',
      message: 'The WeCom rule was changed outside the gateway since the last sync; this one-way sync overwrote it.',
    };
    expect(checkStateOf(item('updated', [sameTextNoCode]))).toBe('source_changed');
    expect(checkStateOf(item('updated'))).toBe('source_changed');
  });

  it('maps every other action', () => {
    expect(checkStateOf(item('unchanged'))).toBe('in_sync');
    expect(checkStateOf(item('created'))).toBe('would_create');
    expect(checkStateOf(item('failed'))).toBe('failing');
    expect(checkStateOf(item('skipped'))).toBe('skipped');
  });
});
