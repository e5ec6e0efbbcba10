import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ITEM_ACTIONS,
  LINK_DIRECTIONS,
  LOSS_SEVERITIES,
  MATCH_EVIDENCE,
  IDENTITY_ATTRIBUTES,
  MATCH_KINDS,
  MATCH_REASON_CODES,
  MATCH_STATUSES,
  NOTE_CODES,
  RUN_SCOPES,
  RUN_STATUSES,
  RUN_TRIGGERS,
  SYNC_ERROR_KINDS,
  type ItemAction,
  type LinkDirection,
  type LossSeverity,
  type MatchEvidence,
  type IdentityAttribute,
  type MatchKind,
  type MatchReasonCode,
  type MatchStatus,
  type NoteCode,
  type RunScope,
  type RunStatus,
  type RunTrigger,
  type SyncErrorKind,
} from '@app/kernel';
import {
  CONFLICT_KINDS,
  LINK_STATUSES,
  NAME_CONFLICT_RESOLUTIONS,
  type ConflictKind,
  type LinkStatus,
  type NameConflictResolution,
} from '@app/mapping-store';

// Response shapes of the REST API, for the OpenAPI document only: the controllers build plain objects (see
// sync/run-views.ts), and these classes describe them. Field comments follow DESIGN.md and the README.

const RUN_ID = '0b4c6f3e-5d1a-4c1e-9a7b-2f8e6d4c3b21';
const LINK_ID = '7d9e2a41-3c5b-4f6d-8e1a-9b0c2d3e4f50';
const FEISHU_GROUP_ID = '7380952139465998355';
const AT = '2026-03-02T09:15:00.000Z';

/** Every error answer: `{statusCode, error, message, details?}`. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'One line an operator can act on; names the field for bad input.',
    example: 'direction must be one of: feishu_to_wecom, wecom_to_feishu',
  })
  message!: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Every problem, when there were several (e.g. one per invalid field).',
    example: ['direction must be one of: feishu_to_wecom, wecom_to_feishu', 'dryRun must be true or false'],
  })
  details?: string[];
}

/** 202 of POST /api/v1/sync. */
export class RunQueuedDto {
  @ApiProperty({ description: 'Id of the queued run; poll GET /api/v1/runs/{runId}.', example: RUN_ID })
  runId!: string;
}

export class LossDto {
  @ApiProperty({ description: 'The source field that could not be carried over exactly.', example: 'flexible_rule' })
  field!: string;

  @ApiProperty({ enum: LOSS_SEVERITIES, enumName: 'LossSeverity', example: 'approximated' })
  severity!: LossSeverity;

  @ApiProperty({
    description: 'What happened, written for HR.',
    example: 'late_minutes_as_late 7 min rounded to 10 min (WeCom flex time is a multiple of 5 minutes)',
  })
  message!: string;
}

/** An extension of the contract's run item: what the gateway did beyond the item's action (not a loss). */
export class NoteDto {
  @ApiProperty({ description: 'What the note is about (rule, group, punches).', example: 'rule' })
  field!: string;

  @ApiProperty({
    description: 'What the gateway did, written for HR.',
    example: 'The linked WeCom rule 3 no longer exists in WeCom; it was created again.',
  })
  message!: string;

  @ApiPropertyOptional({
    enum: NOTE_CODES,
    enumName: 'NoteCode',
    description:
      'What kind of note this is, for a program to read without matching the message; absent on notes without ' +
      'one. target_drift_overwritten: the target was changed outside the gateway since the last sync and this ' +
      'one-way sync overwrote it (a dry run: would overwrite it).',
    example: 'target_drift_overwritten',
  })
  code?: NoteCode;
}

export class RunSummaryDto {
  @ApiProperty({ example: 2 })
  created!: number;

  @ApiProperty({ example: 1 })
  updated!: number;

  @ApiProperty({ example: 5 })
  unchanged!: number;

  @ApiProperty({ example: 0 })
  skipped!: number;

  @ApiProperty({ example: 0 })
  failed!: number;
}

export class RunParamsDto {
  @ApiPropertyOptional({
    type: [String],
    description: 'Source-side group ids the run was limited to.',
    example: [FEISHU_GROUP_ID],
  })
  groupIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Source-side user ids the run was limited to.',
    example: ['e1001'],
  })
  userIds?: string[];

  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD, China time), inclusive.', example: '2026-03-01' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD, China time), inclusive.', example: '2026-03-31' })
  to?: string;
}

