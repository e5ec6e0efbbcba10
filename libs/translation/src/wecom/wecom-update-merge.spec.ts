import { readFileSync } from 'node:fs';
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

// ---- the doc's own read (test/fixtures/vendor-examples, see its README) ------------------------------------

const DOC_READ = (
  JSON.parse(
    readFileSync(
      new URL(
        '../../../../test/fixtures/vendor-examples/wecom-getcorpcheckinoption-response-SKIT.FlurlHttpClient.Wechat.json',
        import.meta.url,
      ),
      'utf8',
    ),
  ) as { group: Record<string, unknown>[] }
).group[0]!;

describe('mergeWecomRuleUpdate: the getcorpcheckinoption doc example as what WeCom holds', () => {
  it('keeps what the source does not determine and nothing else, and tells HR what stays in WeCom', () => {
    const source = rule();
    const desired = desiredOf(source);
    const actual = wecomCheckinGroupReadSchema.parse(DOC_READ);
    const { group, losses } = mergeWecomRuleUpdate(desired, actual, source);

    expect(group).toStrictEqual({
      ...desired,
      // restDayPunch null: the doc's allow_checkin_offworkday true.
      allow_checkin_offworkday: true,
      range: { ...desired.range, tagid: [2] },
      white_users: ['canno'],
      // The doc's rule is on the legacy ot_info: working days allowed, non-working days by approval
      // (otapplyinfo.allow_ot_nonworkingday), so all three kinds stay on.
      ot_info_v2: {
        workdayconf: { allow_ot: true, type: 2 },
        restdayconf: { allow_ot: true, type: 2 },
        holidayconf: { allow_ot: true, type: 2 },
      },
      // WeCom's special days and places, which the source does not have: sent empty, to be cleared.
      spe_workdays: [],
      spe_offdays: [],
      loc_infos: [],
      // Not kept: offwork_interval_time (300, a free rule's setting, on this fixed rule), and the make-up
      // limits, which WeCom holds at their defaults (-1), so nothing is reset and nothing told.
    });
    expect(losses).toEqual([
      {
        field: 'group.range.tagid',
        severity: 'info',
        message:
          'The WeCom rule also applies to the people of tag 2; the source has no tags, so they were kept and those people keep this rule. Remove the tags from the rule in the WeCom admin if they should not.',
        sourceValue: [2],
      },
      {
        field: 'members.excludedUserIds',
        severity: 'dropped',
        message:
          "The WeCom rule exempts 1 person from punching (canno) whom the source does not exempt. WeCom gives the gateway no way to empty that list, so this person stays exempt: remove them from the rule's list of people who need not punch (白名单 / 无需打卡人员) in the WeCom admin.",
        sourceValue: ['canno'],
      },
    ]);
  });

  it('WeCom holding just what the gateway wrote: the update is the written group, nothing added or told', () => {
    for (const source of [
      rule(),
      rule({ restDayPunch: 'allowed', punchReminder: { beforeOnSec: 10 * M, afterOffSec: 30 * M } }),
      rule({ kind: 'free', shifts: [], week: {}, free: { workdays: [1, 2], requiredWorkSec: null, dayStartSec: 0 } }),
    ]) {
      const desired = desiredOf(source);
      const { group, losses } = mergeWecomRuleUpdate(desired, actualOf(desired), source);
      expect(group).toStrictEqual(desired);
      expect(losses).toEqual([]);
    }
  });
});

