import { isVendorError, type Loss } from '@app/kernel';
import {
  groupForUpdate,
  groupTypeAsRead,
  type FeishuClient,
  type FeishuGroup,
  type FeishuGroupCreate,
  type FeishuShift,
  type FeishuShiftCreate,
} from '@app/feishu';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import {
  bindFeishuShiftIds,
  canonicalToFeishu,
  feishuToCanonical,
  isGatewayRuleName,
  planShiftIds,
  legacyRuleContentHashes,
  ruleContentHash,
  wecomRuleNameFor,
  wecomToCanonical,
  type FeishuGroupPlan,
} from '@app/translation';
import type { WecomCheckinGroupRead, WecomClient } from '@app/wecom';
import { syncRuleItem } from './rule-item.js';
import { sideChanged, twoWayDecision } from './two-way.js';
import {
  feishuReadOptions,
  item,
  refusalReason,
  type ItemPlan,
  type PlannedRequest,
  type RulesRunContext,
} from './rule-sync.types.js';
import { linkFailureOf } from '../sync-error-policy.js';

type FeishuGroupLocation = NonNullable<FeishuGroup['locations']>[number];
type FeishuGroupLocationCreate = NonNullable<FeishuGroupCreate['locations']>[number];

type Target =
  | { readonly kind: 'linked' | 'adopt'; readonly group: FeishuGroup }
  | { readonly kind: 'absent'; readonly note: Loss | null }
  | { readonly kind: 'name_taken'; readonly groupId: string };

/**
 * WeCom checkin rules → Feishu attendance groups (+ shifts), level-triggered like the other direction.
 * Feishu shifts are tenant-wide with unique names and must exist before a group names them, so each rule's
 * plan reuses identical shifts (including ones an earlier, crashed run created: their names are derived from
 * their content) and creates the rest. A group is written read-modify-write: Feishu-only fields of the
 * existing group are kept, and only locations it lacks are sent, because Feishu appends locations.
 * Rules are processed one at a time: two rules needing the same new shift must not both create it.
 */
/** A Feishu group's content hash, and the same in the previous hash format (two-way.ts), made only if asked. */
interface FeishuSide {
  readonly hash: string | null;
  readonly legacyHash: () => readonly string[];
}

export class WecomToFeishuRulesSync {
  private shifts: FeishuShift[] = [];
  private readonly shiftById = new Map<string, FeishuShift>();

  constructor(
    private readonly context: RulesRunContext,
    private readonly feishu: FeishuClient,
    private readonly wecom: WecomClient,
    private readonly groupLeaderIds: readonly string[],
  ) {}

  async run(): Promise<SyncRunItem[]> {
    const rules = await this.wecom.getCorpCheckinOptions(this.readOptions);
    const wanted = this.context.groupIds ? new Set(this.context.groupIds) : null;
    const selected = this.context.reconcile
      ? await this.reconcileSources(rules)
      : rules.filter((rule) => !wanted || wanted.has(String(rule.groupid)));
    for await (const shift of this.feishu.listShifts(this.readOptions)) this.remember(shift);
    const items: SyncRunItem[] = [];
    for (const rule of selected) {
      const entry = await this.syncItem(rule);
      if (entry) items.push(entry);
    }
    // Links that sync from WeCom whose rule is gone (only when looking at every rule, not a chosen few).
    if (!wanted) {
      // A rule WeCom lists but the gateway cannot read is there: its link is not a deleted rule's.
      const present = new Set([
        ...rules.map((rule) => String(rule.groupid)),
        ...this.context.unreadable.idsOf('wecom', 'checkin rule'),
      ]);
      for (const link of await this.context.store.groupLinks.list()) {
        if (link.direction !== 'wecom_to_feishu' || link.status === 'unlinked' || !link.wecomRuleId) continue;
        if (present.has(link.wecomRuleId)) continue;
        items.push(await this.sourceDeleted(link));
      }
    }
    return items;
  }

  /**
   * Scheduled reconciliation: the rules of links that sync from WeCom (one-way or two-way), plus rules no link
   * knows yet — synced when auto-linking is on, else recorded as `unlinked`. A rule carrying a gateway name
   * without a link is the gateway's own (its link lost), never discovered as new.
   */
  private async reconcileSources(rules: readonly WecomCheckinGroupRead[]): Promise<WecomCheckinGroupRead[]> {
    const { store, reconcile, dryRun } = this.context;
    const links = await store.groupLinks.list();
    const byRule = new Map(links.flatMap((link) => (link.wecomRuleId ? [[link.wecomRuleId, link] as const] : [])));
    const sources: WecomCheckinGroupRead[] = [];
    for (const rule of rules) {
      const link = byRule.get(String(rule.groupid));
      if (link) {
        if (link.status !== 'unlinked' && link.direction !== 'feishu_to_wecom') sources.push(rule);
        continue;
      }
      if (isGatewayRuleName(rule.groupname)) continue;
      if (reconcile?.autoLink) sources.push(rule);
      else if (!dryRun) {
        await store.groupLinks.recordUnlinked({
          direction: 'wecom_to_feishu',
          wecomRuleId: String(rule.groupid),
          wecomRuleName: rule.groupname,
        });
      }
    }
    return sources;
  }