/** A run as GET /api/v1/runs lists it. */
export class RunDto {
  @ApiProperty({ example: RUN_ID })
  id!: string;

  @ApiProperty({ enum: RUN_STATUSES, enumName: 'RunStatus', example: 'succeeded' })
  status!: RunStatus;

  @ApiProperty({
    enum: LINK_DIRECTIONS,
    enumName: 'RunDirection',
    description: 'REST runs go one way; scheduled runs are `two_way` (each link in its own direction).',
    example: 'feishu_to_wecom',
  })
  direction!: LinkDirection;

  @ApiProperty({
    enum: RUN_SCOPES,
    enumName: 'RunScope',
    description: 'A sync scope, or `identities` for a match run (POST /api/v1/mappings/match).',
    example: 'rules',
  })
  scope!: RunScope;

  @ApiProperty({ example: false })
  dryRun!: boolean;

  @ApiProperty({ enum: RUN_TRIGGERS, enumName: 'RunTrigger', example: 'api' })
  triggeredBy!: RunTrigger;

  @ApiProperty({ type: () => RunParamsDto })
  params!: RunParamsDto;

  @ApiProperty({ format: 'date-time', example: AT })
  queuedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T09:15:01.000Z' })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T09:15:04.000Z' })
  finishedAt!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the whole run failed (e.g. a vendor unreachable); null otherwise.',
    example: null,
  })
  error!: string | null;

  @ApiProperty({ type: () => RunSummaryDto })
  summary!: RunSummaryDto;
}

export class RunProgressDto {
  @ApiProperty({ description: 'Items finished so far by the executing process.', example: 3 })
  itemsDone!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'Items the run will finish, as far as it knows yet: null until its scope has listed what it visits; a ' +
      "two-way run adds its second half's items when that half starts. Never below itemsDone.",
    example: 8,
  })
  itemsTotal!: number | null;
}

export class RunItemDto {
  @ApiProperty({ description: 'Source-side id (Feishu group id or WeCom groupid).', example: FEISHU_GROUP_ID })
  sourceId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Target-side id, once known.', example: '3' })
  targetId!: string | null;

  @ApiProperty({ enum: ITEM_ACTIONS, enumName: 'ItemAction', example: 'created' })
  action!: ItemAction;

  @ApiProperty({ type: () => [LossDto], description: 'What a translation could not carry over exactly.' })
  losses!: LossDto[];

  @ApiProperty({
    type: () => [NoteDto],
    description:
      'An extension of the contract: what the gateway did beyond the action (a rule created again, the oldest of ' +
      'same-named rules adopted, a changed rule overwritten, a delete propagated, punches written); never losses.',
  })
  notes!: NoteDto[];

  @ApiPropertyOptional({ description: 'Why the item failed or was skipped.', example: 'wecom foreign_owned_rule: …' })
  error?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Dry runs: the vendor calls the run would make, in order, with their exact bodies.',
    example: { vendor: 'wecom', requests: [{ api: 'add_checkin_option', body: { group: { groupname: '…' } } }] },
  })
  plan?: Record<string, unknown>;
}

/** GET /api/v1/runs/{runId}. */
export class RunDetailDto extends RunDto {
  @ApiProperty({ type: () => RunProgressDto, nullable: true, description: 'While running; null otherwise.' })
  progress!: RunProgressDto | null;

  @ApiProperty({ type: () => [RunItemDto] })
  items!: RunItemDto[];
}

/** GET /api/v1/runs: newest first. */
export class RunPageDto {
  @ApiProperty({ type: () => [RunDto] })
  items!: RunDto[];

  @ApiProperty({ example: 120 })
  total!: number;