describe('mergeWecomRuleUpdate: a rule still on the legacy ot_info keeps what it allows for the kinds the source leaves open', () => {
  const legacy = DOC_READ.ot_info as Record<string, unknown>;
  it.each<[string, CanonicalRule['overtime'], Record<string, unknown>, [boolean, boolean, boolean]]>([
    [
      'working days allowed at the top only',
      { workday: null, restDay: null, holiday: null },
      { allow_ot_workingday: true },
      [true, false, false],
    ],
    [
      'working days allowed by approval only (otapplyinfo)',
      { workday: null, restDay: null, holiday: null },
      { allow_ot_workingday: false, otapplyinfo: { allow_ot_workingday: true } },
      [true, false, false],
    ],
    [
      'non-working days allowed at the top only: rest days and holidays',
      { workday: null, restDay: null, holiday: null },
      { allow_ot_nonworkingday: true },
      [false, true, true],
    ],
    [
      'non-working days allowed by approval only (the doc example: top false, otapplyinfo true)',
      { workday: null, restDay: null, holiday: null },
      { allow_ot_workingday: false, allow_ot_nonworkingday: false, otapplyinfo: legacy.otapplyinfo },
      [true, true, true],
    ],
    [
      'nothing allowed',
      { workday: null, restDay: null, holiday: null },
      { allow_ot_workingday: false, allow_ot_nonworkingday: false, otapplyinfo: { uptime: 1606275664 } },
      [false, false, false],
    ],
    [
      'the kinds the source decides are the source’s, the open ones the legacy block’s',
      { workday: false, restDay: null, holiday: true },
      { allow_ot_workingday: true, allow_ot_nonworkingday: true },
      [false, true, true],
    ],
  ])('%s', (_name, overtime, otInfo, [workday, restDay, holiday]) => {
    const { merged } = merge(rule({ overtime }), (group) => {
      delete group.ot_info_v2;
      group.ot_info = otInfo;
    });
    expect(merged.ot_info_v2).toEqual({
      workdayconf: { allow_ot: workday, type: 2 },
      restdayconf: { allow_ot: restDay, type: 2 },
      holidayconf: { allow_ot: holiday, type: 2 },
    });
  });

  it('a legacy block left beside ot_info_v2 is not read: a kind ot_info_v2 lacks gets the written default', () => {
    const { merged } = merge(rule(), (group) => {
      group.ot_info_v2 = { workdayconf: { allow_ot: true, type: 1 } };
      group.ot_info = { allow_ot_workingday: true, allow_ot_nonworkingday: true };
    });
    expect(merged.ot_info_v2).toEqual({
      workdayconf: { allow_ot: true, type: 1 },
      restdayconf: { allow_ot: false, type: 2 },
      holidayconf: { allow_ot: false, type: 2 },
    });
  });
});

describe('mergeWecomRuleUpdate: overtime settings that cannot be sent back, reported by kind of day and setting', () => {
  const OVERTIME_LOSS = (setting: string, days: string, key: string): string =>
    `WeCom's overtime setting "${setting}" for ${days} cannot be sent back: the gateway does not know it, or it is not a value WeCom accepts. WeCom replaces the overtime settings on every update, so its "${key}" settings will be reset; check the overtime rules for ${days} in the WeCom admin after the sync.`;

  it('names the setting, the kind of day and the value for each kind', () => {
    const { merged, losses } = merge(rule(), (group) => {
      group.ot_info_v2 = {
        workdayconf: { ...ADMIN_OVERTIME, x_future: 1 },
        restdayconf: {
          allow_ot: false,
          type: 2,
          apply: { restinfo: { type: 1, fix_time_rule_list: [{ fix_time_begin_sec: 43200 }] } },
        },
        // A setting WeCom may add inside a block the gateway knows: the whole block is left out.
        holidayconf: { allow_ot: false, type: 2, checkin: { ot_time_start: 1800, x_round: 5 } },
      };
    });
    expect(merged.ot_info_v2.holidayconf).toEqual({ allow_ot: false, type: 2 });
    expect(losses).toEqual([
      {
        field: 'group.ot_info_v2.workdayconf.x_future',
        severity: 'dropped',
        message: OVERTIME_LOSS('x_future', 'workdays', 'x_future'),
        sourceValue: 1,
      },
      {
        field: 'group.ot_info_v2.restdayconf.apply.restinfo.fix_time_rule_list[0]',
        severity: 'dropped',
        message: OVERTIME_LOSS('apply.restinfo.fix_time_rule_list[0]', 'rest days', 'apply'),
        sourceValue: { fix_time_begin_sec: 43200 },
      },
      {
        field: 'group.ot_info_v2.holidayconf.checkin.x_round',
        severity: 'dropped',
        message: OVERTIME_LOSS('checkin.x_round', 'holidays', 'checkin'),
        sourceValue: 5,
      },
    ]);
  });

  it('an unknown setting whose name reads like a path is reported without a value, not a crash', () => {
    const { losses } = merge(rule(), (group) => {
      group.ot_info_v2 = {
        workdayconf: { allow_ot: false, type: 2, 'x_note.lang': 'zh', x_rule: null, 'x_rule.v': 1 },
        restdayconf: { allow_ot: false, type: 2 },
        holidayconf: { allow_ot: false, type: 2 },
      };
    });
    expect(losses.map((loss) => [loss.field, loss.sourceValue])).toEqual([
      ['group.ot_info_v2.workdayconf.x_note.lang', undefined],
      ['group.ot_info_v2.workdayconf.x_rule', null],
      ['group.ot_info_v2.workdayconf.x_rule.v', undefined],
    ]);
  });

  it('a setting read as undefined is no setting, and an empty block is not sent back', () => {
    const desired = desiredOf(rule());
    const actual: WecomCheckinGroupRead = {
      ...actualOf(desired),
      ot_info_v2: {
        workdayconf: { allow_ot: true, type: undefined, checkin: { ot_time_start: 1800, ot_time_min: undefined } },
        restdayconf: { allow_ot: false, type: 1, apply: { restinfo: {} }, vacation: { trans_ratio: undefined } },
        holidayconf: { allow_ot: false, type: 2 },
      },
    };
    const { group, losses } = mergeWecomRuleUpdate(desired, actual, rule());
    expect(group.ot_info_v2).toStrictEqual({
      workdayconf: { allow_ot: true, type: 2, checkin: { ot_time_start: 1800 } },
      restdayconf: { allow_ot: false, type: 1 },
      holidayconf: { allow_ot: false, type: 2 },
    });
    expect(losses).toEqual([]);
  });
});

