import { MATCH_REASON_CODES, matchReasonText, type MatchReason, type MatchReasonCode } from './identity-vocabulary.js';

// Every reason code read out in English: the `reason` text API users get, the same words the matcher always wrote.

const CASES: Record<MatchReasonCode, [MatchReason['params'], 'user' | 'department', string]> = {
  same_value: [{ basis: 'mobile' }, 'user', 'same mobile number'],
  rejected: [{}, 'user', 'rejected'],
  shared_by_feishu: [{ count: 2, basis: 'email' }, 'user', '2 Feishu people share this email'],
  shared_by_wecom: [
    { count: 3, basis: 'name_path', manualHolders: [{ wecomId: '7', feishuId: 'od-1' }] },
    'department',
    '3 WeCom departments share this path of names from the root; WeCom 7 is mapped by hand to Feishu od-1',
  ],
  claimed_by_many: [{ wecomId: 'zhangwei', count: 2 }, 'user', 'WeCom zhangwei is found by 2 Feishu people'],
  held_by_manual: [
    { basis: 'email', wecomId: 'w1', feishuId: 'f1' },
    'user',
    'the WeCom person with the same email (w1) is mapped by hand to Feishu f1',
  ],
  held_by_match: [
    { basis: 'employee_no', wecomId: 'w1', feishuId: 'f1' },
    'user',
    'the WeCom person with the same employee number (w1) is already matched to Feishu f1',
  ],
  no_attributes: [{ attributes: ['email', 'mobile'] }, 'user', 'has no email, mobile number to match by'],
  no_counterpart: [{ attributes: ['employee_no'] }, 'user', 'no WeCom person has the same employee number'],
  parents_cycle: [{}, 'department', 'its parents form a cycle'],
  no_path_parent_unmapped: [
    {},
    'department',
    'no WeCom department has the same path of names, and its parent is not mapped',
  ],
  no_name_under_parent: [
    { wecomId: '12' },
    'department',
    "no department of this name under the mapped parent's WeCom counterpart 12",
  ],
  no_feishu_found: [{}, 'department', 'no Feishu department found'],
  rejected_no_other: [{}, 'user', 'its match was rejected; no other Feishu person found'],
  candidates_taken: [{}, 'user', 'every candidate is already matched to another person'],
};

it.each(MATCH_REASON_CODES.map((code) => [code, ...CASES[code]] as const))(
  '%s reads out',
  (code, params, kind, text) => {
    expect(matchReasonText({ code, params }, kind)).toBe(text);
  },
);