  /**
   * The WeCom rule of a link is gone. Its Feishu group is deleted too only with SYNC_PROPAGATE_DELETES=true;
   * otherwise it is left alone and the item says so.
   */
  private async sourceDeleted(link: GroupLink): Promise<SyncRunItem> {
    const { store, dryRun, propagateDeletes } = this.context;
    const ruleId = link.wecomRuleId ?? '';
    const groupId = link.feishuGroupId;
    if (!groupId || !propagateDeletes) {
      if (!dryRun)
        await store.groupLinks.setStatus(link.id, 'source_missing', {
          message: 'WeCom rule not found',
          kind: 'source_missing',
        });
      return item(ruleId, groupId, 'skipped', [], {
        error: groupId
          ? 'the WeCom rule no longer exists; its Feishu group was left as it is (SYNC_PROPAGATE_DELETES is off)'
          : 'the WeCom rule no longer exists',
      });
    }
    const deleted: Loss = {
      field: 'group',
      severity: 'info',
      message: `The WeCom rule was deleted, so its Feishu group ${groupId} was deleted too (SYNC_PROPAGATE_DELETES).`,
    };
    if (dryRun) {
      return item(ruleId, groupId, 'updated', [deleted], {
        plan: feishuPlan([{ api: 'delete_group', body: { group_id: groupId } }]),
      });
    }
    await this.feishu.deleteGroup(groupId);
    await store.groupLinks.delete(link.id);
    return item(ruleId, groupId, 'updated', [deleted]);
  }

  /** Every list read of the run hands the records it cannot read to the run (one failed item each). */
  private get readOptions() {
    return { onUnreadable: this.context.unreadable.sink };
  }

  private remember(shift: FeishuShift): void {
    if (!this.shiftById.has(shift.shift_id)) this.shifts.push(shift);
    else this.shifts = this.shifts.map((known) => (known.shift_id === shift.shift_id ? shift : known));
    this.shiftById.set(shift.shift_id, shift);
  }

  private syncItem(rule: WecomCheckinGroupRead): Promise<SyncRunItem | null> {
    const { store } = this.context;
    const ruleId = String(rule.groupid);
    return syncRuleItem(
      this.context,
      {
        sourceId: ruleId,
        resource: `wecom-rule:${ruleId}`,
        findLink: () => store.groupLinks.findByWecomRuleId(ruleId),
        targetIdOf: (link) => link.feishuGroupId,
      },
      () => this.syncOne(rule),
    );
  }

