import pMap from 'p-map';
import type { Loss, Note } from '@app/kernel';
import type { GroupLink, GroupLinkSyncedState, SyncRunItem } from '@app/mapping-store';
import {
  type FeishuRulesConnector,
  type WecomRule,
  type WecomRuleCreate,
  type WecomRulesConnector,
  wecomPlan,
  type WecomRuleUpdatePlan,
} from '@app/connectors';
import { legacyRuleContentHashes, ruleContentHash } from '@app/translation';
import { planRuleChange, type SideState } from '../engine/plan-rule-change.js';
import { linkSide, linkSideId } from '../engine/link-sides.js';
import { syncRuleItem } from './rule-item.js';
import { nameTakenItem, openConflictItem, planLinkOf, recordConflict, skippedByResolution } from './two-way.js';
import { WecomRuleNames, type RuleLocation } from './wecom-rule-names.js';
import { refusedItem, sourceDeletedItem, targetDeletedItem } from './rule-removals.js';
import {
  item,
  ruleConnectors,
  type RuleConnectorFactories,
  type RuleDirection,
  type RulesRunContext,
} from './rule-sync.types.js';
import { linkFailureOf } from '../engine/sync-error-policy.js';

/**
 * Groups in flight at once. The vendors are protected by the clients' rate limiters, not by this number; it
 * only has to keep the tightest limiter busy, which takes (time one group spends outside the limiter queues)
 * ÷ (the limiter's spacing) groups. A group makes its store statements and 2–3 vendor calls one after another
 * (a 排班 group 6–7): against the real vendors that is a few round trips of 50–200 ms each, against WeCom's
 * 24 ms between add_checkin_option calls (its 150,000/h) and Feishu's 20 ms between group reads (50/s). At 8,
 * a group slower than ~190 ms already left the limiters idle; 32 covers ~750 ms. The pace stays the vendors'
 * published one whatever the number: more in flight only means more requests waiting in the limiters.
 */
const CONCURRENCY = 32;
/** New links recorded per statement at the end of a run. */
const LINK_BATCH = 500;

/** A rule the gateway created but has not linked yet (WeCom's add answers no id): linked after one read. */
interface PendingCreate {
  readonly link: GroupLink;
  readonly feishuGroupId: string;
  readonly ruleName: string;
  readonly feishuHash: string;
  readonly losses: readonly Loss[];
}

/**
 * Feishu attendance groups → WeCom checkin rules, level-triggered: for each source group, the WeCom rule it
 * should be is computed and compared (as canonical content hashes) with the rule WeCom holds; only a
 * difference is written. What to do is planRuleChange's decision; the vendors' reads and write rules are
 * their connectors'. A rule carries its group's name (wecom-rule-names.ts says which when names repeat).
 * Crash safety: the link's intent (the planned name and content hash) is stored BEFORE add_checkin_option,
 * and a later run adopts the rule of that name instead of adding a second one; a same-named rule without such
 * a record is someone else's and becomes a name conflict, never adopted silently and never duplicated.
 */
export class FeishuToWecomRulesSync {
  private readonly feishu: FeishuRulesConnector;
  private readonly wecom: WecomRulesConnector;
  private readonly direction: RuleDirection;
  private readonly pendingCreates: PendingCreate[] = [];
  private names: WecomRuleNames;

  constructor(
    private readonly context: RulesRunContext,
    connect: RuleConnectorFactories,
  ) {
    ({ feishu: this.feishu, wecom: this.wecom } = ruleConnectors(context, connect));
    this.direction = { source: this.feishu, target: this.wecom };
    this.names = this.ruleNames([], new Set());
  }

  private ruleNames(links: readonly GroupLink[], listedAtStart: ReadonlySet<string>): WecomRuleNames {
    return new WecomRuleNames(links, listedAtStart, (name) => this.wecom.nameCandidates(name));
  }