  @ApiProperty({ example: 50 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}

/** A group ⇄ rule link. */
export class LinkDto {
  @ApiProperty({ example: LINK_ID })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: FEISHU_GROUP_ID })
  feishuGroupId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '研发部考勤' })
  feishuGroupName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '3' })
  wecomRuleId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '研发部考勤' })
  wecomRuleName!: string | null;

  @ApiProperty({ enum: LINK_DIRECTIONS, enumName: 'LinkDirection', example: 'feishu_to_wecom' })
  direction!: LinkDirection;

  @ApiProperty({ enum: LINK_STATUSES, enumName: 'LinkStatus', example: 'active' })
  status!: LinkStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: AT })
  lastSyncedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  lastError!: string | null;

  @ApiProperty({
    enum: SYNC_ERROR_KINDS,
    enumName: 'SyncErrorKind',
    nullable: true,
    example: null,
    description:
      'Why the last sync failed, as a kind: a vendor failure (auth, rate_limit, transient, permission, not_found, ' +
      'invalid_request, foreign_owned_rule, unknown) or translation_refused, source_missing, target_missing, ' +
      'conflict, internal. Null when the last sync succeeded.',
  })
  lastErrorKind!: SyncErrorKind | null;

  @ApiProperty({ format: 'date-time', example: '2026-02-27T08:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: AT })
  updatedAt!: string;
}

/** GET /api/v1/links. */
export class LinkListDto {
  @ApiProperty({ type: () => [LinkDto] })
  items!: LinkDto[];

  @ApiProperty({ example: 8 })
  total!: number;
}

/** A two-way conflict: both sides changed since the last sync. */
export class ConflictDto {
  @ApiProperty({ example: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' })
  id!: string;

  @ApiProperty({ example: LINK_ID })
  linkId!: string;

  @ApiProperty({ type: String, nullable: true, example: FEISHU_GROUP_ID })
  feishuGroupId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '研发部考勤' })
  feishuGroupName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '3' })
  wecomRuleId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '研发部考勤' })
  wecomRuleName!: string | null;

  @ApiProperty({ format: 'date-time', example: AT })
  detectedAt!: string;

  @ApiProperty({ type: String, nullable: true, example: RUN_ID })
  detectedByRunId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  resolvedAt!: string | null;

  @ApiProperty({ type: String, enum: ['feishu', 'wecom'], nullable: true, example: null })
  winner!: 'feishu' | 'wecom' | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  resolutionRunId!: string | null;

  @ApiProperty({
    enum: CONFLICT_KINDS,
    enumName: 'ConflictKind',
    example: 'content',
    description:
      '`content`: both sides of a two-way link changed since the last sync (resolved by a winner). `name_taken`: ' +
      "the target already has an object of the name the source's counterpart would carry, which the gateway did " +
      'not create (resolved by adopt, overwrite or skip).',
  })
  kind!: ConflictKind;

  @ApiProperty({
    type: () => FoundObjectDto,
    nullable: true,
    description: 'Name conflicts: the same-named object found in the target. Null for content conflicts.',
  })
  found!: FoundObjectDto | null;

  @ApiProperty({
    type: String,
    enum: NAME_CONFLICT_RESOLUTIONS,
    nullable: true,
    example: null,
    description: 'Name conflicts: how it was resolved. Null while open and for content conflicts.',
  })
  resolution!: NameConflictResolution | null;
}

/** The object a name conflict found. */
export class FoundObjectDto {
  @ApiProperty({ enum: ['feishu', 'wecom'], example: 'wecom' })
  vendor!: 'feishu' | 'wecom';

  @ApiProperty({ example: '3' })
  id!: string;

  @ApiProperty({ example: '研发部考勤' })
  name!: string;
}

/** GET /api/v1/conflicts. */
export class ConflictListDto {
  @ApiProperty({ type: () => [ConflictDto] })
  items!: ConflictDto[];
}

/** 202 of POST /api/v1/conflicts/{conflictId}/resolve. */
export class ConflictResolvedDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The one-way run that carries the resolution out: from the winner (content), from the found object (adopt) ' +
      'or from the source (overwrite). Null for skip, which runs nothing.',
    example: RUN_ID,
  })
  runId!: string | null;

  @ApiProperty({ example: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b' })
  conflictId!: string;
}

/** PUT /api/v1/mappings/*: what the bulk upsert did. */
export class UpsertCountsDto {
  @ApiProperty({ description: 'New Feishu ids.', example: 10 })
  inserted!: number;

  @ApiProperty({ description: 'Known Feishu ids re-mapped to another WeCom id.', example: 1 })
  updated!: number;

  @ApiProperty({ description: 'Rows identical to what the store held.', example: 1 })
  unchanged!: number;
}

/** One vendor in GET /api/v1/vendors. */
export class VendorStatusDto {
  @ApiProperty({ description: 'Credentials are set.', example: true })
  configured!: boolean;

  @ApiProperty({ description: 'A token was issued and a read call answered.', example: true })
  reachable!: boolean;

  @ApiProperty({ example: 'https://open.feishu.cn' })
  baseUrl!: string;

  @ApiProperty({ description: 'What was seen, or why it failed.', example: '3 attendance groups visible' })
  detail!: string;
}

/** GET /api/v1/vendors. */
export class VendorsStatusDto {
  @ApiProperty({ type: () => VendorStatusDto })
  feishu!: VendorStatusDto;

  @ApiProperty({ type: () => VendorStatusDto })
  wecom!: VendorStatusDto;
}

export class HealthCheckResultDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why a check is down, or what a vendor check saw.', example: 'token issued' })
  message?: string;
}