describe('mergeWecomRuleUpdate: which reminders WeCom holds are kept (only ones WeCom offers, the first for the same times)', () => {
  /** Sets the reminders of every section of `read` held for `times` [work_sec, off_work_sec]. */
  function remind(read: Record<string, unknown>, lead: number, lag: number): void {
    const sections = [
      ...((read.checkindate as { checkintime: Record<string, number>[] }[] | undefined) ?? []).flatMap(
        (entry) => entry.checkintime,
      ),
      ...((read.schedulelist as { time_section?: Record<string, number>[] }[] | undefined) ?? []).flatMap(
        (schedule) => schedule.time_section ?? [],
      ),
      ...((read.spe_workdays as { checkintime: Record<string, number>[] }[] | undefined) ?? []).flatMap(
        (day) => day.checkintime,
      ),
    ];
    for (const time of sections) {
      time.remind_work_sec = time.work_sec! - lead;
      time.remind_off_work_sec = time.off_work_sec! + lag;
    }
  }

  it.each<[string, TimeSection, number, number, [number, number]]>([
    ['10 minutes before, 30 after: kept', section(9 * H, 18 * H), 10 * M, 30 * M, [9 * H - 10 * M, 18 * H + 30 * M]],
    ['7 minutes before (not offered): the written default', section(9 * H, 18 * H), 7 * M, 30 * M, [9 * H, 18 * H]],
    ['25 minutes after (not offered): the written default', section(9 * H, 18 * H), 10 * M, 25 * M, [9 * H, 18 * H]],
    ['a reminder at midnight: kept', section(10 * M, 8 * H), 10 * M, 30 * M, [0, 8 * H + 30 * M]],
    [
      'a reminder before midnight (the day before): the written default',
      section(5 * M, 8 * H),
      10 * M,
      30 * M,
      [5 * M, 8 * H],
    ],
  ])('%s', (_name, held, lead, lag, expected) => {
    const source = rule({ shifts: [shift('day', [held])] });
    const { merged } = merge(source, (read) => remind(read, lead, lag));
    const time = merged.checkindate![0]!.checkintime[0]!;
    expect([time.remind_work_sec, time.remind_off_work_sec]).toEqual(expected);
  });

  it('the first section WeCom holds with the same times gives the reminder (weekly times before special days)', () => {
    const { merged } = merge(rule(), (read) => {
      remind(read, 10 * M, 30 * M);
      read.spe_workdays = [
        {
          timestamp: NOW + 86400 * 10,
          notes: 'x',
          checkintime: [
            { work_sec: 9 * H, off_work_sec: 18 * H, remind_work_sec: 9 * H - 5 * M, remind_off_work_sec: 18 * H },
          ],
        },
      ];
    });
    const time = merged.checkindate![0]!.checkintime[0]!;
    expect([time.remind_work_sec, time.remind_off_work_sec]).toEqual([9 * H - 10 * M, 18 * H + 30 * M]);
  });

  it('shift-based rules and special workdays keep them too', () => {
    const shiftBased = rule({
      kind: 'shift_based',
      week: {},
      shifts: [shift('early', [section(9 * H, 18 * H)], { name: 'Early' })],
    });
    const scheduled = merge(shiftBased, (read) => remind(read, 10 * M, 30 * M)).merged;
    // The rest schedule (schedule_id 0) has no sections.
    expect(
      scheduled.schedulelist!.map((schedule) =>
        schedule.time_section?.map((time) => [time.remind_work_sec, time.remind_off_work_sec]),
      ),
    ).toEqual([undefined, [[9 * H - 10 * M, 18 * H + 30 * M]]]);

    const withSpecialDay = rule({
      specialWorkdays: [{ date: '2025-06-28', shiftKey: null, sections: [section(10 * H, 16 * H)], note: 'x' }],
    });
    const special = merge(withSpecialDay, (read) => remind(read, 10 * M, 30 * M)).merged;
    expect(
      special.spe_workdays![0]!.checkintime.map((time) => [time.remind_work_sec, time.remind_off_work_sec]),
    ).toEqual([[10 * H - 10 * M, 16 * H + 30 * M]]);
  });
});

