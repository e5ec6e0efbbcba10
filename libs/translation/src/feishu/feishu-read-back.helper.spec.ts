import type { FeishuShift } from '@app/feishu/model';
import { sameIdResolver } from '../canonical/id-resolver.js';
import { canonicalToFeishu, type FeishuGroupPlan } from './canonical-to-feishu.mapper.js';
import { fakeFeishuId, planAsRead, shiftAsRead } from './feishu-read-back.helper.js';
import { officeRule } from '../../test/canonical-rule.fixtures.js';

// The read-back helper stands in for Feishu in the round-trip specs (feishu-read-back.helper.ts): what it
// answers for ids, segment flags and reused shifts is checked here, one example each.

function plan(existingShifts: readonly FeishuShift[] = []): FeishuGroupPlan {
  const result = canonicalToFeishu(officeRule(), {
    resolver: sameIdResolver((id) => id),
    groupLeaderIds: ['leader'],
    existingShifts,
  });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  return result.value;
}

function createdShift() {
  const entry = plan().shifts[0]!;
  if (entry.action !== 'create') throw new Error('expected a shift to create');
  return entry.shift;
}

describe('feishu read-back helper', () => {
  it('makes 19-digit ids from a seed and a counter', () => {
    expect(fakeFeishuId(3, 42)).toBe('7000003000000000042');
  });

  it('reads a segment without no-punch flags as needing both punches', () => {
    const shift = createdShift();
    const bare = { ...shift.punch_time_rule[0]!, no_need_on: undefined, no_need_off: undefined };
    const read = shiftAsRead({ ...shift, punch_time_rule: [bare] }, '7000002000000000001');
    expect(read.punch_time_rule[0]).toMatchObject({ no_need_on: true, no_need_off: true });
  });

  it('answers a reused shift as the existing one with that id', () => {
    const existing = shiftAsRead(createdShift(), '6919358778597097404');
    const other = shiftAsRead({ ...createdShift(), shift_name: 'Other' }, '6919358778597097405');
    const reused = plan([existing]);
    expect(reused.shifts[0]).toMatchObject({ action: 'reuse', shiftId: '6919358778597097404' });
    const read = planAsRead(reused, { existingShifts: [other, existing] });
    expect(read.shifts).toEqual([existing]);
    expect(read.group.punch_day_shift_ids).toContain('6919358778597097404');
    expect(() => planAsRead(reused, { existingShifts: [other] })).toThrow(
      'planAsRead: reused shift 6919358778597097404 is not in existingShifts',
    );
  });
});