  /** The rule's item; null when a two-way link's change is the other direction's to push (or report). */
  private async syncOne(rule: WecomCheckinGroupRead): Promise<SyncRunItem | null> {
    const { store, dryRun } = this.context;
    const ruleId = String(rule.groupid);
    const link = await store.groupLinks.findByWecomRuleId(ruleId);
    const source = wecomToCanonical(rule);
    if (!source.ok) return this.refuse(ruleId, link, source.losses);
    const wecomHash = ruleContentHash(source.value);

    const target = await this.locate(link, feishuGroupNameFor(rule.groupname, null));
    if (target.kind === 'name_taken') {
      return item(ruleId, null, 'skipped', source.losses, {
        error:
          `a Feishu attendance group named "${source.value.name}" (group_id ${target.groupId}) already exists and this ` +
          'gateway has no record of creating it, so it was not adopted; rename it in Feishu, then run again',
      });
    }
    const actual = target.kind === 'absent' ? null : target.group;
    if (this.context.reconcile && link?.direction === 'two_way') {
      // The Feishu → WeCom half of the run, which goes first, reports conflicts, deletions and in-sync links;
      // this half only pushes a WeCom-side change.
      if (!actual || link.status === 'conflict') return null;
      const feishuSide = await this.currentFeishuSide(actual, link);
      const current = { feishuHash: feishuSide.hash, wecomHash };
      const legacy = { feishu: feishuSide.legacyHash, wecom: () => legacyRuleContentHashes(source.value) };
      if (twoWayDecision(link, current, legacy) !== 'wecom_changed') return null;
    }
    const desired = { ...source.value, name: feishuGroupNameFor(rule.groupname, actual) };
    const plan = canonicalToFeishu(desired, {
      resolver: this.context.resolver,
      groupLeaderIds: this.groupLeaderIds,
      existingShifts: this.shifts,
      ...(actual ? { groupId: actual.group_id } : {}),
      ...(this.context.effectiveNow !== undefined ? { effectiveNow: this.context.effectiveNow } : {}),
    });
    const losses: Loss[] = [...source.losses, ...plan.losses];
    if (target.kind === 'absent' && target.note) losses.push(target.note);
    if (!plan.ok) return this.refuse(ruleId, link, losses);

    const creates = plan.value.shifts.flatMap((entry) => (entry.action === 'create' ? [entry] : []));
    // With every shift reused the ids are known now, so the comparison sees the group exactly as it would be
    // written; with shifts still to create, the group changes anyway (it will name new shifts).
    const comparable =
      creates.length === 0
        ? {
            ...plan.value,
            groupTemplate: bindFeishuShiftIds(plan.value.groupTemplate, planShiftIds(plan.value, new Map())),
          }
        : plan.value;
    const write = actual ? this.overwriteBody(comparable, actual) : null;
    if (actual && write && creates.length === 0) {
      const desiredHash = (await this.groupSide(write.asRead, plan.value)).hash;
      const actualSide = await this.groupSide(actual, plan.value);
      const actualHash = actualSide.hash;
      if (desiredHash !== null && desiredHash === actualHash) {
        if (!dryRun) {
          const linkId = await this.markSynced(link, ruleId, actual, desiredHash, wecomHash, rule.groupname);
          const reused = planShiftIds(plan.value, new Map());
          await this.recordShiftLinks(linkId, plan.value, reused, source.value.kind);
        }
        return item(ruleId, actual.group_id, 'unchanged', [...losses, ...write.notes]);
      }
      if (link?.feishuHash && sideChanged(link.feishuHash, actualHash, actualSide.legacyHash)) {
        losses.push({
          field: 'group',
          severity: 'info',
          message:
            'The Feishu group was changed outside the gateway since the last sync; this one-way sync overwrote ' +
            'it with the WeCom rule.',
        });
      }
    }
    if (write) losses.push(...write.notes);

    if (dryRun) {
      const requests: PlannedRequest[] = [
        ...creates.map((entry) => ({ api: 'create_shift', body: { shift: entry.shift } })),
        { api: 'save_group', body: { group: write?.body ?? plan.value.groupTemplate } },
      ];
      return item(ruleId, actual?.group_id ?? null, actual ? 'updated' : 'created', losses, {
        plan: feishuPlan(requests),
      });
    }

    const createdIds = new Map<string, string>();
    for (const entry of creates) {
      const created = await this.createShift(entry.shift);
      this.remember(created);
      createdIds.set(entry.shiftKey, created.shift_id);
    }
    const shiftIds = planShiftIds(plan.value, createdIds);
    if (actual) {
      const bound = this.overwriteBody(
        { ...plan.value, groupTemplate: bindFeishuShiftIds(plan.value.groupTemplate, shiftIds) },
        actual,
      );
      const saved = await this.feishu.createOrUpdateGroup(bound.body);
      const feishuHash = (await this.groupSide(saved, plan.value, shiftIds)).hash ?? '';
      const linkId = await this.markSynced(link, ruleId, saved, feishuHash, wecomHash, rule.groupname);
      await this.recordShiftLinks(linkId, plan.value, shiftIds, source.value.kind);
      return item(ruleId, saved.group_id, 'updated', losses);
    }

    const body = bindFeishuShiftIds(plan.value.groupTemplate, shiftIds);
    // Intent first: a crash after Feishu created the group is adopted by its name on the next run.
    const intent = link?.feishuGroupId
      ? await store.groupLinks.resetFeishuTarget(link.id, body.group_name)
      : await store.groupLinks.recordIntent({
          direction: link?.direction ?? 'wecom_to_feishu',
          wecomRuleId: ruleId,
          wecomRuleName: rule.groupname,
          feishuGroupName: body.group_name,
        });
    const pending = intent.status === 'pending' ? intent : await store.groupLinks.setStatus(intent.id, 'pending');
    let saved: FeishuGroup;
    try {
      saved = await this.feishu.createOrUpdateGroup(body);
    } catch (error) {
      await store.groupLinks.setStatus(pending.id, 'pending', linkFailureOf(error));
      throw error;
    }
    const feishuHash = (await this.groupSide(saved, plan.value, shiftIds)).hash ?? '';
    const linkId = await this.markSynced(pending, ruleId, saved, feishuHash, wecomHash, rule.groupname);
    await this.recordShiftLinks(linkId, plan.value, shiftIds, source.value.kind);
    return item(ruleId, saved.group_id, 'created', losses);
  }