describe('mergeWecomRuleUpdate: settings WeCom keeps, and only where they belong', () => {
  const FREE = rule({
    kind: 'free',
    shifts: [],
    week: {},
    free: { workdays: [1, 2], requiredWorkSec: null, dayStartSec: 0 },
  });

  // doc offwork_interval_time: a multiple of 5 minutes, at most 1435 minutes (301093); the writer writes 0.
  it.each<[string, number | undefined, number]>([
    ['30 minutes: kept', 30 * M, 30 * M],
    ['the most WeCom accepts, 1435 minutes: kept', 1435 * M, 1435 * M],
    ['1440 minutes (more than WeCom accepts): the written 0', 1440 * M, 0],
    ['not a multiple of 5 minutes: the written 0', 1000, 0],
    ['negative: the written 0', -5 * M, 0],
    ['none held: the written 0', undefined, 0],
  ])('a free rule’s offwork_interval_time, %s', (_name, held, expected) => {
    const desired = desiredOf(FREE);
    const actual: WecomCheckinGroupRead = { ...actualOf(desired), offwork_interval_time: held };
    expect(mergeWecomRuleUpdate(desired, actual, FREE).group.offwork_interval_time).toBe(expected);
  });

  it('keeps rest-day punching for fixed rules only, and the clock-out interval for free rules only', () => {
    const shiftBased = rule({
      kind: 'shift_based',
      week: {},
      shifts: [shift('early', [section(9 * H, 18 * H)], { name: 'Early' })],
    });
    for (const source of [FREE, shiftBased]) {
      const { merged } = merge(source, (read) => {
        read.allow_checkin_offworkday = true;
      });
      expect(merged.allow_checkin_offworkday).toBeUndefined();
    }
    const { merged: fixed } = merge(rule(), (read) => {
      read.offwork_interval_time = 30 * M;
    });
    expect(fixed.offwork_interval_time).toBeUndefined();
  });

  it('tags the written range names already are the source’s: WeCom’s are not added, nothing told', () => {
    const source = rule();
    const desired = desiredOf(source);
    const written = { ...desired, range: { ...desired.range, tagid: [5] } };
    const actual = actualOf(desired, (read) => {
      read.range = { userid: ['alice'], party_id: [], tagid: [3] };
    });
    const { group, losses } = mergeWecomRuleUpdate(written, actual, source);
    expect(group.range.tagid).toEqual([5]);
    expect(losses).toEqual([]);
  });

  it('tells HR which tags and people stay in WeCom, by name, in the plural', () => {
    const { losses } = merge(rule(), (read) => {
      read.range = { userid: ['alice'], party_id: [], tagid: [3, 4] };
      read.white_users = ['carol', 'dave'];
    });
    expect(losses).toEqual([
      {
        field: 'group.range.tagid',
        severity: 'info',
        message:
          'The WeCom rule also applies to the people of tags 3, 4; the source has no tags, so they were kept and those people keep this rule. Remove the tags from the rule in the WeCom admin if they should not.',
        sourceValue: [3, 4],
      },
      {
        field: 'members.excludedUserIds',
        severity: 'dropped',
        message:
          "The WeCom rule exempts 2 people from punching (carol, dave) whom the source does not exempt. WeCom gives the gateway no way to empty that list, so they stay exempt: remove them from the rule's list of people who need not punch (白名单 / 无需打卡人员) in the WeCom admin.",
        sourceValue: ['carol', 'dave'],
      },
    ]);
  });
});

