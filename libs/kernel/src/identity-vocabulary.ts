// The words of identity matching (people and departments found on both vendors), shared by the directory
// connectors that read them, the pure matcher that pairs them, the store that keeps the decisions and the REST API.

/** What a person can be matched by, in the order an operator may set (`IDENTITY_MATCH`). */
export const IDENTITY_ATTRIBUTES = ['email', 'mobile', 'employee_no'] as const;
export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];

/** What a department can be matched by: its path of names from the root, or its name under a mapped parent. */
export const DEPARTMENT_MATCH_BASES = ['name_path', 'mapped_parent'] as const;
export type DepartmentMatchBasis = (typeof DEPARTMENT_MATCH_BASES)[number];

/** The evidence kept for a match: which attribute or basis paired the two ids (never the value itself). */
export const MATCH_EVIDENCE = [...IDENTITY_ATTRIBUTES, ...DEPARTMENT_MATCH_BASES] as const;
export type MatchEvidence = (typeof MATCH_EVIDENCE)[number];

export const MATCH_KINDS = ['user', 'department'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/**
 * Where a match stands. `proposed`: one unique pair, waiting for review (or accepted at once when the operator
 * enabled auto-accept); `ambiguous`: more than one candidate; `unmatched`: no candidate; `accepted` /
 * `rejected`: decided (by the match job's auto-accept or by an operator), and a rejected pair is never proposed again.
 */
export const MATCH_STATUSES = ['proposed', 'ambiguous', 'unmatched', 'accepted', 'rejected'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** Who made a mapping: an operator (upload or REST) or the match job. Hand-made mappings always win. */
export const MAPPING_ORIGINS = ['manual', 'match'] as const;
export type MappingOrigin = (typeof MAPPING_ORIGINS)[number];

/**
 * One person of one vendor's directory as a matcher reads it. The attribute values pass through memory only:
 * the store keeps ids and the evidence, never an email or a mobile (DESIGN.md, personal data).
 */
export interface DirectoryPerson {
  /** The id the attendance APIs use: Feishu's contact user_id (= attendance employee_id), WeCom's userid. */
  readonly id: string;
  readonly name?: string;
  /** False for people who left or are disabled (Feishu resigned/frozen, WeCom disabled/left). */
  readonly active: boolean;
  /** The values the vendor answered, as it answered them; an attribute it did not give is absent. */
  readonly attributes: Readonly<Partial<Record<IdentityAttribute, string>>>;
  readonly departmentIds: readonly string[];
}

/** One department of one vendor's directory: its id, name and parent (null at the root). */
export interface DirectoryDepartment {
  readonly id: string;
  readonly name?: string;
  readonly parentId: string | null;
}

/**
 * Why a match stands as it does, as a code a program (the console, translating it) reads instead of the English
 * `reason` text, which is matchReasonText of the code and its parameters:
 * - `same_value`: the pair shares `basis` (proposed or accepted);
 * - `rejected`: rejected, with no other reason recorded;
 * - `shared_by_feishu` / `shared_by_wecom`: `count` Feishu (WeCom) people or departments share the `basis` value,
 *   `manualHolders` naming the candidates' WeCom ids a hand-made mapping holds;
 * - `claimed_by_many`: the WeCom id `wecomId` is found by `count` Feishu people or departments;
 * - `held_by_manual` / `held_by_match`: the WeCom counterpart `wecomId` found by `basis` is mapped by hand, or
 *   matched, to Feishu `feishuId`;
 * - `no_attributes`: the person has none of `attributes`; `no_counterpart`: no WeCom person shares any of
 *   `attributes` (those the person has);
 * - `parents_cycle`: the department's parents form a cycle; `no_path_parent_unmapped`: no WeCom department has
 *   its path of names and its parent is not mapped; `no_name_under_parent`: none of its name under `wecomId`,
 *   its mapped parent's counterpart;
 * - `no_feishu_found` / `rejected_no_other`: a WeCom-only result, nobody found (its match rejected before);
 * - `candidates_taken`: every candidate was matched to someone else.
 */
export const MATCH_REASON_CODES = [
  'same_value',
  'rejected',
  'shared_by_feishu',
  'shared_by_wecom',
  'claimed_by_many',
  'held_by_manual',
  'held_by_match',
  'no_attributes',
  'no_counterpart',
  'parents_cycle',
  'no_path_parent_unmapped',
  'no_name_under_parent',
  'no_feishu_found',
  'rejected_no_other',
  'candidates_taken',
] as const;
export type MatchReasonCode = (typeof MATCH_REASON_CODES)[number];

/** The parameters of a reason code; which ones a code uses is listed with MATCH_REASON_CODES. */
export interface MatchReasonParams {
  readonly basis?: MatchEvidence;
  readonly attributes?: readonly IdentityAttribute[];
  readonly count?: number;
  readonly feishuId?: string;
  readonly wecomId?: string;
  readonly manualHolders?: readonly { readonly wecomId: string; readonly feishuId: string }[];
}

export interface MatchReason {
  readonly code: MatchReasonCode;
  readonly params: MatchReasonParams;
}

/** How a basis reads in a reason for HR. */
export function describeBasis(basis: MatchEvidence): string {
  switch (basis) {
    case 'email':
      return 'email';
    case 'mobile':
      return 'mobile number';
    case 'employee_no':
      return 'employee number';
    case 'name_path':
      return 'path of names from the root';
    case 'mapped_parent':
      return 'name under the mapped parent';
  }
}

/** The English `reason` of a match: a few words for HR, never an email or a mobile. */
export function matchReasonText({ code, params }: MatchReason, kind: MatchKind): string {
  const noun = kind === 'user' ? 'person' : 'department';
  const nouns = kind === 'user' ? 'people' : 'departments';
  const what = params.basis ? describeBasis(params.basis) : '';
  const attributes = (params.attributes ?? []).map(describeBasis).join(', ');
  switch (code) {
    case 'same_value':
      return `same ${what}`;
    case 'rejected':
      return 'rejected';
    case 'shared_by_feishu':
    case 'shared_by_wecom': {
      const side = code === 'shared_by_feishu' ? 'Feishu' : 'WeCom';
      const held = (params.manualHolders ?? [])
        .map((holder) => `; WeCom ${holder.wecomId} is mapped by hand to Feishu ${holder.feishuId}`)
        .join('');
      return `${params.count ?? 0} ${side} ${nouns} share this ${what}${held}`;
    }
    case 'claimed_by_many':
      return `WeCom ${params.wecomId ?? ''} is found by ${params.count ?? 0} Feishu ${nouns}`;
    case 'held_by_manual':
    case 'held_by_match': {
      const holder = code === 'held_by_manual' ? 'is mapped by hand to' : 'is already matched to';
      return `the WeCom ${noun} with the same ${what} (${params.wecomId ?? ''}) ${holder} Feishu ${params.feishuId ?? ''}`;
    }
    case 'no_attributes':
      return `has no ${attributes} to match by`;
    case 'no_counterpart':
      return `no WeCom ${noun} has the same ${attributes}`;
    case 'parents_cycle':
      return 'its parents form a cycle';
    case 'no_path_parent_unmapped':
      return 'no WeCom department has the same path of names, and its parent is not mapped';
    case 'no_name_under_parent':
      return `no department of this name under the mapped parent's WeCom counterpart ${params.wecomId ?? ''}`;
    case 'no_feishu_found':
      return `no Feishu ${noun} found`;
    case 'rejected_no_other':
      return `its match was rejected; no other Feishu ${noun} found`;
    case 'candidates_taken':
      return `every candidate is already matched to another ${noun}`;
  }
}
