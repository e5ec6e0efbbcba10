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
