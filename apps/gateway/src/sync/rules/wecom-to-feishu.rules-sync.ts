import type { Loss, Note } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import {
  type FeishuGroupRecord,
  type FeishuGroupWritePlan,
  type FeishuRulesConnector,
  type WecomRule,
  type WecomRulesConnector,
  feishuPlan,
  type FeishuGroupSide,
} from '@app/connectors';
import { legacyRuleContentHashes, ruleContentHash } from '@app/translation';
import { planRuleChange, type SideState } from '../engine/plan-rule-change.js';
import { linkSide, linkSideId } from '../engine/link-sides.js';
import { syncRuleItem } from './rule-item.js';
import { nameTakenItem, openConflictItem, planLinkOf, skippedByResolution } from './two-way.js';
import {
  item,
  ruleConnectors,
  type RuleConnectorFactories,
  type RuleDirection,
  type RulesRunContext,
} from './rule-sync.types.js';
import { linkFailureOf } from '../engine/sync-error-policy.js';
import { refusedItem, sourceDeletedItem } from './rule-removals.js';

type Target =
  | { readonly kind: 'linked' | 'adopt'; readonly group: FeishuGroupRecord }
  | { readonly kind: 'absent' | 'linked_missing'; readonly note: Note | null }
  | { readonly kind: 'name_taken'; readonly group: { readonly group_id: string; readonly group_name: string } }
  /** A same-named group another link pairs with another rule: not this rule's to take. */
  | { readonly kind: 'held'; readonly groupId: string; readonly ruleId: string };

/**
 * WeCom checkin rules → Feishu attendance groups (+ shifts), level-triggered like the other direction.
 * Feishu shifts are tenant-wide with unique names and must exist before a group names them, so each rule's
 * plan reuses identical shifts (including ones an earlier, crashed run created: their names are derived from
 * their content) and creates the rest. A group is written read-modify-write: Feishu-only fields of the
 * existing group are kept, and only locations it lacks are sent, because Feishu appends locations.
 * Rules are processed one at a time: two rules needing the same new shift must not both create it.
 */
export class WecomToFeishuRulesSync {
  private readonly feishu: FeishuRulesConnector;
  private readonly wecom: WecomRulesConnector;
  private readonly direction: RuleDirection;

  constructor(
    private readonly context: RulesRunContext,
    connect: RuleConnectorFactories,
  ) {
    ({ feishu: this.feishu, wecom: this.wecom } = ruleConnectors(context, connect));
    this.direction = { source: this.wecom, target: this.feishu };
  }

