import {
  wecomCheckinGroupCreateSchema,
  wecomCheckinGroupReadSchema,
  type WecomCheckinGroupCreate,
  type WecomCheckinGroupRead,
} from '@app/wecom/model';
import { validateCheckinOption } from '../../../../apps/emulators/src/wecom/checkin-option-rules.js';
import type { CanonicalRule, TimeSection } from '../canonical/canonical-rule.js';
import { sameIdResolver } from '../canonical/id-resolver.js';
import type { Loss } from '../canonical/loss.js';
import { ruleContentHash } from '../canonical/rule-hash.js';
import { canonicalToWecom } from './canonical-to-wecom.mapper.js';
import { wecomToCanonical } from './wecom-to-canonical.mapper.js';
import { mergeWecomRuleUpdate } from './wecom-update-merge.js';
import { officeRule, section, shift } from '../../test/canonical-rule.fixtures.js';

// update_checkin_option keeps the top-level fields it is not sent but REPLACES every object or array it is sent
// (wecom-checkin-option-rules.md, 修改打卡规则 note 3). mergeWecomRuleUpdate makes the payload the gateway sends
// (and compares) carry what WeCom holds and the source does not determine.

const NOW = 1_749_913_600; // 2025-06-14, China
const H = 3600;
const M = 60;

/** A rule as a Feishu source gives it: what Feishu does not hold is null. */
function rule(extra: Partial<CanonicalRule> = {}): CanonicalRule {
  return officeRule({ overtime: { workday: null, restDay: null, holiday: null }, ...extra });
}

function desiredOf(canonical: CanonicalRule): WecomCheckinGroupCreate {
  const result = canonicalToWecom(canonical, {
    resolver: sameIdResolver((id) => id),
    ruleName: 'Office',
    nowUnixSeconds: NOW,
  });
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.losses)}`);
  return result.value;
}

/** What getcorpcheckinoption answers for `group` with `edit` applied (WeCom holds more than the gateway wrote). */
function actualOf(group: WecomCheckinGroupCreate, edit: (read: Record<string, unknown>) => void = () => {}) {
  const read = { ...(JSON.parse(JSON.stringify(group)) as Record<string, unknown>), groupid: 7 };
  edit(read);
  return wecomCheckinGroupReadSchema.parse(read);
}

function merge(canonical: CanonicalRule, edit: (read: Record<string, unknown>) => void) {
  const desired = desiredOf(canonical);
  const actual = actualOf(desired, edit);
  const merged = mergeWecomRuleUpdate(desired, actual, canonical);
  // Strict writer: whatever the merge keeps from the read must be a valid write payload.
  expect(wecomCheckinGroupCreateSchema.safeParse(merged.group).success).toBe(true);
  return { desired, actual, merged: merged.group, losses: merged.losses };
}

function hashOf(group: unknown): string {
  const read = wecomToCanonical({ ...(group as object), groupid: 7 });
  if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.losses)}`);
  return ruleContentHash(read.value);
}

const keys = (losses: readonly Loss[]) => losses.map((loss) => `${loss.severity} ${loss.field}`);

const ADMIN_OVERTIME = {
  allow_ot: false,
  type: 1,
  checkin: { ot_time_start: 1800, ot_time_min: 3600, ot_time_max: 14400 },
  apply: { restinfo: { type: 1, fix_time_rule_list: [{ fix_time_begin_sec: 43200, fix_time_end_sec: 46800 }] } },
  ot_trans_enable: true,
  ot_trans_type: 2,
  vacation: { trans_ratio: 150, sync_vacation: false },
};