  async run(): Promise<SyncRunItem[]> {
    // Independent reads of the two vendors: side by side, not one after the other.
    const [, groupIds, links] = await Promise.all([
      this.wecom.list(),
      this.context.groupIds ?? this.feishu.listGroupIds(),
      this.context.store.groupLinks.list(),
    ]);
    this.names = this.ruleNames(links, this.wecom.ids());
    const sources = this.context.reconcile ? await this.reconcileSources(groupIds, links) : groupIds;
    this.context.onItemsPlanned?.(sources.length);
    const items = (await pMap(sources, (groupId) => this.syncItem(groupId), { concurrency: CONCURRENCY })).filter(
      (entry): entry is SyncRunItem => entry !== null,
    );
    if (this.pendingCreates.length === 0) return items;
    const linked = await this.linkCreatedRules();
    return items.map((entry) => withNotes(linked.get(entry.sourceId), entry.notes) ?? entry);
  }

  /**
   * Scheduled reconciliation: the Feishu groups of links that sync from Feishu (one-way or two-way), plus the
   * groups no link knows yet — synced when auto-linking is on, else recorded as `unlinked` for an operator. A
   * group an open name conflict found (a WeCom rule wants its name) waits for that conflict's resolution.
   */
  private async reconcileSources(feishuGroupIds: readonly string[], links: readonly GroupLink[]): Promise<string[]> {
    const { store, reconcile, dryRun } = this.context;
    const open = await store.conflicts.list({ openOnly: true });
    const known = new Set([
      ...links.flatMap((link) => linkSideId(link, this.feishu.vendor) || []),
      ...open.flatMap((conflict) => (conflict.found?.vendor === this.feishu.vendor ? [conflict.found.id] : [])),
    ]);
    const sources = links
      .filter((link) => link.status !== 'unlinked' && link.direction !== 'wecom_to_feishu')
      .flatMap((link) => linkSideId(link, this.feishu.vendor) || []);
    for (const groupId of feishuGroupIds) {
      if (known.has(groupId)) continue;
      if (reconcile?.autoLink) sources.push(groupId);
      else if (!dryRun) {
        await store.groupLinks.recordUnlinked({
          direction: 'feishu_to_wecom',
          source: { vendor: this.feishu.vendor, id: groupId },
        });
      }
    }
    return sources;
  }

  /**
   * The link's WeCom rule is there but could not be read: nothing is written (a rule seen as missing would be
   * created a second time, or its deletion reported). The rule's own item says what could not be read.
   */
  private unreadableTarget(feishuGroupId: string, link: GroupLink | null): SyncRunItem | null {
    const ruleId = linkSideId(link, this.wecom.vendor);
    const record = ruleId ? this.context.unreadable.find('wecom', 'checkin rule', ruleId) : undefined;
    if (!ruleId || !record) return null;
    return item(feishuGroupId, ruleId, 'failed', [], {
      error:
        `the linked WeCom rule ${ruleId} could not be read (${record.reason}), so nothing was written to it; ` +
        `the rule's own item in this run says more`,
    });
  }

  private listLacksRuleOf(link: GroupLink): boolean {
    const rule = linkSide(link, this.wecom.vendor);
    if (rule.id) return !this.wecom.has(rule.id);
    return rule.name !== null && !this.wecom.hasName(rule.name);
  }

  private syncItem(feishuGroupId: string): Promise<SyncRunItem | null> {
    const { store } = this.context;
    return syncRuleItem(
      this.context,
      {
        sourceId: feishuGroupId,
        resource: `feishu-group:${feishuGroupId}`,
        findLink: () => store.groupLinks.findBySide(this.feishu.vendor, feishuGroupId),
        targetVendor: this.wecom.vendor,
      },
      () => this.syncOne(feishuGroupId),
    );
  }