  /**
   * The Feishu group of this rule: the linked one; else, for a recorded intent, the group with the recorded
   * name (a create that may have happened before a crash); else none — unless a group has the name without
   * any record of ours, which is then somebody else's.
   */
  private async locate(link: GroupLink | null, name: string): Promise<Target> {
    if (link?.feishuGroupId) {
      try {
        return { kind: 'linked', group: await this.feishu.getGroup(link.feishuGroupId) };
      } catch (error) {
        if (!(isVendorError(error) && error.kind === 'not_found')) throw error;
      }
    }
    const recordedName = link?.feishuGroupName ?? name;
    const matches = (await this.feishu.searchGroups(recordedName, { exactlyMatched: true })).filter(
      (group) => group.group_name === recordedName,
    );
    const first = matches.sort((a, b) => (a.group_id < b.group_id ? -1 : 1))[0];
    if (link?.feishuGroupId) {
      if (first) return { kind: 'name_taken', groupId: first.group_id };
      return {
        kind: 'absent',
        note: {
          field: 'group',
          severity: 'info',
          message: `The linked Feishu group ${link.feishuGroupId} no longer exists in Feishu; it was created again.`,
        },
      };
    }
    if (!first) return { kind: 'absent', note: null };
    if (!link) return { kind: 'name_taken', groupId: first.group_id };
    return { kind: 'adopt', group: await this.feishu.getGroup(first.group_id) };
  }

  /** A created shift, or — when a crashed run already created it under this name — that shift. */
  private async createShift(shift: FeishuShiftCreate): Promise<FeishuShift> {
    const existing = await this.feishu.queryShiftByName(shift.shift_name);
    return existing ?? this.feishu.createShift(shift);
  }