describe('mergeWecomRuleUpdate: make-up settings WeCom holds with make-up punches off are reset, and only those', () => {
  const OFF = rule();
  const ON = rule({ remedy: { ...rule().remedy, allowed: true, monthlyLimit: 3, daysLimit: 7 } });
  const told = (reset: string, verb: string): string =>
    `Make-up punches are turned off, and WeCom does not keep make-up settings without them, so ${reset} of WeCom's make-up punches ${verb} switched off too.`;

  it.each<[string, CanonicalRule, Record<string, unknown>, Partial<WecomCheckinGroupCreate>, string | null]>([
    [
      'WeCom holds the defaults (no limit, no restriction, no deadline, reminder off): nothing to reset',
      OFF,
      {
        allow_apply_bk_cnt: -1,
        allow_apply_bk_day_limit: -1,
        buka_restriction: 0,
        buka_limit_next_month: -1,
        buka_remind: { open_remind: false },
      },
      {},
      null,
    ],
    [
      'limits of 1: reset to none',
      OFF,
      { allow_apply_bk_cnt: 1, allow_apply_bk_day_limit: 1, buka_restriction: 1 },
      { allow_apply_bk_cnt: -1, allow_apply_bk_day_limit: -1, buka_restriction: 0 },
      null,
    ],
    [
      'a deadline of day 1: reset, and told',
      OFF,
      { buka_limit_next_month: 1 },
      { buka_limit_next_month: -1 },
      told('the deadline (day 1 of the next month)', 'was'),
    ],
    [
      'the monthly reminder switched on: emptied, and told',
      OFF,
      { buka_remind: { open_remind: true } },
      { buka_remind: {} },
      told('the monthly reminder', 'was'),
    ],
    [
      'a reminder day set with the reminder off: emptied, and told',
      OFF,
      { buka_remind: { open_remind: false, buka_remind_day: 28 } },
      { buka_remind: {} },
      told('the monthly reminder', 'was'),
    ],
    [
      'a reminder month set with the reminder off: emptied, and told',
      OFF,
      { buka_remind: { open_remind: false, buka_remind_month: 1 } },
      { buka_remind: {} },
      told('the monthly reminder', 'was'),
    ],
    [
      'both the deadline and the reminder: told together',
      OFF,
      { buka_limit_next_month: 5, buka_remind: { open_remind: true, buka_remind_day: 28 } },
      { buka_limit_next_month: -1, buka_remind: {} },
      told('the deadline (day 5 of the next month) and the monthly reminder', 'were'),
    ],
    [
      'make-up punches on: the source’s limits, and WeCom’s deadline and reminder stay',
      ON,
      {
        allow_apply_bk_cnt: 1,
        allow_apply_bk_day_limit: 1,
        buka_restriction: 1,
        buka_limit_next_month: 5,
        buka_remind: { open_remind: true, buka_remind_day: 28 },
      },
      {},
      null,
    ],
  ])('%s', (_name, source, held, reset, message) => {
    const desired = desiredOf(source);
    const actual = actualOf(desired, (read) => Object.assign(read, held));
    const { group, losses } = mergeWecomRuleUpdate(desired, actual, source);
    expect(group).toStrictEqual({ ...desired, ...reset });
    expect(losses).toEqual(message === null ? [] : [{ field: 'remedy', severity: 'info', message }]);
  });
});
