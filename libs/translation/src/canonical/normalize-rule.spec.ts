import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';
import { normalizeFreshRule, normalizeRule } from './normalize-rule.js';

const H = 3600;

describe('normalizeRule', () => {
  it('sorts a shift’s sections by start', () => {
    const morning = section(9 * H, 12 * H);
    const afternoon = section(13 * H, 18 * H);
    const rule = normalizeRule(officeRule({ shifts: [shift('day', [afternoon, morning])] }));
    expect(rule.shifts[0]?.sections).toEqual([morning, afternoon]);
  });

  it('sorts sections by start even when a later field of one is NaN', () => {
    // A NaN (a time a mapper failed to parse) makes the order check give up and sort; the start still decides.
    const broken = section(13 * H, Number.NaN);
    const morning = section(9 * H, 12 * H);
    const rule = normalizeRule(officeRule({ shifts: [shift('day', [broken, morning])] }));
    expect(rule.shifts[0]?.sections).toEqual([morning, broken]);
  });

  it('sorts a special workday with no shift key before one of the same date with a key', () => {
    const withKey = { date: '2026-10-10', shiftKey: 'A', sections: [], note: '' };
    const withoutKey = { date: '2026-10-10', shiftKey: null, sections: [], note: '' };
    const rule = normalizeRule(officeRule({ specialWorkdays: [withKey, withoutKey] }));
    expect(rule.specialWorkdays).toEqual([withoutKey, withKey]);
  });

  it('writes a BSSID that is no MAC trimmed, in lower case and with colons for dashes', () => {
    const rule = normalizeRule(officeRule({ wifiLocations: [{ ssid: 'Office', bssid: ' Office-Router ' }] }));
    expect(rule.wifiLocations).toEqual([{ ssid: 'Office', bssid: 'office:router' }]);
  });
});

describe('normalizeFreshRule', () => {
  it('keeps member lists and shifts that are already canonical instead of copying them', () => {
    const members = { userIds: ['alice', 'bob'], departmentIds: [], excludedUserIds: ['carol'] };
    const day = shift('day', [section(9 * H, 12 * H), section(13 * H, 18 * H)], {
      lateOffLateOn: [
        { offLateSec: H, onLateSec: H / 2 },
        { offLateSec: 2 * H, onLateSec: H },
      ],
    });
    // Steps that repeat are still in order: sortBy keeps ties, only sets lose their repeats.
    const repeated = shift('repeated', [section(9 * H, 18 * H)], {
      lateOffLateOn: [
        { offLateSec: H, onLateSec: H / 2 },
        { offLateSec: H, onLateSec: H / 2 },
      ],
    });
    // No steps at all is in order too.
    const night = shift('night', [section(21 * H, 23 * H)]);
    const rule = normalizeFreshRule(officeRule({ members, shifts: [day, night, repeated] }));
    expect(rule.members.userIds).toBe(members.userIds);
    expect(rule.members.departmentIds).toBe(members.departmentIds);
    expect(rule.members.excludedUserIds).toBe(members.excludedUserIds);
    expect(rule.shifts[0]).toBe(day);
    expect(rule.shifts[1]).toBe(night);
    expect(rule.shifts[2]).toBe(repeated);
  });

  it('sorts and de-duplicates member lists and sorts sections that are not canonical yet', () => {
    const morning = section(9 * H, 12 * H);
    const afternoon = section(13 * H, 18 * H);
    const day = shift('day', [afternoon, morning]);
    const rule = normalizeFreshRule(
      officeRule({
        members: { userIds: ['bob', 'alice', 'bob'], departmentIds: ['2', '1'], excludedUserIds: [] },
        shifts: [day],
      }),
    );
    expect(rule.members).toEqual({ userIds: ['alice', 'bob'], departmentIds: ['1', '2'], excludedUserIds: [] });
    expect(rule.shifts).toEqual([shift('day', [morning, afternoon])]);
    expect(day.sections).toEqual([afternoon, morning]);
  });
});