  /**
   * The overwrite of `actual` with the plan: Feishu-only fields of the existing group kept, the plan's
   * fields over them, and of the plan's locations only those the group lacks (Feishu appends locations).
   * `asRead` is how the group will read afterwards, for the change comparison.
   */
  private overwriteBody(
    plan: FeishuGroupPlan,
    actual: FeishuGroup,
  ): { body: FeishuGroupCreate; asRead: FeishuGroup; notes: Loss[] } {
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
                `${extra.length} location(s) of the Feishu group are not in the WeCom rule, but Feishu's API can only ` +
                'add locations, never remove them; remove them in the Feishu admin console if they should go.',
              sourceValue: extra.map((location) => location.location_name),
            },
          ]
        : [];
    return { body, asRead, notes };
  }

  /** The Feishu side as the last sync recorded it: the group with its own shifts and its linked ones. */
  private async currentFeishuSide(group: FeishuGroup, link: GroupLink): Promise<FeishuSide> {
    const linked = await this.context.store.shiftLinks.listForGroupLink(link.id);
    const ids = new Map(
      linked.flatMap((shift) => (shift.feishuShiftId ? [[shift.wecomKey, shift.feishuShiftId] as const] : [])),
    );
    return this.groupSideOf(group, ids);
  }

  /** A Feishu group read with the shifts the plan stands for (and any the group names), as content hashes. */
  private async groupSide(
    group: FeishuGroup,
    plan: FeishuGroupPlan,
    shiftIds: ReadonlyMap<string, string> = planShiftIds(plan, new Map()),
  ): Promise<FeishuSide> {
    return this.groupSideOf(group, shiftIds);
  }

  private async groupSideOf(group: FeishuGroup, shiftIds: ReadonlyMap<string, string>): Promise<FeishuSide> {
    const ids = new Set<string>(shiftIds.values());
    for (const id of group.punch_day_shift_ids ?? []) ids.add(id);
    for (const day of group.need_punch_special_days ?? []) ids.add(day.shift_id);
    ids.delete('0');
    const shifts: FeishuShift[] = [];
    for (const id of [...ids].sort()) {
      let shift = this.shiftById.get(id);
      if (!shift) {
        shift = await this.feishu.getShift(id);
        this.remember(shift);
      }
      shifts.push(shift);
    }
    const canonical = feishuToCanonical({ group, shifts }, feishuReadOptions(this.context));
    if (!canonical.ok) return { hash: null, legacyHash: () => [] };
    return { hash: ruleContentHash(canonical.value), legacyHash: () => legacyRuleContentHashes(canonical.value) };
  }

  private async markSynced(
    link: GroupLink | null,
    wecomRuleId: string,
    group: FeishuGroup,
    feishuHash: string,
    wecomHash: string,
    wecomRuleName: string,
  ): Promise<string> {
    const { store } = this.context;
    if (
      link?.status === 'active' &&
      link.feishuGroupId === group.group_id &&
      link.feishuHash === feishuHash &&
      link.wecomHash === wecomHash
    ) {
      return link.id;
    }
    const ensured =
      link ??
      (await store.groupLinks.recordIntent({
        direction: 'wecom_to_feishu',
        wecomRuleId,
        wecomRuleName,
        feishuGroupName: group.group_name,
      }));
    await store.groupLinks.markSynced(ensured.id, {
      feishuGroupId: group.group_id,
      feishuGroupName: group.group_name,
      wecomRuleId,
      wecomRuleName,
      feishuHash,
      wecomHash,
      syncedAt: this.context.now(),
    });
    return ensured.id;
  }

  /**
   * Remembers which Feishu shift stands for which WeCom schedule of a 排班 rule. A Feishu 排班 group names no
   * shifts (its roster does), so this is how the other direction and the roster sync know the group's shifts.
   * One WeCom schedule per Feishu shift (the table's key): identical schedules share a shift; the schedule
   * already linked to it is kept while the rule still has it, else the first. Stale rows go before the new
   * ones are written, in one transaction: a shift whose schedule changed (HR added an identical schedule with
   * a lower id) would otherwise collide with its old row and fail every run (found by the fault suite).
   */
  private async recordShiftLinks(
    linkId: string,
    plan: FeishuGroupPlan,
    shiftIds: ReadonlyMap<string, string>,
    kind: 'fixed' | 'shift_based' | 'free',
  ): Promise<void> {
    if (kind !== 'shift_based') return;
    const { store } = this.context;
    const existing = (await store.shiftLinks.listForGroupLink(linkId)).filter((link) => link.wecomKind === 'schedule');
    const desired: { feishuShiftId: string; wecomKey: string }[] = [];
    for (const entry of plan.shifts) {
      const feishuShiftId = shiftIds.get(entry.shiftKey);
      if (!feishuShiftId || desired.some((pair) => pair.feishuShiftId === feishuShiftId)) continue;
      const linked = existing.find(
        (link) => link.feishuShiftId === feishuShiftId && entry.sourceShiftKeys.includes(link.wecomKey),
      );
      const wecomKey = linked?.wecomKey ?? entry.sourceShiftKeys[0];
      if (wecomKey === undefined || desired.some((pair) => pair.wecomKey === wecomKey)) continue;
      desired.push({ feishuShiftId, wecomKey });
    }
    const keep = existing
      .filter((link) =>
        desired.some((pair) => pair.feishuShiftId === link.feishuShiftId && pair.wecomKey === link.wecomKey),
      )
      .map((link) => link.id);
    await store.transaction(async (session) => {
      await session.shiftLinks.deleteOthers(linkId, keep);
      for (const { feishuShiftId, wecomKey } of desired) {
        await session.shiftLinks.upsert({
          groupLinkId: linkId,
          feishuShiftId,
          feishuShiftName: this.shiftById.get(feishuShiftId)?.shift_name ?? null,
          wecomKind: 'schedule',
          wecomKey,
          contentHash: null,
        });
      }
    });
  }

  private async refuse(ruleId: string, link: GroupLink | null, losses: readonly Loss[]): Promise<SyncRunItem> {
    const reason = refusalReason(losses);
    if (link && !this.context.dryRun) {
      await this.context.store.groupLinks.setStatus(link.id, 'failed', {
        message: reason,
        kind: 'translation_refused',
      });
    }
    return item(ruleId, link?.feishuGroupId ?? null, 'failed', losses, { error: reason });
  }
}

/**
 * The Feishu name of a rule's group. A rule the gateway made from a Feishu group carries that group's name plus
 * a suffix (wecomRuleNameFor): the suffix is the gateway's bookkeeping, not part of the name, so the linked
 * group keeps its name; a suffixed rule without its group is named without the suffix.
 */
function feishuGroupNameFor(ruleName: string, actual: FeishuGroup | null): string {
  if (actual && wecomRuleNameFor({ name: actual.group_name, feishuGroupId: actual.group_id }) === ruleName) {
    return actual.group_name;
  }
  if (!isGatewayRuleName(ruleName)) return ruleName;
  return ruleName.replace(/·(fs[0-9a-z]+|fh[0-9a-f]{12})$/u, '') || ruleName;
}

function feishuPlan(requests: readonly PlannedRequest[]): ItemPlan {
  return { vendor: 'feishu', requests };
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