  async run(): Promise<SyncRunItem[]> {
    const rules = await this.wecom.list();
    const wanted = this.context.groupIds ? new Set(this.context.groupIds) : null;
    const selected = this.context.reconcile
      ? await this.reconcileSources(rules)
      : rules.filter((rule) => !wanted || wanted.has(String(rule.groupid)));
    await this.feishu.loadShifts();
    this.context.onItemsPlanned?.(selected.length);
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
      const ruleOf = (link: GroupLink) => linkSideId(link, this.wecom.vendor);
      const gone = (await this.context.store.groupLinks.list()).filter((link) => {
        const ruleId = ruleOf(link);
        return (
          link.direction === 'wecom_to_feishu' && link.status !== 'unlinked' && ruleId !== null && !present.has(ruleId)
        );
      });
      this.context.onItemsPlanned?.(gone.length);
      for (const link of gone) {
        const deleted = await sourceDeletedItem(this.context, this.direction, ruleOf(link) ?? '', link);
        items.push(deleted);
        this.context.onItemDone?.(deleted);
      }
    }
    return items;
  }

  /**
   * Scheduled reconciliation: the rules of links that sync from WeCom (one-way or two-way), plus rules no link
   * knows yet — synced when auto-linking is on, else recorded as `unlinked`. Not new: a rule whose name a
   * link recorded as the intent of a create it has not linked yet (the Feishu → WeCom half is creating it, or
   * crashed after creating it), a rule carrying a legacy gateway name (the gateway's own, its link lost), and
   * a rule an open name conflict found (it waits for that conflict's resolution).
   */
  private async reconcileSources(rules: readonly WecomRule[]): Promise<WecomRule[]> {
    const { store, reconcile, dryRun } = this.context;
    const [links, open] = await Promise.all([store.groupLinks.list(), store.conflicts.list({ openOnly: true })]);
    const rulesOf = links.map((link) => ({ link, rule: linkSide(link, this.wecom.vendor) }));
    const byRule = new Map(rulesOf.flatMap(({ link, rule }) => (rule.id ? [[rule.id, link] as const] : [])));
    const intended = new Set(rulesOf.flatMap(({ rule }) => (!rule.id && rule.name ? [rule.name] : [])));
    const found = new Set(
      open.flatMap((conflict) => (conflict.found?.vendor === this.wecom.vendor ? [conflict.found.id] : [])),
    );
    const sources: WecomRule[] = [];
    for (const rule of rules) {
      const link = byRule.get(String(rule.groupid));
      if (link) {
        if (link.status !== 'unlinked' && link.direction !== 'feishu_to_wecom') sources.push(rule);
        continue;
      }
      if (this.wecom.isLegacyGatewayName(rule.groupname) || intended.has(rule.groupname)) continue;
      if (found.has(String(rule.groupid))) continue;
      if (reconcile?.autoLink) sources.push(rule);
      else if (!dryRun) {
        await store.groupLinks.recordUnlinked({
          direction: 'wecom_to_feishu',
          source: { vendor: this.wecom.vendor, id: String(rule.groupid), name: rule.groupname },
        });
      }
    }
    return sources;
  }

  private syncItem(rule: WecomRule): Promise<SyncRunItem | null> {
    const { store } = this.context;
    const ruleId = String(rule.groupid);
    return syncRuleItem(
      this.context,
      {
        sourceId: ruleId,
        resource: `wecom-rule:${ruleId}`,
        findLink: () => store.groupLinks.findBySide(this.wecom.vendor, ruleId),
        targetVendor: this.feishu.vendor,
      },
      () => this.syncOne(rule),
    );
  }

  /** The rule's item; null when a two-way link's change is the other direction's to push (or report). */
  private async syncOne(rule: WecomRule): Promise<SyncRunItem | null> {
    const { store, dryRun } = this.context;
    const ruleId = String(rule.groupid);
    const link = await store.groupLinks.findBySide(this.wecom.vendor, ruleId);
    const skipped = await skippedByResolution(this.context, link, ruleId);
    if (skipped) return skipped;
    const source = this.wecom.toCanonical(rule);
    // planRuleChange's first rule, taken before anything is read from Feishu for it.
    if (!source.ok) return refusedItem(this.context, this.direction, ruleId, link, source.losses);
    const wecomHash = ruleContentHash(source.value);

    const target = await this.locate(link, this.feishuGroupNameFor(rule.groupname, null));
    if (target.kind === 'held') {
      return item(ruleId, null, 'skipped', source.losses, {
        error:
          `the Feishu attendance group ${target.groupId} carries this rule's name but is already paired with ` +
          `WeCom rule ${target.ruleId}, so it was not adopted and no second group of that name was created; ` +
          'rename one of the two rules in WeCom, then run again',
      });
    }
    const actual = target.kind === 'linked' || target.kind === 'adopt' ? target.group : null;
    const planLink = link ? await planLinkOf(this.context, link, this.direction) : null;
    const twoWay = this.context.reconcile !== undefined && link?.direction === 'two_way';
    // The two-way question (which side changed) needs the Feishu side as its last sync recorded it.
    const feishuNow =
      twoWay && actual && link.status !== 'conflict' ? await this.currentFeishuSide(actual, link) : null;
    const sides = {
      source: {
        hash: wecomHash,
        recorded: (link && linkSide(link, this.wecom.vendor).hash) || null,
        legacy: () => legacyRuleContentHashes(source.value),
      },
      target: feishuNow ? sideState(feishuNow, link) : null,
    };
    const desired = { ...source.value, name: this.feishuGroupNameFor(rule.groupname, actual) };
    const plan = this.feishu.plan(desired, {
      resolver: this.context.resolver,
      groupLeaderIds: this.context.groupLeaderIds ?? [],
      ...(actual ? { groupId: actual.group_id } : {}),
      ...(this.context.effectiveNow !== undefined ? { effectiveNow: this.context.effectiveNow } : {}),
    });
    const losses: Loss[] = [...source.losses, ...plan.losses];
    const notes = [target.kind === 'absent' || target.kind === 'linked_missing' ? target.note : null];

    const creates = plan.ok ? plan.value.shifts.flatMap((entry) => (entry.action === 'create' ? [entry] : [])) : [];
    // With every shift reused the ids are known now, so the comparison sees the group exactly as it would be
    // written; with shifts still to create, the group changes anyway (it will name new shifts).
    const comparable =
      plan.ok && creates.length === 0
        ? this.feishu.bindShifts(plan.value, this.feishu.shiftIdsOf(plan.value))
        : plan.ok
          ? plan.value
          : null;
    const write = actual && comparable ? this.feishu.overwrite(comparable, actual, this.wecom.ruleNoun) : null;
    let comparison: { readonly actual: SideState; readonly desired: string | null } | undefined;
    if (plan.ok && actual && write && creates.length === 0) {
      const desiredHash = (await this.groupSide(write.asRead, plan.value)).hash;
      comparison = { actual: sideState(await this.groupSide(actual, plan.value), link), desired: desiredHash };
    }
    const change = planRuleChange({
      half: this.context.reconcile ? 'pushing' : 'one_way',
      link: planLink,
      sourceReadable: true,
      writable: plan.ok,
      target: target.kind,
      sides,
      ...(comparison ? { comparison } : {}),
      namedExplicitly: this.context.groupIds !== undefined,
    });
    switch (change.kind) {
      case 'leave_to_other_half':
        return null;
      case 'refuse':
        return refusedItem(this.context, this.direction, ruleId, link, losses);
      case 'name_taken': {
        const found = (target as Extract<Target, { kind: 'name_taken' }>).group;
        return nameTakenItem(
          this.context,
          this.direction,
          ruleId,
          link ??
            (() =>
              store.groupLinks.recordIntent({
                direction: 'wecom_to_feishu',
                source: { vendor: this.wecom.vendor, id: ruleId, name: rule.groupname },
              })),
          { id: found.group_id, name: found.group_name },
          source.losses,
        );
      }
      case 'blocked_by_conflict':
        // A name conflict blocks every half; a content conflict only reaches the deciding half.
        return link ? openConflictItem(this.context, link, ruleId, linkSideId(link, this.feishu.vendor)) : null;
      case 'target_deleted':
      case 'in_sync':
      case 'conflict':
      case 'skip_foreign':
        // Only the deciding half (Feishu → WeCom) answers the first three; Feishu refuses no write for good.
        throw new Error(`the WeCom → Feishu half of a run cannot decide "${change.kind}"`);
      case 'unchanged':
      case 'create':
      case 'update':
        break;
    }
    if (!plan.ok) return refusedItem(this.context, this.direction, ruleId, link, losses);
    if (change.kind === 'unchanged' && actual && write) {
      if (!dryRun) {
        const linkId = await this.markSynced(link, ruleId, actual, comparison!.desired!, wecomHash, rule.groupname);
        const reused = this.feishu.shiftIdsOf(plan.value);
        await this.recordShiftLinks(linkId, plan.value, reused, source.value.kind);
      }
      return item(ruleId, actual.group_id, 'unchanged', [...losses, ...write.notes]);
    }
    if (change.kind === 'update' && change.overwritesDrift) {
      notes.push({
        field: 'group',
        code: 'target_drift_overwritten',
        message:
          'The Feishu group was changed outside the gateway since the last sync; this one-way sync overwrote ' +
          'it with the WeCom rule.',
      });
    }
    if (write) losses.push(...write.notes);

    if (dryRun) {
      const requests = this.feishu.writeRequests(
        creates.map((entry) => entry.shift),
        write?.body ?? plan.value.groupTemplate,
      );
      return item(ruleId, actual?.group_id ?? null, actual ? 'updated' : 'created', losses, {
        notes,
        plan: feishuPlan(requests),
      });
    }

    const createdIds = new Map<string, string>();
    for (const entry of creates) {
      const created = await this.feishu.createShift(entry.shift);
      createdIds.set(entry.shiftKey, created.shift_id);
    }
    const shiftIds = this.feishu.shiftIdsOf(plan.value, createdIds);
    if (actual) {
      const bound = this.feishu.overwrite(this.feishu.bindShifts(plan.value, shiftIds), actual, this.wecom.ruleNoun);
      const saved = await this.feishu.saveGroup(bound.body);
      const feishuHash = (await this.groupSide(saved, plan.value, shiftIds)).hash ?? '';
      const linkId = await this.markSynced(link, ruleId, saved, feishuHash, wecomHash, rule.groupname);
      await this.recordShiftLinks(linkId, plan.value, shiftIds, source.value.kind);
      return item(ruleId, saved.group_id, 'updated', losses, { notes });
    }

    const body = this.feishu.bindShifts(plan.value, shiftIds).groupTemplate;
    // Intent first: a crash after Feishu created the group is adopted by its name on the next run.
    const intent =
      link && linkSideId(link, this.feishu.vendor)
        ? await store.groupLinks.resetTarget(link.id, this.feishu.vendor, body.group_name)
        : await store.groupLinks.recordIntent({
            direction: link?.direction ?? 'wecom_to_feishu',
            source: { vendor: this.wecom.vendor, id: ruleId, name: rule.groupname },
            target: { vendor: this.feishu.vendor, name: body.group_name },
          });
    const pending = intent.status === 'pending' ? intent : await store.groupLinks.setStatus(intent.id, 'pending');
    let saved: FeishuGroupRecord;
    try {
      saved = await this.feishu.saveGroup(body);
    } catch (error) {
      await store.groupLinks.setStatus(pending.id, 'pending', linkFailureOf(error));
      throw error;
    }
    const feishuHash = (await this.groupSide(saved, plan.value, shiftIds)).hash ?? '';
    const linkId = await this.markSynced(pending, ruleId, saved, feishuHash, wecomHash, rule.groupname);
    await this.recordShiftLinks(linkId, plan.value, shiftIds, source.value.kind);
    return item(ruleId, saved.group_id, 'created', losses, { notes });
  }

  /**
   * The Feishu group of this rule: the linked one; else, for a recorded intent (a create that may have
   * happened before a crash), the group with the recorded name unless another link pairs it; else none. A
   * group of the rule's name that another link pairs is not this rule's (`held`); one no link pairs is
   * somebody else's: a name conflict, never adopted silently.
   */
  private async locate(link: GroupLink | null, name: string): Promise<Target> {
    const linked = link ? linkSide(link, this.feishu.vendor) : null;
    if (linked?.id) {
      const group = await this.feishu.findGroup(linked.id);
      if (group) return { kind: 'linked', group };
    }
    const intent = linked && !linked.id ? linked.name : null;
    const first = (await this.feishu.groupsNamed(intent ?? name))[0];
    const missing = linked?.id ? 'linked_missing' : 'absent';
    if (!first) {
      const note: Note | null =
        missing === 'linked_missing'
          ? {
              field: 'group',
              message: `The linked Feishu group ${linked!.id!} no longer exists in Feishu; it was created again.`,
            }
          : null;
      return { kind: missing, note };
    }
    const pairedBy = await this.context.store.groupLinks.findBySide(this.feishu.vendor, first.group_id);
    const pairedWith = pairedBy ? linkSide(pairedBy, this.wecom.vendor).id : null;
    if (pairedWith !== null && pairedBy?.id !== link?.id) {
      return { kind: 'held', groupId: first.group_id, ruleId: pairedWith };
    }
    if (intent !== null) return { kind: 'adopt', group: await this.feishu.getGroup(first.group_id) };
    return { kind: 'name_taken', group: first };
  }

  /** The Feishu side as the last sync recorded it: the group with its own shifts and its linked ones. */
  private async currentFeishuSide(group: FeishuGroupRecord, link: GroupLink): Promise<FeishuGroupSide> {
    const linked = await this.context.store.shiftLinks.listForGroupLink(link.id);
    return this.feishu.sideOf(
      group,
      linked.flatMap((shift) => (shift.feishuShiftId ? [shift.feishuShiftId] : [])),
    );
  }

  /** A Feishu group read with the shifts the plan stands for (and any the group names), as content hashes. */
  private groupSide(
    group: FeishuGroupRecord,
    plan: FeishuGroupWritePlan,
    shiftIds: ReadonlyMap<string, string> = this.feishu.shiftIdsOf(plan),
  ): Promise<FeishuGroupSide> {
    return this.feishu.sideOf(group, shiftIds.values());
  }

  private async markSynced(
    link: GroupLink | null,
    wecomRuleId: string,
    group: FeishuGroupRecord,
    feishuHash: string,
    wecomHash: string,
    wecomRuleName: string,
  ): Promise<string> {
    const { store } = this.context;
    const [linkedGroup, linkedRule] = link
      ? [linkSide(link, this.feishu.vendor), linkSide(link, this.wecom.vendor)]
      : [];
    if (
      link?.status === 'active' &&
      linkedGroup?.id === group.group_id &&
      linkedGroup.hash === feishuHash &&
      linkedRule?.hash === wecomHash
    ) {
      return link.id;
    }
    const ensured =
      link ??
      (await store.groupLinks.recordIntent({
        direction: 'wecom_to_feishu',
        source: { vendor: this.wecom.vendor, id: wecomRuleId, name: wecomRuleName },
        target: { vendor: this.feishu.vendor, name: group.group_name },
      }));
    await store.groupLinks.markSynced(ensured.id, {
      sides: [
        { vendor: this.wecom.vendor, id: wecomRuleId, name: wecomRuleName, hash: wecomHash },
        { vendor: this.feishu.vendor, id: group.group_id, name: group.group_name, hash: feishuHash },
      ],
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
    plan: FeishuGroupWritePlan,
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
          feishuShiftName: this.feishu.shiftName(feishuShiftId),
          wecomKind: 'schedule',
          wecomKey,
          contentHash: null,
        });
      }
    });
  }

  /**
   * The Feishu name of a rule's group: the rule's own name. A rule the gateway made from a Feishu group carries
   * that group's name, or "name (2)" … when another group's rule held it (plain-rule-names.ts), or, made before
   * plain names, the name with a `·fs` tag (legacy-rule-names.ts): the linked group keeps its name, and a tagged
   * rule without its group is named without the tag.
   */
  private feishuGroupNameFor(ruleName: string, actual: FeishuGroupRecord | null): string {
    if (actual && this.wecom.isNameFor(ruleName, actual.group_name)) return actual.group_name;
    if (actual && this.wecom.legacySourceIdOf(ruleName) === actual.group_id) return actual.group_name;
    return this.wecom.withoutLegacyTag(ruleName);
  }
}

/** A Feishu group's side as planRuleChange weighs it: now, and what the link's last sync recorded. */
function sideState(side: FeishuGroupSide, link: GroupLink | null): SideState {
  return { hash: side.hash, recorded: (link && linkSide(link, 'feishu').hash) || null, legacy: side.legacyHash };
}