describe('mergeWecomRuleUpdate: ot_info_v2 is what WeCom holds, with only the overtime switches the rule decides', () => {
  it.each<[string, CanonicalRule['overtime'], Record<string, unknown>, Record<string, unknown>]>([
    [
      'the source decides no kind of day: everything WeCom holds is sent back',
      { workday: null, restDay: null, holiday: null },
      {
        workdayconf: ADMIN_OVERTIME,
        restdayconf: { allow_ot: true, type: 0 },
        holidayconf: { allow_ot: false, type: 2 },
      },
      {
        workdayconf: ADMIN_OVERTIME,
        restdayconf: { allow_ot: true, type: 0 },
        holidayconf: { allow_ot: false, type: 2 },
      },
    ],
    [
      'the source turns workday overtime on: only allow_ot changes',
      { workday: true, restDay: null, holiday: false },
      {
        workdayconf: ADMIN_OVERTIME,
        restdayconf: { allow_ot: true, type: 0 },
        holidayconf: { allow_ot: true, type: 1 },
      },
      {
        workdayconf: { ...ADMIN_OVERTIME, allow_ot: true },
        restdayconf: { allow_ot: true, type: 0 },
        holidayconf: { allow_ot: false, type: 1 },
      },
    ],
    [
      'a kind read without type that turns on gets type 2 (approval, the doc default)',
      { workday: true, restDay: true, holiday: true },
      { workdayconf: { allow_ot: false }, restdayconf: { allow_ot: false }, holidayconf: { allow_ot: true, type: 0 } },
      {
        workdayconf: { allow_ot: true, type: 2 },
        restdayconf: { allow_ot: true, type: 2 },
        holidayconf: { allow_ot: true, type: 0 },
      },
    ],
    [
      'a kind WeCom does not hold: the written default',
      { workday: null, restDay: null, holiday: null },
      { workdayconf: { allow_ot: true, type: 1 } },
      {
        workdayconf: { allow_ot: true, type: 1 },
        restdayconf: { allow_ot: false, type: 2 },
        holidayconf: { allow_ot: false, type: 2 },
      },
    ],
  ])('%s', (_name, overtime, read, expected) => {
    const { merged, actual, losses } = merge(rule({ overtime }), (group) => {
      group.ot_info_v2 = read;
    });
    expect(merged.ot_info_v2).toEqual(expected);
    expect(keys(losses)).toEqual([]);
    if (Object.values(overtime).every((kind) => kind === null)) expect(hashOf(merged)).toBe(hashOf(actual));
  });

  it('cannot send back overtime settings it does not know (the writer is strict): reported by name', () => {
    const { merged, losses } = merge(rule(), (group) => {
      group.ot_info_v2 = {
        workdayconf: { ...ADMIN_OVERTIME, x_future: 1 },
        // A rest period read without its end: the write schema requires both.
        restdayconf: {
          allow_ot: false,
          type: 2,
          apply: { restinfo: { type: 1, fix_time_rule_list: [{ fix_time_begin_sec: 43200 }] } },
        },
        holidayconf: { allow_ot: false, type: 2 },
      };
    });
    expect(merged.ot_info_v2.workdayconf).toEqual(ADMIN_OVERTIME);
    expect(merged.ot_info_v2.restdayconf).toEqual({ allow_ot: false, type: 2 });
    expect(keys(losses)).toEqual([
      'dropped group.ot_info_v2.workdayconf.x_future',
      'dropped group.ot_info_v2.restdayconf.apply.restinfo.fix_time_rule_list[0]',
    ]);
  });

  it('sends the written ot_info_v2 when WeCom holds none (legacy ot_info only)', () => {
    const { merged, desired } = merge(
      rule({ overtime: { workday: true, restDay: false, holiday: false } }),
      (group) => {
        delete group.ot_info_v2;
        group.ot_info = { allow_ot_workingday: true };
      },
    );
    expect(merged.ot_info_v2).toEqual(desired.ot_info_v2);
  });
});

describe('mergeWecomRuleUpdate: punch reminders', () => {
  it.each<[string, CanonicalRule['punchReminder'], readonly TimeSection[], [number, number][]]>([
    [
      'no reminder in the source: each section keeps the reminder WeCom holds for the same times',
      null,
      [section(9 * H, 12 * H), section(13 * H, 18 * H)],
      [
        [9 * H - 10 * M, 12 * H + 30 * M],
        [13 * H - 10 * M, 13 * H + 5 * H + 30 * M],
      ],
    ],
    [
      'no reminder in the source, a section WeCom does not hold: the written default',
      null,
      [section(9 * H, 12 * H), section(14 * H, 18 * H)],
      [
        [9 * H - 10 * M, 12 * H + 30 * M],
        [14 * H, 18 * H],
      ],
    ],
    [
      'the source’s own reminder wins',
      { beforeOnSec: 5 * M, afterOffSec: 0 },
      [section(9 * H, 12 * H), section(13 * H, 18 * H)],
      [
        [9 * H - 5 * M, 12 * H],
        [13 * H - 5 * M, 18 * H],
      ],
    ],
  ])('%s', (_name, punchReminder, sections, expected) => {
    const stored = desiredOf(rule({ shifts: [shift('day', [section(9 * H, 12 * H), section(13 * H, 18 * H)])] }));
    const desired = desiredOf(rule({ punchReminder, shifts: [shift('day', sections)] }));
    const actual = actualOf(stored, (group) => {
      for (const time of (group.checkindate as { checkintime: Record<string, number>[] }[])[0]!.checkintime) {
        time.remind_work_sec = time.work_sec! - 10 * M;
        time.remind_off_work_sec = time.off_work_sec! + 30 * M;
      }
    });
    const merged = mergeWecomRuleUpdate(desired, actual, rule({ punchReminder, shifts: [shift('day', sections)] }));
    expect(
      merged.group.checkindate![0]!.checkintime.map((time) => [time.remind_work_sec, time.remind_off_work_sec]),
    ).toEqual(expected);
    expect(validateCheckinOption(merged.group, { mode: 'add', nowUnixSeconds: NOW })).toBeNull();
  });
});