/** GET /health (terminus report). */
export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' })
  status!: 'ok' | 'error';

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthCheckResultDto' },
    description: 'Checks that are up: `database`, and `feishu`/`wecom` with HEALTH_CHECK_VENDORS=true.',
    example: { database: { status: 'up' } },
  })
  info!: Record<string, HealthCheckResultDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthCheckResultDto' },
    description: 'Checks that are down.',
    example: {},
  })
  error!: Record<string, HealthCheckResultDto>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HealthCheckResultDto' },
    description: 'Every check.',
    example: { database: { status: 'up' } },
  })
  details!: Record<string, HealthCheckResultDto>;
}

/** GET /api/v1/vendors/{vendor}/groups: one source group (a Feishu attendance group or a WeCom checkin rule). */
export class VendorGroupDto {
  @ApiProperty({ description: 'Feishu group_id, or WeCom groupid as a string.', example: FEISHU_GROUP_ID })
  id!: string;

  @ApiProperty({ description: 'Feishu group_name, or WeCom groupname.', example: '研发部考勤' })
  name!: string;
}

/** GET /api/v1/vendors/{vendor}/groups/{id}: the group with the vendor's own read of it. */
export class VendorGroupDetailDto extends VendorGroupDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The vendor's record as the gateway's client read it: Feishu, the group (GET attendance/v1/groups/:group_id); " +
      'WeCom, the rule as getcorpcheckinoption lists it. Fields the gateway does not know are kept.',
    example: { group_id: FEISHU_GROUP_ID, group_name: '研发部考勤', group_type: 0 },
  })
  record!: Record<string, unknown>;
}

/** A source group whose run could not carry an unmapped id. */
export class UnmappedGroupDto {
  @ApiProperty({
    enum: ['feishu', 'wecom'],
    description: "The group's vendor: the run's source side.",
    example: 'feishu',
  })
  vendor!: 'feishu' | 'wecom';

  @ApiProperty({ description: 'Feishu group id, or WeCom groupid.', example: FEISHU_GROUP_ID })
  id!: string;

  @ApiProperty({ description: 'The newest run that could not carry the id for this group.', example: RUN_ID })
  runId!: string;
}

/** GET /api/v1/mappings/unmapped: a person or department runs could not carry for want of a mapping. */
export class UnmappedIdDto {
  @ApiProperty({ enum: ['user', 'department'], example: 'user' })
  kind!: 'user' | 'department';

  @ApiProperty({
    enum: ['feishu', 'wecom'],
    description: 'The side the id belongs to (the source side of the runs that met it).',
    example: 'feishu',
  })
  vendor!: 'feishu' | 'wecom';

  @ApiProperty({
    description: 'The id on that side (Feishu employee id or department id, WeCom userid or party id).',
    example: 'e1001',
  })
  id!: string;

  @ApiProperty({
    type: () => [UnmappedGroupDto],
    description:
      'The source groups whose runs left it out, each with the newest such run; empty for a punch run that named ' +
      'no groups (its items are per person).',
  })
  groups!: UnmappedGroupDto[];

  @ApiProperty({ format: 'date-time', description: 'When a run last left it out.', example: AT })
  lastSeenAt!: string;
}

/** One candidate pair of an ambiguous match: ids and the attribute that paired them, never the value itself. */
export class MatchCandidateDto {
  @ApiPropertyOptional({ description: 'Feishu user id (contact user_id) or department id.', example: 'a1b2c3d4' })
  feishuId?: string;

  @ApiPropertyOptional({ description: 'WeCom userid or department (party) id.', example: 'zhangsan' })
  wecomId?: string;

  @ApiProperty({ enum: MATCH_EVIDENCE, enumName: 'MatchEvidence', example: 'email' })
  matchedBy!: MatchEvidence;
}

/** A WeCom id a hand-made mapping holds, named by an ambiguous match's reason. */
export class MatchReasonHolderDto {
  @ApiProperty({ example: 'zhangwei' })
  wecomId!: string;

  @ApiProperty({ example: 'e1002' })
  feishuId!: string;
}