  /** The group's item; null when a two-way link's change is the other direction's to push. */
  private async syncOne(feishuGroupId: string): Promise<SyncRunItem | null> {
    const { store } = this.context;
    const startedAt = this.wecom.mark();
    // Re-read now: the link may have changed since this run listed WeCom's rules (an item of this run, or an
    // earlier attempt of it whose process died mid-item, created or linked this group's rule). A link naming a
    // rule the list lacks may be just that: list again rather than create a second rule (or report the rule
    // deleted).
    const link = await store.groupLinks.findBySide(this.feishu.vendor, feishuGroupId);
    if (link && this.listLacksRuleOf(link)) await this.wecom.relist(startedAt);
    const unreadable = this.unreadableTarget(feishuGroupId, link);
    if (unreadable) return unreadable;
    const skipped = await skippedByResolution(this.context, link, feishuGroupId);
    if (skipped) return skipped;
    const group = await this.feishu.findGroup(feishuGroupId);
    if (!group) return sourceDeletedItem(this.context, this.direction, feishuGroupId, link);

    const source = await this.feishu.toCanonical(group, () => this.linkedShiftIds(link));
    const feishuHash = source.ok ? ruleContentHash(source.value) : null;
    // The link's two sides as its last sync (or a recorded intent) left them.
    const linkedFrom = link ? linkSide(link, this.feishu.vendor) : null;
    const linkedTo = link ? linkSide(link, this.wecom.vendor) : null;
    const linkedRule = linkedTo?.id ? this.wecom.byId(linkedTo.id) : undefined;
    const target: RuleLocation = source.ok
      ? this.names.locate(feishuGroupId, source.value.name, link, linkedRule, {
          named: (name) => this.wecom.named([name]),
          // The rule a crash left holds what the intent planned; an intent recorded before plans were hashed
          // (no hash) adopts by name alone, as it did then.
          matchesIntent: (rule) => linkedTo?.hash == null || this.wecom.contentHash(rule) === linkedTo.hash,
        })
      : { kind: 'absent', name: null };
    const ruleName = target.name ?? '';
    const payload =
      source.ok && target.name !== null
        ? this.wecom.planCreate(source.value, {
            resolver: this.context.resolver,
            // The group's own name when the rule takes it: the translation cuts it and reports the cut.
            ruleName: ruleName === this.wecom.nameCandidates(source.value.name)[0] ? source.value.name : ruleName,
            nowUnixSeconds: Math.floor(this.context.now().getTime() / 1000),
          })
        : null;
    const actual = target.kind === 'linked' || target.kind === 'adopt' ? target.rule : null;
    const update =
      source.ok && payload?.ok && actual ? this.wecom.planUpdate(payload.group, actual, source.value) : null;
    const planLink = link ? await planLinkOf(this.context, link, this.direction) : null;
    const sourceSide: SideState = {
      hash: feishuHash,
      recorded: linkedFrom?.hash || null,
      ...(source.ok ? { legacy: () => legacyRuleContentHashes(source.value) } : {}),
    };
    const targetSide = (rule: WecomRule): SideState => ({
      hash: this.wecom.contentHash(rule),
      recorded: linkedTo?.hash || null,
      legacy: () => this.wecom.legacyHashes(rule),
    });
    const change = planRuleChange({
      half: this.context.reconcile ? 'deciding' : 'one_way',
      link: planLink,
      sourceReadable: source.ok,
      // Without a free name nothing can be written; the create case below says why.
      writable: payload?.ok ?? target.name === null,
      target: target.kind,
      // The two-way questions are about the rule the link names, not one found by name.
      sides: { source: sourceSide, target: linkedRule ? targetSide(linkedRule) : null },
      ...(update && actual
        ? { comparison: { actual: { ...targetSide(actual), hash: update.actualHash }, desired: update.desiredHash } }
        : {}),
      namedExplicitly: this.context.groupIds !== undefined,
      renameDue: target.kind === 'linked' && target.renamedFrom !== null,
    });
    const sourceLosses = source.losses;
    const losses = [...sourceLosses, ...(payload?.losses ?? [])];
    const groupName = source.ok ? source.value.name : '';
    const named = nameNotes(target, this.wecom.nameCandidates(groupName)[0], groupName);
    const current = { feishuHash, wecomHash: linkedRule ? this.wecom.contentHash(linkedRule) : null };
    switch (change.kind) {
      case 'refuse':
        return refusedItem(this.context, this.direction, feishuGroupId, link, source.ok ? losses : sourceLosses);
      case 'leave_to_other_half':
        return null;
      case 'blocked_by_conflict':
        return openConflictItem(this.context, link!, feishuGroupId, linkedTo!.id);
      case 'target_deleted':
        return targetDeletedItem(this.context, this.direction, feishuGroupId, link!);
      case 'in_sync':
        // Neither side changed since the last sync: what differs between them is translation loss, and writing
        // it again would only bounce between the vendors.
        await this.recordCurrentHashes(link!, current);
        return item(feishuGroupId, linkedTo!.id, 'unchanged', sourceLosses);
      case 'conflict':
        return recordConflict(this.context, link!, feishuGroupId, linkedTo!.id, current, sourceLosses);
      case 'name_taken': {
        const found = (target as Extract<RuleLocation, { kind: 'name_taken' }>).rule;
        return nameTakenItem(
          this.context,
          this.direction,
          feishuGroupId,
          link ?? (() => this.recordLink(feishuGroupId, null, group.group_name)),
          { id: String(found.groupid), name: found.groupname },
          losses,
        );
      }
      case 'create': {
        if (target.name === null) {
          const candidates = this.wecom.nameCandidates(group.group_name);
          return item(feishuGroupId, null, 'skipped', losses, {
            error:
              `every name this group's WeCom rule could carry ("${candidates[0] ?? ''}" to ` +
              `"${candidates.at(-1) ?? ''}") is held by another group's rule, so none was created; rename the group`,
          });
        }
        const note: Note | null =
          target.kind === 'linked_missing'
            ? {
                field: 'rule',
                message: `The linked WeCom rule ${linkedTo!.id!} no longer exists in WeCom; it was created again.`,
              }
            : null;
        const created = this.create(
          { feishuGroupId, feishuGroupName: group.group_name },
          link,
          ruleName,
          (payload as { group: WecomRuleCreate }).group,
          feishuHash!,
          losses,
        );
        return withNotes(await created, [...named, note]);
      }
      case 'unchanged':
      case 'skip_foreign':
      case 'update': {
        const note: Note | null =
          target.kind === 'adopt' && target.sameNamed > 1
            ? {
                field: 'rule',
                message: `${target.sameNamed} WeCom rules carry the name "${target.rule.groupname}"; the oldest (groupid ${target.rule.groupid}) was adopted.`,
              }
            : null;
        const updated = this.update(
          { feishuGroupId, feishuGroupName: group.group_name },
          link,
          update!,
          feishuHash!,
          losses,
          change,
        );
        return withNotes(await updated, [...named, note]);
      }
    }
  }

