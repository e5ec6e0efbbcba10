import type { WecomCheckinGroupCreate, WecomCheckinGroupRead } from '@app/wecom';
import { updateRequests } from './wecom-rules.connector.js';

const GROUP_ID = 7;

const noOvertime = { allow_ot: false };
const checkinTime = {
  time_id: 1,
  work_sec: 9 * 3600,
  off_work_sec: 18 * 3600,
  remind_work_sec: 9 * 3600 - 600,
  remind_off_work_sec: 18 * 3600,
  earliest_work_sec: 6 * 3600,
  latest_work_sec: 12 * 3600,
  earliest_off_work_sec: 12 * 3600,
  latest_off_work_sec: 23 * 3600,
};
const speWorkday = {
  timestamp: 1_767_225_600,
  notes: 'make-up day',
  checkintime: [{ work_sec: 9 * 3600, off_work_sec: 18 * 3600, remind_work_sec: 0, remind_off_work_sec: 0 }],
};
const speOffday = { timestamp: 1_767_312_000, notes: 'holiday' };
const wifi = { wifiname: 'office', wifimac: '00:11:22:33:44:55' };
const location = { lat: 30_000_000, lng: 120_000_000, loc_title: 'HQ', loc_detail: 'Main street 1', distance: 300 };

/** What the Feishu group translates to; `overrides` replace or add fields (key order is kept). */
function desired(overrides: Partial<WecomCheckinGroupCreate> = {}): WecomCheckinGroupCreate {
  return {
    grouptype: 1,
    groupname: 'Office',
    checkindate: [{ workdays: [1, 2, 3, 4, 5], checkintime: [checkinTime] }],
    range: { party_id: ['10'], userid: ['u1', 'u2'] },
    ot_info_v2: { workdayconf: noOvertime, restdayconf: noOvertime, holidayconf: noOvertime },
    ...overrides,
  };
}

/** The WeCom rule as read now. */
function actual(overrides: Partial<WecomCheckinGroupRead> = {}): WecomCheckinGroupRead {
  return {
    groupid: GROUP_ID,
    grouptype: 1,
    groupname: 'Office',
    checkindate: [{ workdays: [1, 2, 3], checkintime: [checkinTime] }],
    range: { party_id: ['10'], userid: ['u1'], tagid: [] },
    ...overrides,
  };
}

const allFourFilled: Partial<WecomCheckinGroupRead> = {
  spe_workdays: [speWorkday],
  spe_offdays: [speOffday],
  wifimac_infos: [wifi],
  loc_infos: [location],
};

describe('updateRequests', () => {
  it('sends one update_checkin_option with the groupid and every non-empty array in full', () => {
    const group = desired({
      spe_workdays: [speWorkday],
      spe_offdays: [speOffday],
      wifimac_infos: [wifi, { wifiname: 'lab', wifimac: '66:77:88:99:aa:bb' }],
      loc_infos: [location],
      white_users: ['boss'],
    });
    const requests = updateRequests(GROUP_ID, group, actual({ wifimac_infos: [wifi] }));
    expect(requests).toEqual([{ api: 'update_checkin_option', body: { group: { groupid: GROUP_ID, ...group } } }]);
  });

  it('omits an empty desired array from the update (WeCom reads an empty array as "unchanged")', () => {
    const requests = updateRequests(
      GROUP_ID,
      desired({ white_users: [], schedulelist: [], spe_offdays: [], loc_infos: [location] }),
      actual(),
    );
    expect(requests).toHaveLength(1);
    const update = requests[0]!;
    expect(update.api).toBe('update_checkin_option');
    const sent = (update.body as { group: Record<string, unknown> }).group;
    expect(sent).not.toHaveProperty('white_users');
    expect(sent).not.toHaveProperty('schedulelist');
    expect(sent).not.toHaveProperty('spe_offdays');
    expect(sent).toHaveProperty('loc_infos', [location]);
    expect(sent).toHaveProperty('checkindate');
  });

  it('clears all four clearable arrays with one request, codes sorted 1..4', () => {
    // Key order deliberately the reverse of the codes, so an unsorted list would read [4, 3, 2, 1].
    const group = desired({ loc_infos: [], wifimac_infos: [], spe_offdays: [], spe_workdays: [] });
    const requests = updateRequests(GROUP_ID, group, actual(allFourFilled));
    expect(requests).toHaveLength(2);
    expect(requests[0]!.api).toBe('update_checkin_option');
    for (const key of ['loc_infos', 'wifimac_infos', 'spe_offdays', 'spe_workdays']) {
      expect((requests[0]!.body as { group: Record<string, unknown> }).group).not.toHaveProperty(key);
    }
    expect(requests[1]).toEqual({
      api: 'clear_checkin_option_array_field',
      body: { groupid: GROUP_ID, clear_field: [1, 2, 3, 4] },
    });
  });

  it('clears only the arrays that are empty in the desired rule and not yet empty in WeCom', () => {
    const group = desired({ loc_infos: [], spe_offdays: [], wifimac_infos: [], spe_workdays: [speWorkday] });
    const requests = updateRequests(
      GROUP_ID,
      group,
      actual({ spe_workdays: [speWorkday], spe_offdays: [speOffday], wifimac_infos: [], loc_infos: [location] }),
    );
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual({
      api: 'clear_checkin_option_array_field',
      body: { groupid: GROUP_ID, clear_field: [2, 4] },
    });
  });

  it('sends no clear when the arrays are already empty or absent in WeCom', () => {
    const group = desired({ spe_workdays: [], spe_offdays: [], wifimac_infos: [], loc_infos: [] });
    expect(updateRequests(GROUP_ID, group, actual({ spe_workdays: [], wifimac_infos: [] }))).toEqual([
      { api: 'update_checkin_option', body: { group: { groupid: GROUP_ID, ...desired() } } },
    ]);
  });

  it('never clears an array WeCom cannot clear, even if it is non-empty there', () => {
    const requests = updateRequests(GROUP_ID, desired({ white_users: [] }), actual({ white_users: ['boss'] }));
    expect(requests.map((request) => request.api)).toEqual(['update_checkin_option']);
  });
});
