import type { FeishuUserDailyShift } from '@app/feishu';
import type { WecomUserSchedule } from '@app/wecom';
import type { RosterWrite } from './attendance-connector.js';
import { feishuDailyShiftBatches, feishuRosterDays } from './feishu/feishu-rosters.connector.js';
import { wecomRosterDays, wecomScheduleRequests } from './wecom/wecom-rosters.connector.js';

const WINDOW = { from: '2026-03-30', to: '2026-04-02' };
const w = (user: string, day: string, shift: string): RosterWrite => ({ sourceUser: `s-${user}`, user, day, shift });

describe('vendor rosters → roster days', () => {
  it('Feishu: only this group, only the window, cleared days hold nothing; "0" stays a rest day', () => {
    const rows: FeishuUserDailyShift[] = [
      { group_id: 'g1', shift_id: '11', month: 202603, user_id: 'e1', day_no: 30 },
      { group_id: 'g1', shift_id: '0', month: 202604, user_id: 'e1', day_no: 1 },
      { group_id: 'g2', shift_id: '11', month: 202604, user_id: 'e1', day_no: 2 },
      { group_id: 'g1', shift_id: '11', month: 202604, user_id: 'e2', day_no: 2, is_clear_schedule: true },
      { group_id: 'g1', shift_id: '11', month: 202603, user_id: 'e2', day_no: 29 },
    ];
    expect(feishuRosterDays(rows, 'g1', WINDOW)).toEqual([
      { user: 'e1', day: '2026-03-30', shift: '11' },
      { user: 'e1', day: '2026-04-01', shift: '0' },
    ]);
  });

  it('WeCom: only this rule, only the window; schedule_id 0 is a rest day', () => {
    const schedule = (userid: string, groupid: number, yearmonth: number, days: [number, number][]) =>
      ({
        userid,
        yearmonth,
        groupid,
        groupname: 'r',
        schedule: {
          scheduleList: days.map(([day, id]) => ({
            day,
            schedule_info: { schedule_id: id, schedule_name: id === 0 ? '休息' : 'x', time_section: [] },
          })),
        },
      }) satisfies WecomUserSchedule;
    const days = wecomRosterDays(
      [
        schedule('w1', 7, 202603, [
          [29, 11],
          [31, 0],
        ]),
        schedule('w1', 7, 202604, [[2, 12]]),
        schedule('w2', 8, 202604, [[1, 12]]),
      ],
      7,
      WINDOW,
    );
    expect(days).toEqual([
      { user: 'w1', day: '2026-03-31', shift: '0' },
      { user: 'w1', day: '2026-04-02', shift: '12' },
    ]);
  });
});

describe('writes → vendor payloads', () => {
  it('WeCom: one setcheckinschedulist per yearmonth, items by user then day, split at the item limit', () => {
    const writes = [
      w('w2', '2026-03-31', '11'),
      w('w1', '2026-04-01', '0'),
      w('w1', '2026-03-30', '12'),
      w('w3', '2026-03-30', '0'),
    ];
    expect(wecomScheduleRequests(7, writes, 2)).toEqual([
      {
        groupid: 7,
        items: [
          { userid: 'w1', day: 30, schedule_id: 12 },
          { userid: 'w2', day: 31, schedule_id: 11 },
        ],
        yearmonth: 202603,
      },
      { groupid: 7, items: [{ userid: 'w3', day: 30, schedule_id: 0 }], yearmonth: 202603 },
      { groupid: 7, items: [{ userid: 'w1', day: 1, schedule_id: 0 }], yearmonth: 202604 },
    ]);
    expect(wecomScheduleRequests(7, [])).toEqual([]);
  });

  it('Feishu: user_daily_shifts entries with month yyyyMM and day_no, 50 per batch', () => {
    const writes = Array.from({ length: 51 }, (_, index) =>
      w(`e${String(index).padStart(2, '0')}`, '2026-04-02', index % 2 ? '0' : '11'),
    );
    const batches = feishuDailyShiftBatches('g1', writes);
    expect(batches.map((batch) => batch.length)).toEqual([50, 1]);
    expect(batches[0]![0]).toEqual({ group_id: 'g1', shift_id: '11', month: 202604, user_id: 'e00', day_no: 2 });
    expect(batches[1]![0]).toEqual({ group_id: 'g1', shift_id: '11', month: 202604, user_id: 'e50', day_no: 2 });
  });
});