  /** The Feishu shifts the store links to the group's link (a 排班 group made from a WeCom rule may have no roster yet). */
  private async linkedShiftIds(link: GroupLink | null): Promise<string[]> {
    if (!link) return [];
    const linked = await this.context.store.shiftLinks.listForGroupLink(link.id);
    return linked.flatMap((shift) => (shift.feishuShiftId ? [shift.feishuShiftId] : []));
  }

  private async create(
    { feishuGroupId, feishuGroupName }: FeishuSource,
    link: GroupLink | null,
    ruleName: string,
    group: WecomRuleCreate,
    feishuHash: string,
    losses: readonly Loss[],
  ): Promise<SyncRunItem> {
    const request = this.wecom.createRequest(group);
    if (this.context.dryRun) return item(feishuGroupId, null, 'created', losses, { plan: wecomPlan([request]) });
    const { store } = this.context;
    // Intent first: if the process dies after WeCom created the rule, the next run finds it by this name and
    // knows it by this content.
    const plannedHash = this.wecom.plannedHash(group);
    const intent =
      link && linkSideId(link, this.wecom.vendor)
        ? await store.groupLinks.resetTarget(link.id, this.wecom.vendor, ruleName, plannedHash)
        : await store.groupLinks.recordIntent({
            direction: link?.direction ?? 'feishu_to_wecom',
            source: { vendor: this.feishu.vendor, id: feishuGroupId, name: feishuGroupName },
            target: { vendor: this.wecom.vendor, name: ruleName, plannedHash },
          });
    const pending = intent.status === 'pending' ? intent : await store.groupLinks.setStatus(intent.id, 'pending');
    try {
      await this.wecom.send(request);
    } catch (error) {
      await store.groupLinks.setStatus(pending.id, 'pending', linkFailureOf(error));
      throw error;
    }
    this.pendingCreates.push({ link: pending, feishuGroupId, ruleName, feishuHash, losses });
    return item(feishuGroupId, null, 'created', losses);
  }

