import { chinaEpochDayOf, formatDayInt, isVendorError, type Loss, type UnreadableRecord } from '@app/kernel';
import {
  groupForUpdate,
  groupTypeAsRead,
  type FeishuClient,
  type FeishuGroup,
  type FeishuGroupCreate,
  type FeishuShift,
  type FeishuShiftCreate,
} from '@app/feishu';
import {
  bindFeishuShiftIds,
  canonicalToFeishu,
  feishuReadToCanonical,
  feishuToCanonical,
  planShiftIds,
  legacyRuleContentHashes,
  ruleContentHash,
  type CanonicalRule,
  type CanonicalToFeishuOptions,
  type FeishuGroupPlan,
  type FeishuToCanonicalOptions,
} from '@app/translation';
import type { ItemPlan, PlannedRequest, RuleSideConnector } from '../attendance-connector.js';

/** An attendance group as Feishu holds it: the record the rules engine holds for the Feishu side. */
export type FeishuGroupRecord = FeishuGroup;
/**
 * The group (and the shifts it needs) that stand for a canonical rule: shifts to reuse or create, and the group
 * naming them by shift key until bindShifts puts the shifts' ids in.
 */
export type FeishuGroupWritePlan = FeishuGroupPlan;

type FeishuGroupLocation = NonNullable<FeishuGroup['locations']>[number];
type FeishuGroupLocationCreate = NonNullable<FeishuGroupCreate['locations']>[number];

/** Feishu's largest page (REFERENCE A4): 500 groups are listed in 10 calls, not the default size's 50. */
const GROUP_PAGE_SIZE = 50;
/** A 排班 group's shifts are the ones its roster uses: this many days back and ahead of today. */
const ROSTER_DAYS_BACK = 31;
const ROSTER_DAYS_AHEAD = 62;

export interface FeishuRulesConnectorOptions {
  /** Every list read hands the records it cannot read here (the run makes one failed item of each). */
  readonly onUnreadable?: (record: UnreadableRecord) => void;
  /** How places on Feishu's Google map are read (FEISHU_GOOGLE_MAP_DATUM); absent = the mapper's default. */
  readonly googleMapDatum?: 'gcj02' | 'wgs84';
  /** Now, for the roster window a 排班 group's shifts are read from. */
  readonly now: () => Date;
}

/** A Feishu group with the shifts it stands for, as canonical content hashes (null: not readable). */
export interface FeishuGroupSide {
  readonly hash: string | null;
  /** The same in the previous hash formats, made only when asked (links synced before the format changed). */
  readonly legacyHash: () => readonly string[];
}

/** The overwrite of an existing group: the body to send, how the group will read, and what it cannot remove. */
export interface FeishuGroupOverwrite {
  readonly body: FeishuGroupCreate;
  readonly asRead: FeishuGroup;
  readonly notes: Loss[];
}

/** A Feishu shift, tenant-wide, keyed by shift_id: a shift link's Feishu side. */
export const FEISHU_SHIFT_KIND = 'shift';

/**
 * Feishu attendance groups and shifts as one run sees them, and Feishu's write rules for them: shifts are
 * tenant-wide with unique names and must exist before a group names them (a shift a crashed run created is
 * found by its name, not created twice); a group is written read-modify-write (Feishu-only fields of the
 * existing group kept, and only the locations it lacks sent, because Feishu appends locations); a 排班 group
 * names no shifts itself, its roster does. Nothing here knows WeCom.
 */
export class FeishuRulesConnector implements RuleSideConnector {
  readonly vendor = 'feishu' as const;
  readonly vendorName = 'Feishu';
  readonly ruleNoun = 'Feishu group';
  readonly consoleNoun = 'Feishu attendance group';
  readonly permanentRefusals = [] as const;
  readonly noteField = 'group';
  private readonly shiftById = new Map<string, FeishuShift>();
  private readonly shiftReads = new Map<string, Promise<FeishuShift>>();
  private shifts: FeishuShift[] = [];
  /**
   * Each group object's sides, by the shift ids they were taken with: a two-way run asks for the linked group's
   * side as the last sync recorded it and again as the compared actual group, and the group is translated and
   * hashed once (BENCHMARKS.md, "Translation and hashing vs a 500-group run"). Keyed by the object read, which
   * nothing changes after the read; a shift id stands for one content (Feishu's API cannot edit a shift).
   */
  private readonly sides = new WeakMap<FeishuGroup, Map<string, FeishuGroupSide>>();
  /**
   * The group objects the client returned, which it read through feishuGroupSchema: translated without a second
   * read (feishuReadToCanonical). A group made here (an overwrite's asRead) is not one and is read as any input.
   * Every shift here is one the client returned (see shift and remember).
   */
  private readonly clientGroups = new WeakSet<FeishuGroup>();