/** The parameters of a match's reason code; which ones a code uses is listed with `reasonCode`. */
export class MatchReasonParamsDto {
  @ApiPropertyOptional({ enum: MATCH_EVIDENCE, enumName: 'MatchEvidence', example: 'email' })
  basis?: MatchEvidence;

  @ApiPropertyOptional({
    enum: IDENTITY_ATTRIBUTES,
    enumName: 'IdentityAttribute',
    isArray: true,
    example: ['email', 'mobile'],
  })
  attributes?: IdentityAttribute[];

  @ApiPropertyOptional({ description: 'How many people or departments.', example: 2 })
  count?: number;

  @ApiPropertyOptional({ description: 'The Feishu id the reason names (who holds the WeCom id).', example: 'e1002' })
  feishuId?: string;

  @ApiPropertyOptional({ description: 'The WeCom id the reason names.', example: 'zhangwei' })
  wecomId?: string;

  @ApiPropertyOptional({ type: () => [MatchReasonHolderDto], description: 'Candidates a hand-made mapping holds.' })
  manualHolders?: MatchReasonHolderDto[];
}

/** One proposal, ambiguity or decision of the match job (GET /api/v1/mappings/matches). */
export class MatchDto {
  @ApiProperty({
    description: 'Id to decide it by (POST /api/v1/mappings/matches/decisions).',
    example: '3fcb9d89-0e1a-4682-9437-ec055c40f47d',
  })
  id!: string;

  @ApiProperty({ enum: MATCH_KINDS, enumName: 'MatchKind', example: 'user' })
  kind!: MatchKind;

  @ApiProperty({ enum: MATCH_STATUSES, enumName: 'MatchStatus', example: 'proposed' })
  status!: MatchStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Absent for a WeCom person no one matched.' })
  feishuId!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The proposed or accepted pair; null when none or several.',
  })
  wecomId!: string | null;

  @ApiProperty({
    enum: MATCH_EVIDENCE,
    enumName: 'MatchEvidence',
    nullable: true,
    description: 'Which attribute (people) or basis (departments) paired them.',
  })
  matchedBy!: MatchEvidence | null;

  @ApiProperty({ type: () => [MatchCandidateDto], description: 'Ambiguous: every pair found.' })
  candidates!: MatchCandidateDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why, in a few words for HR (never an email or a mobile).',
    example: 'WeCom zhangwei is found by 2 Feishu people',
  })
  reason!: string | null;

  @ApiProperty({
    enum: MATCH_REASON_CODES,
    enumName: 'MatchReasonCode',
    nullable: true,
    description:
      '`reason` as a code, for a program to read or translate (an extension; null on a match written before ' +
      'codes were recorded, until the next match run). `same_value` {basis}; `rejected`; `shared_by_feishu` / ' +
      '`shared_by_wecom` {count, basis, manualHolders?}; `claimed_by_many` {wecomId, count}; `held_by_manual` / ' +
      '`held_by_match` {basis, wecomId, feishuId}; `no_attributes` / `no_counterpart` {attributes}; ' +
      '`parents_cycle`; `no_path_parent_unmapped`; `no_name_under_parent` {wecomId}; `no_feishu_found`; ' +
      '`rejected_no_other`; `candidates_taken`.',
    example: 'claimed_by_many',
  })
  reasonCode!: MatchReasonCode | null;

  @ApiProperty({
    type: () => MatchReasonParamsDto,
    nullable: true,
    description: 'The parameters of `reasonCode` (null exactly when it is).',
    example: { wecomId: 'zhangwei', count: 2 },
  })
  reasonParams!: MatchReasonParamsDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'The run that last proposed it.' })
  runId!: string | null;

  @ApiProperty({ enum: ['auto', 'operator'], nullable: true, description: 'Accepted or rejected by whom.' })
  decidedBy!: 'auto' | 'operator' | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class MatchPageDto {
  @ApiProperty({ type: () => [MatchDto] })
  items!: MatchDto[];

  @ApiProperty({ example: 40 })
  total!: number;

  @ApiProperty({ example: 50 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;
}

/** POST /api/v1/mappings/matches/decisions: what was decided (all of the request). */
export class MatchDecisionResultDto {
  @ApiProperty({ description: 'Matches accepted: each is now a mapping.', example: 12 })
  accepted!: number;

  @ApiProperty({ description: 'Matches rejected: never proposed again.', example: 1 })
  rejected!: number;
}
