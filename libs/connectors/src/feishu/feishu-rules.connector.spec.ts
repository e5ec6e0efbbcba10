import type { FeishuClient } from '@app/feishu';
import { sameIdResolver, wecomToCanonical } from '@app/translation';
import { FeishuRulesConnector } from './feishu-rules.connector.js';

// Feishu's write rules the rules engine leaves to the connector: shifts exist before a group names them, so a
// plan names its shifts by key until their ids are known (created, or reused), and a dry run shows the shifts'
// creates before the group's save.

const workTime = (work: number, off: number) => ({
  work_sec: work * 3600,
  off_work_sec: off * 3600,
  remind_work_sec: work * 3600 - 600,
  remind_off_work_sec: off * 3600,
});

/** A WeCom fixed rule, Monday–Friday 9–18, read into the canonical model (what the WeCom → Feishu half plans). */
function canonicalRule() {
  const read = wecomToCanonical({
    grouptype: 1,
    groupid: 5,
    groupname: '研发考勤',
    checkindate: [{ workdays: [1, 2, 3, 4, 5], checkintime: [workTime(9, 18)], flex_time: 0, noneed_offwork: false }],
    range: { partyid: [], userid: ['zhangsan'], tagid: [] },
    create_time: 1_700_000_000,
  });
  if (!read.ok) throw new Error(JSON.stringify(read.losses));
  return read.value;
}

function plan(connector: FeishuRulesConnector) {
  const planned = connector.plan(canonicalRule(), { resolver: sameIdResolver(), groupLeaderIds: ['leader1'] });
  if (!planned.ok) throw new Error(JSON.stringify(planned.losses));
  return planned.value;
}

describe('FeishuRulesConnector shift binding', () => {
  const connector = new FeishuRulesConnector({} as FeishuClient, { now: () => new Date(0) });

  it('knows no shift id before the shifts are created, and binds the created ones into the group', () => {
    const planned = plan(connector);
    const keys = planned.shifts.map((entry) => entry.shiftKey);
    expect(keys.length).toBeGreaterThan(0);
    expect(planned.shifts.every((entry) => entry.action === 'create')).toBe(true);
    expect(connector.shiftIdsOf(planned).size).toBe(0);

    const created = new Map(keys.map((key, index) => [key, `700${index}`]));
    const ids = connector.shiftIdsOf(planned, created);
    expect([...ids]).toEqual([...created]);
    const bound = connector.bindShifts(planned, ids);
    // Work days name the created shift; rest days stay "0".
    expect(bound.groupTemplate.punch_day_shift_ids).toEqual(['7000', '7000', '7000', '7000', '7000', '0', '0']);
    expect(bound.shifts).toBe(planned.shifts);
    expect(planned.groupTemplate.punch_day_shift_ids).not.toContain('7000');
    expect(() => connector.bindShifts(planned, new Map())).toThrow(/no Feishu shift id/);
  });

  it('shows a dry run its shift creates before the group save, and a deletion by group id', () => {
    const planned = plan(connector);
    const shifts = planned.shifts.flatMap((entry) => (entry.action === 'create' ? [entry.shift] : []));
    expect(connector.writeRequests(shifts, planned.groupTemplate)).toEqual([
      ...shifts.map((shift) => ({ api: 'create_shift', body: { shift } })),
      { api: 'save_group', body: { group: planned.groupTemplate } },
    ]);
    expect(connector.deleteRequest('6001')).toEqual({ api: 'delete_group', body: { group_id: '6001' } });
  });
});