  /** An existing rule: recorded as it is, skipped as another app's, or written (see planRuleChange). */
  private async update(
    { feishuGroupId, feishuGroupName }: FeishuSource,
    link: GroupLink | null,
    plan: WecomRuleUpdatePlan,
    feishuHash: string,
    sourceLosses: readonly Loss[],
    change:
      { readonly kind: 'unchanged' | 'skip_foreign' } | { readonly kind: 'update'; readonly overwritesDrift: boolean },
  ): Promise<SyncRunItem> {
    const { store, dryRun } = this.context;
    const targetId = String(plan.groupid);
    const losses = [...sourceLosses, ...plan.losses];
    const synced = (): GroupLinkSyncedState =>
      this.syncedState(
        { id: feishuGroupId, name: feishuGroupName, hash: feishuHash },
        { id: targetId, name: plan.group.groupname, hash: plan.desiredHash! },
        this.context.now(),
      );
    if (change.kind === 'unchanged') {
      // Nothing to write; record the link (adoption, or hashes from an older format) without a vendor call.
      const stale =
        !link ||
        link.status !== 'active' ||
        linkSide(link, this.wecom.vendor).id !== targetId ||
        linkSide(link, this.feishu.vendor).hash !== feishuHash ||
        linkSide(link, this.wecom.vendor).hash !== plan.desiredHash;
      if (stale && !dryRun) {
        const ensured = link ?? (await this.recordLink(feishuGroupId, plan.group.groupname, feishuGroupName));
        await store.groupLinks.markSynced(ensured.id, synced());
      }
      return item(feishuGroupId, targetId, 'unchanged', losses);
    }
    if (change.kind === 'skip_foreign') {
      // Reported, not retried: WeCom lets only the app that created a rule change it, and that does not change.
      return item(feishuGroupId, targetId, 'skipped', losses, {
        error:
          `WeCom rule ${targetId} belongs to another WeCom app, which alone may change it; an earlier run was ` +
          `refused (${link?.lastError ?? ''}), so this one did not try again. Sync this pair WeCom → Feishu, ` +
          'or name the Feishu group in groupIds to try once more.',
      });
    }
    if (plan.desiredHash === null) throw new Error(`the rule written for group ${feishuGroupId} cannot be read back`);
    const notes: Note[] =
      change.kind === 'update' && change.overwritesDrift
        ? [
            {
              field: 'rule',
              code: 'target_drift_overwritten',
              message:
                'The WeCom rule was changed outside the gateway since the last sync; this one-way sync overwrote it ' +
                'with the Feishu group.',
            },
          ]
        : [];
    if (dryRun) {
      return item(feishuGroupId, targetId, 'updated', losses, { notes, plan: wecomPlan(plan.requests) });
    }
    const ensured = link ?? (await this.recordLink(feishuGroupId, plan.group.groupname, feishuGroupName));
    for (const request of plan.requests) await this.wecom.send(request);
    await store.groupLinks.markSynced(ensured.id, synced());
    return item(feishuGroupId, targetId, 'updated', losses, { notes });
  }

  /**
   * An in-sync two-way link that matched only through the previous hash format (plan-rule-change.ts) records
   * its hashes in the current one, once, so later runs compare without the old format. No vendor call; the time
   * of its last sync stays what it was.
   */
  private async recordCurrentHashes(
    link: GroupLink,
    current: { readonly feishuHash: string | null; readonly wecomHash: string | null },
  ): Promise<void> {
    const { feishuHash, wecomHash } = current;
    if (this.context.dryRun || link.status !== 'active' || feishuHash === null || wecomHash === null) return;
    const [group, rule] = [linkSide(link, this.feishu.vendor), linkSide(link, this.wecom.vendor)];
    if (group.hash === feishuHash && rule.hash === wecomHash) return;
    if (group.id === null || rule.id === null) return;
    await this.context.store.groupLinks.markSynced(
      link.id,
      this.syncedState(
        { id: group.id, hash: feishuHash },
        { id: rule.id, hash: wecomHash },
        link.lastSyncedAt ?? this.context.now(),
      ),
    );
  }