describe('mergeWecomRuleUpdate: arrays WeCom replaces, and white_users, which it cannot empty', () => {
  it.each<[string, string[], string[] | undefined, string[] | undefined, string[]]>([
    [
      'the source exempts nobody, WeCom exempts 2: kept, and HR is told to remove them in WeCom',
      [],
      ['carol', 'dave'],
      ['carol', 'dave'],
      ['dropped members.excludedUserIds'],
    ],
    ['the source exempts people: sent in full (it replaces)', ['alice'], ['carol'], ['alice'], []],
    ['nobody exempt on either side', [], undefined, undefined, []],
  ])('white_users: %s', (_name, excluded, held, expected, losses) => {
    const {
      merged,
      actual,
      losses: reported,
    } = merge(
      rule({ members: { userIds: ['alice', 'bob'], departmentIds: [], excludedUserIds: excluded } }),
      (group) => {
        if (held === undefined) delete group.white_users;
        else group.white_users = held;
      },
    );
    expect(merged.white_users).toEqual(expected);
    expect(keys(reported)).toEqual(losses);
    if (losses.length > 0) {
      expect(reported[0]!.message).toContain('2 people');
      expect(reported[0]!.message).toContain('WeCom admin');
      // Converges: the next run reads what it would send and writes nothing.
      expect(hashOf(merged)).toBe(hashOf(actual));
    }
  });

  it('empties the special days and places the source no longer has, so the caller clears them', () => {
    const { merged } = merge(rule(), (group) => {
      group.spe_offdays = [{ type: 0, timestamp: NOW + 86400 * 10, notes: 'x' }];
      group.loc_infos = [{ lat: 39908823, lng: 116397470, loc_title: 'T', loc_detail: 'D', distance: 500 }];
    });
    expect(merged.spe_offdays).toEqual([]);
    expect(merged.loc_infos).toEqual([]);
    expect(merged.spe_workdays).toBeUndefined(); // WeCom holds none: nothing to clear
  });
});

describe('mergeWecomRuleUpdate: top-level settings the source does not determine', () => {
  it.each<
    [
      string,
      Partial<CanonicalRule>,
      (group: Record<string, unknown>) => void,
      Partial<WecomCheckinGroupCreate>,
      string[],
    ]
  >([
    [
      'rest-day punching the source does not say: WeCom’s own',
      { restDayPunch: null },
      (group) => {
        group.allow_checkin_offworkday = true;
      },
      { allow_checkin_offworkday: true },
      [],
    ],
    [
      'rest-day punching the source says: the source’s',
      { restDayPunch: 'forbidden' },
      (group) => {
        group.allow_checkin_offworkday = true;
      },
      { allow_checkin_offworkday: false },
      [],
    ],
    [
      'tags in the range: kept (the source has no tags), and told',
      {},
      (group) => {
        group.range = { userid: ['alice'], party_id: [], tagid: [3] };
      },
      { range: { userid: ['alice'], party_id: [], tagid: [3] } },
      ['info group.range.tagid'],
    ],
    [
      'make-up punches turned off: WeCom’s make-up limits are reset with them (it refuses them without)',
      { remedy: { ...rule().remedy, allowed: false } },
      (group) => {
        Object.assign(group, {
          allow_apply_offworkday: true,
          allow_apply_bk_cnt: 3,
          allow_apply_bk_day_limit: 7,
          buka_restriction: 2,
          buka_limit_next_month: 5,
          buka_remind: { open_remind: true, buka_remind_day: 28, buka_remind_month: 0 },
        });
      },
      {
        allow_apply_offworkday: false,
        allow_apply_bk_cnt: -1,
        allow_apply_bk_day_limit: -1,
        buka_restriction: 0,
        buka_limit_next_month: -1,
        buka_remind: {},
      },
      ['info remedy'],
    ],
  ])('%s', (_name, extra, edit, expected, losses) => {
    const { merged, losses: reported } = merge(rule(extra), edit);
    expect(merged).toMatchObject(expected);
    expect(keys(reported)).toEqual(losses);
  });

  it('keeps a free rule’s minimum clock-in → clock-out interval, which the source does not have', () => {
    const free = rule({
      kind: 'free',
      shifts: [],
      week: {},
      free: { workdays: [1, 2], requiredWorkSec: null, dayStartSec: 0 },
    });
    const { merged, actual } = merge(free, (group) => {
      group.offwork_interval_time = 1800;
    });
    expect(merged.offwork_interval_time).toBe(1800);
    expect(hashOf(merged)).toBe(hashOf(actual));
  });
});

describe('mergeWecomRuleUpdate: an unchanged source writes nothing', () => {
  it('compares equal with what WeCom holds when the source says nothing new (Feishu-like nulls)', () => {
    const held = desiredOf(
      rule({
        overtime: { workday: true, restDay: false, holiday: true },
        punchReminder: { beforeOnSec: 10 * M, afterOffSec: 30 * M },
        restDayPunch: 'allowed',
      }),
    );
    const actual: WecomCheckinGroupRead = actualOf(held, (group) => {
      group.white_users = ['carol'];
    });
    const source = rule(); // nulls where Feishu has nothing to say
    const desired = desiredOf(source);
    expect(hashOf(desired)).not.toBe(hashOf(actual));
    const merged = mergeWecomRuleUpdate(desired, actual, source);
    expect(hashOf(merged.group)).toBe(hashOf(actual));
  });
});