  constructor(
    private readonly client: FeishuClient,
    private readonly options: FeishuRulesConnectorOptions,
  ) {}

  private get readOptions() {
    return this.options.onUnreadable ? { onUnreadable: this.options.onUnreadable } : {};
  }

  private get mapperOptions(): FeishuToCanonicalOptions {
    return this.options.googleMapDatum ? { googleMapDatum: this.options.googleMapDatum } : {};
  }

  /** The ids of every attendance group. */
  async listGroupIds(): Promise<string[]> {
    return (await this.listGroups()).map((group) => group.group_id);
  }

  /** Every attendance group's id and name, in Feishu's order; a group that cannot be read goes to onUnreadable. */
  async listGroups(): Promise<{ readonly group_id: string; readonly group_name: string }[]> {
    const groups: { readonly group_id: string; readonly group_name: string }[] = [];
    for await (const group of this.client.listGroups({ pageSize: GROUP_PAGE_SIZE, ...this.readOptions })) {
      groups.push({ group_id: group.group_id, group_name: group.group_name });
    }
    return groups;
  }

  /** The group, or null when Feishu no longer has it. */
  async findGroup(groupId: string): Promise<FeishuGroup | null> {
    try {
      return this.fromClient(await this.client.getGroup(groupId));
    } catch (error) {
      if (isVendorError(error) && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async getGroup(groupId: string): Promise<FeishuGroup> {
    return this.fromClient(await this.client.getGroup(groupId));
  }

  private fromClient(group: FeishuGroup): FeishuGroup {
    this.clientGroups.add(group);
    return group;
  }

  private translate(group: FeishuGroup, shifts: readonly FeishuShift[]) {
    return this.clientGroups.has(group)
      ? feishuReadToCanonical({ group, shifts }, this.mapperOptions)
      : feishuToCanonical({ group, shifts }, this.mapperOptions);
  }

  /** The groups named exactly `name`, oldest id first: Feishu's search matches more than the exact name. */
  async groupsNamed(name: string): Promise<{ readonly group_id: string; readonly group_name: string }[]> {
    const matches = (await this.client.searchGroups(name, { exactlyMatched: true })).filter(
      (group) => group.group_name === name,
    );
    return matches.sort((a, b) => (a.group_id < b.group_id ? -1 : 1));
  }

  /**
   * The group read into the canonical model with the shifts it uses: its week and special days; for a 排班
   * group (which names none itself) those its roster names plus `linkedShiftIds` (shifts the run knows stand
   * for the group, e.g. made for it before it had a roster).
   */
  async toCanonical(group: FeishuGroup, linkedShiftIds: () => Promise<readonly string[]>) {
    const ids = new Set<string>();
    for (const id of group.punch_day_shift_ids ?? []) ids.add(id);
    for (const day of group.need_punch_special_days ?? []) ids.add(day.shift_id);
    if (group.group_type === 2) {
      for (const id of await this.rosterShiftIds(group.group_id)) ids.add(id);
      for (const id of await linkedShiftIds()) ids.add(id);
    }
    ids.delete('0');
    ids.delete('');
    const shifts = await Promise.all([...ids].sort().map((id) => this.shift(id)));
    return this.translate(group, shifts);
  }

  /** A group with the shifts of `shiftIds` (and any the group names), as content hashes. */
  async sideOf(group: FeishuGroup, shiftIds: Iterable<string>): Promise<FeishuGroupSide> {
    const ids = new Set<string>(shiftIds);
    for (const id of group.punch_day_shift_ids ?? []) ids.add(id);
    for (const day of group.need_punch_special_days ?? []) ids.add(day.shift_id);
    ids.delete('0');
    const sorted = [...ids].sort();
    const key = sorted.join('\n');
    const known = this.sides.get(group)?.get(key);
    if (known) return known;
    const shifts: FeishuShift[] = [];
    for (const id of sorted) shifts.push(await this.shift(id));
    const canonical = this.translate(group, shifts);
    const side: FeishuGroupSide = canonical.ok
      ? { hash: ruleContentHash(canonical.value), legacyHash: () => legacyRuleContentHashes(canonical.value) }
      : { hash: null, legacyHash: () => [] };
    const ofGroup = this.sides.get(group) ?? new Map<string, FeishuGroupSide>();
    this.sides.set(group, ofGroup.set(key, side));
    return side;
  }

  /** Reads every shift once, so plans reuse identical shifts instead of creating them again. */
  async loadShifts(): Promise<void> {
    for await (const shift of this.client.listShifts(this.readOptions)) this.remember(shift);
  }

  shiftName(shiftId: string): string | null {
    return this.shiftById.get(shiftId)?.shift_name ?? null;
  }

  /** The group (and shifts) that stand for a canonical rule, reusing the shifts already known. */
  plan(rule: CanonicalRule, options: Omit<CanonicalToFeishuOptions, 'existingShifts'>) {
    return canonicalToFeishu(rule, { ...options, existingShifts: this.shifts });
  }

  /**
   * The plan's shift ids by shift key: the reused shifts' ids and those of `created` (the shifts just created, by
   * key). With nothing created yet, the ids are known only when every shift is reused.
   */
  shiftIdsOf(plan: FeishuGroupWritePlan, created: ReadonlyMap<string, string> = new Map()): Map<string, string> {
    return planShiftIds(plan, created);
  }

  /** The plan with its group naming the shifts by id (Feishu's shifts must exist before a group names them). */
  bindShifts(plan: FeishuGroupWritePlan, shiftIds: ReadonlyMap<string, string>): FeishuGroupWritePlan {
    return { ...plan, groupTemplate: bindFeishuShiftIds(plan.groupTemplate, shiftIds) };
  }

  /** The dry-run requests of a write: the shifts to create, then the group's save. */
  writeRequests(shifts: readonly FeishuShiftCreate[], group: FeishuGroupCreate): PlannedRequest[] {
    return [
      ...shifts.map((shift) => ({ api: 'create_shift', body: { shift } })),
      { api: 'save_group', body: { group } },
    ];
  }

  /** The dry-run request of a group's deletion. */
  deleteRequest(groupId: string): PlannedRequest {
    return { api: 'delete_group', body: { group_id: groupId } };
  }

  /** A created shift, or — when a crashed run already created it under this name — that shift. */
  async createShift(shift: FeishuShiftCreate): Promise<FeishuShift> {
    const existing = await this.client.queryShiftByName(shift.shift_name);
    const created = existing ?? (await this.client.createShift(shift));
    this.remember(created);
    return created;
  }

  async saveGroup(body: FeishuGroupCreate): Promise<FeishuGroup> {
    return this.fromClient(await this.client.createOrUpdateGroup(body));
  }

  deleteGroup(groupId: string): Promise<void> {
    return this.client.deleteGroup(groupId);
  }

  /** Every Feishu group with shifts names tenant-wide shifts; a free group has none. */
  shiftKind(ruleKind: CanonicalRule['kind']): string | null {
    return ruleKind === 'free' ? null : FEISHU_SHIFT_KIND;
  }

  deletePlan(groupId: string): ItemPlan {
    return feishuPlan([this.deleteRequest(groupId)]);
  }

  deleteRule(groupId: string): Promise<void> {
    return this.deleteGroup(groupId);
  }

  /**
   * The overwrite of `actual` with the plan: Feishu-only fields of the existing group kept, the plan's
   * fields over them, and of the plan's locations only those the group lacks (Feishu appends locations).
   * `asRead` is how the group will read afterwards, for the change comparison; `sourceNoun` names the rule the
   * plan came from in the note about locations Feishu cannot remove.
   */
  overwrite(plan: FeishuGroupPlan, actual: FeishuGroup, sourceNoun: string): FeishuGroupOverwrite {
    const { locations: wanted = [], ...template } = plan.groupTemplate;
    const have = actual.locations ?? [];
    const haveKeys = new Set(have.map(locationKey));
    const missing = wanted.filter((location) => !haveKeys.has(locationKey(location)));
    const wantedKeys = new Set(wanted.map(locationKey));
    const extra = have.filter((location) => !wantedKeys.has(locationKey(location)));
    const body: FeishuGroupCreate = {
      ...groupForUpdate(actual),
      ...template,
      group_id: actual.group_id,
      ...(missing.length > 0 ? { locations: missing } : {}),
    };
    const { locations: sent = [], ...rest } = body;
    const asRead: FeishuGroup = {
      ...actual,
      ...rest,
      group_id: actual.group_id,
      group_type: groupTypeAsRead(body.group_type),
      locations: [...have, ...sent.map((location, index) => ({ ...location, location_id: `0${index + 1}` }))],
    };
    // A field whose only "off" is its absence (the plan's unsetFields) must not survive from the group read:
    // the update is a full overwrite, so leaving it out of the body unsets it.
    for (const field of plan.unsetFields) {
      delete (body as Record<string, unknown>)[field];
      delete (asRead as Record<string, unknown>)[field];
    }
    const notes: Loss[] =
      extra.length > 0
        ? [
            {
              field: 'locations',
              severity: 'dropped',
              message:
                `${extra.length} location(s) of the Feishu group are not in the ${sourceNoun}, but Feishu's API can only ` +
                'add locations, never remove them; remove them in the Feishu admin console if they should go.',
              sourceValue: extra.map((location) => location.location_name),
            },
          ]
        : [];
    return { body, asRead, notes };
  }

  private remember(shift: FeishuShift): void {
    if (!this.shiftById.has(shift.shift_id)) this.shifts.push(shift);
    else this.shifts = this.shifts.map((known) => (known.shift_id === shift.shift_id ? shift : known));
    this.shiftById.set(shift.shift_id, shift);
  }

  /** A shift by id: from what the run has read, else one read shared by every caller; a failure is not kept. */
  private shift(shiftId: string): Promise<FeishuShift> {
    const known = this.shiftById.get(shiftId);
    if (known) return Promise.resolve(known);
    let pending = this.shiftReads.get(shiftId);
    if (!pending) {
      pending = this.client.getShift(shiftId).then((shift) => {
        this.remember(shift);
        return shift;
      });
      pending.catch(() => this.shiftReads.delete(shiftId));
      this.shiftReads.set(shiftId, pending);
    }
    return pending;
  }

  private async rosterShiftIds(groupId: string): Promise<string[]> {
    const userIds: string[] = [];
    for await (const user of this.client.listGroupUsers(groupId, this.readOptions)) userIds.push(user.user_id);
    if (userIds.length === 0) return [];
    // Feishu rosters are kept in China-time days, as yyyyMMdd.
    const today = chinaEpochDayOf(this.options.now().getTime() / 1000);
    const rows = await this.client.queryUserDailyShifts({
      ...this.readOptions,
      userIds,
      checkDateFrom: formatDayInt(today - ROSTER_DAYS_BACK),
      checkDateTo: formatDayInt(today + ROSTER_DAYS_AHEAD),
    });
    return rows.filter((row) => row.group_id === groupId && !row.is_clear_schedule).map((row) => row.shift_id);
  }
}

/** A Feishu dry-run plan. */
export function feishuPlan(requests: readonly PlannedRequest[]) {
  return { vendor: 'feishu' as const, requests };
}

/** What makes two locations the same place for Feishu's append-only list. */
function locationKey(location: FeishuGroupLocation | FeishuGroupLocationCreate): string {
  const round = (value: number | undefined) => (value === undefined ? '' : value.toFixed(6));
  return [
    location.location_type,
    round(location.latitude),
    round(location.longitude),
    location.map_type ?? '',
    location.gps_range ?? '',
    location.ssid ?? '',
    (location.bssid ?? '').toLowerCase(),
    location.ip ?? '',
  ].join('|');
}