  /** A link's synced state: the Feishu group and the WeCom rule as both now agree (an absent name is kept). */
  private syncedState(
    group: { readonly id: string; readonly name?: string; readonly hash: string },
    rule: { readonly id: string; readonly name?: string; readonly hash: string },
    syncedAt: Date,
  ): GroupLinkSyncedState {
    return {
      sides: [
        { vendor: this.feishu.vendor, ...group },
        { vendor: this.wecom.vendor, ...rule },
      ],
      syncedAt,
    };
  }

  private recordLink(feishuGroupId: string, ruleName: string | null, feishuGroupName: string): Promise<GroupLink> {
    return this.context.store.groupLinks.recordIntent({
      direction: 'feishu_to_wecom',
      source: { vendor: this.feishu.vendor, id: feishuGroupId, name: feishuGroupName },
      target: { vendor: this.wecom.vendor, name: ruleName },
    });
  }

  /** One read of all rules links every rule this run created (WeCom's add answers no id). */
  private async linkCreatedRules(): Promise<Map<string, SyncRunItem>> {
    const { store } = this.context;
    const createdRules = await this.wecom.findCreated(
      this.pendingCreates.map((created) => created.ruleName),
      this.names.known(),
    );
    const linked = new Map<string, SyncRunItem>();
    const found: { id: string; feishuGroupId: string; state: GroupLinkSyncedState; item: SyncRunItem }[] = [];
    for (const created of this.pendingCreates) {
      const rule = createdRules.get(created.ruleName);
      if (!rule) {
        const error = `WeCom accepted the rule "${created.ruleName}" but does not list it; the next run will look again`;
        await store.groupLinks.setStatus(created.link.id, 'pending', { message: error, kind: 'not_found' });
        linked.set(created.feishuGroupId, item(created.feishuGroupId, null, 'failed', created.losses, { error }));
        continue;
      }
      found.push({
        id: created.link.id,
        feishuGroupId: created.feishuGroupId,
        state: this.syncedState(
          { id: created.feishuGroupId, hash: created.feishuHash },
          { id: String(rule.groupid), name: rule.groupname, hash: this.wecom.contentHash(rule) ?? '' },
          this.context.now(),
        ),
        item: item(created.feishuGroupId, String(rule.groupid), 'created', created.losses),
      });
    }
    // The links in one statement per LINK_BATCH: nothing else is left to run alongside them, and one round trip
    // each was most of a first sync's tail.
    for (let start = 0; start < found.length; start += LINK_BATCH) {
      const batch = found.slice(start, start + LINK_BATCH);
      await store.groupLinks.markSyncedMany(batch);
      for (const entry of batch) linked.set(entry.feishuGroupId, entry.item);
    }
    return linked;
  }
}

/**
 * What the item says about the rule's name: a rename, or a name other than the group's own (`ownName`, the
 * first name the group's rule may carry).
 */
function nameNotes(target: RuleLocation, ownName: string | undefined, groupName: string): Note[] {
  if (target.kind === 'linked' && target.renamedFrom !== null) {
    return [
      {
        field: 'rule',
        message: `The WeCom rule was renamed from "${target.renamedFrom}" to "${target.name}": rules carry their Feishu group's name.`,
      },
    ];
  }
  const created = target.kind === 'absent' || target.kind === 'linked_missing';
  if (created && target.name !== null && target.name !== ownName) {
    return [
      {
        field: 'rule',
        message: `The WeCom rule is named "${target.name}": another Feishu group's rule already carries the name "${ownName ?? groupName}".`,
      },
    ];
  }
  return [];
}

/** The item with these notes of the gateway's own added to its notes. */
function withNotes<T extends SyncRunItem | undefined>(done: T, notes: readonly (Note | null)[] = []): T {
  const added = notes.filter((note): note is Note => note !== null);
  return done && added.length > 0 ? { ...done, notes: [...(done.notes ?? []), ...added] } : done;
}

/** The Feishu group an item is about: its id, and its own name for the link (not the WeCom rule's). */
interface FeishuSource {
  readonly feishuGroupId: string;
  readonly feishuGroupName: string;
}
