import pMap from 'p-map';
import { isVendorError, type Loss } from '@app/kernel';
import type { FeishuClient, FeishuGroup, FeishuShift } from '@app/feishu';
import type { GroupLink, GroupLinkSyncedState, SyncRunItem } from '@app/mapping-store';
import {
  canonicalToWecom,
  feishuToCanonical,
  legacyRuleContentHashes,
  mergeWecomRuleUpdate,
  ruleContentHash,
  wecomRuleNameFor,
  wecomToCanonical,
  type CanonicalRule,
} from '@app/translation';
import {
  WECOM_CLEAR_FIELDS,
  type WecomCheckinGroupCreate,
  type WecomCheckinGroupRead,
  type WecomAddCheckinOptionRequest,
  type WecomCheckinGroupUpdate,
  type WecomClearCheckinOptionArrayFieldRequest,
  type WecomClearField,
  type WecomClient,
  type WecomUpdateCheckinOptionRequest,
} from '@app/wecom';
import { syncRuleItem } from './rule-item.js';
import { openConflictItem, recordConflict, sideChanged, twoWayDecision } from './two-way.js';
import {
  feishuReadOptions,
  item,
  refusalReason,
  type ItemPlan,
  type PlannedRequest,
  type RulesRunContext,
} from './rule-sync.types.js';
import { linkFailureOf } from '../sync-error-policy.js';

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
/** Feishu's largest page (REFERENCE A4): 500 groups are listed in 10 calls, not the default size's 50. */
const GROUP_PAGE_SIZE = 50;
/** A 排班 group's shifts are the ones its roster uses: this many days back and ahead of today. */
const ROSTER_DAYS_BACK = 31;
const ROSTER_DAYS_AHEAD = 62;

/** Content hash of a WeCom rule as WeCom holds it (or as we would write it); null if it cannot be read. */
export function wecomRuleHash(rule: unknown): string | null {
  const canonical = wecomToCanonical(rule);
  return canonical.ok ? ruleContentHash(canonical.value) : null;
}

/** The same in the previous hash formats, which links synced before it changed hold (two-way.ts). */
function legacyWecomRuleHashes(rule: unknown): readonly string[] {
  const canonical = wecomToCanonical(rule);
  return canonical.ok ? legacyRuleContentHashes(canonical.value) : [];
}

/** A rule the gateway created but has not linked yet (WeCom's add answers no id): linked after one read. */
interface PendingCreate {
  readonly link: GroupLink;
  readonly feishuGroupId: string;
  readonly ruleName: string;
  readonly feishuHash: string;
  readonly losses: readonly Loss[];
}

type Target =
  | { readonly kind: 'linked'; readonly rule: WecomCheckinGroupRead }
  | { readonly kind: 'adopt'; readonly rule: WecomCheckinGroupRead; readonly note: Loss | null }
  | { readonly kind: 'absent'; readonly note: Loss | null }
  | { readonly kind: 'name_taken'; readonly rule: WecomCheckinGroupRead };

/**
 * Feishu attendance groups → WeCom checkin rules, level-triggered: for each source group, the WeCom rule it
 * should be is computed and compared (as canonical content hashes) with the rule WeCom holds; only a
 * difference is written. Crash safety: the link's intent (with the rule's deterministic name) is stored
 * BEFORE add_checkin_option, and a later run adopts the rule of that name instead of adding a second one;
 * a same-named rule without such a record is someone else's and is reported, never adopted.
 */
export class FeishuToWecomRulesSync {
  private readonly shiftCache = new Map<string, Promise<FeishuShift>>();
  private rulesById = new Map<string, WecomCheckinGroupRead>();
  private rulesByName = new Map<string, WecomCheckinGroupRead[]>();
  private readonly pendingCreates: PendingCreate[] = [];
  /** A list of WeCom's rules made mid-run (see relist), and when the newest one that was indexed started. */
  private relisting: { readonly startedAt: number; readonly done: Promise<void> } | null = null;
  private relistedAt = 0;

  constructor(
    private readonly context: RulesRunContext,
    private readonly feishu: FeishuClient,
    private readonly wecom: WecomClient,
  ) {}

  async run(): Promise<SyncRunItem[]> {
    // Independent reads of the two vendors: side by side, not one after the other.
    const [rules, groupIds] = await Promise.all([
      this.wecom.getCorpCheckinOptions(this.readOptions),
      this.context.groupIds ?? this.allGroupIds(),
    ]);
    this.index(rules);
    const sources = this.context.reconcile ? await this.reconcileSources(groupIds) : groupIds;
    const items = (await pMap(sources, (groupId) => this.syncItem(groupId), { concurrency: CONCURRENCY })).filter(
      (entry): entry is SyncRunItem => entry !== null,
    );
    if (this.pendingCreates.length === 0) return items;
    const linked = await this.linkCreatedRules();
    return items.map((entry) => linked.get(entry.sourceId) ?? entry);
  }

  private async allGroupIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const group of this.feishu.listGroups({ pageSize: GROUP_PAGE_SIZE, ...this.readOptions })) {
      ids.push(group.group_id);
    }
    return ids;
  }

  /**
   * Scheduled reconciliation: the Feishu groups of links that sync from Feishu (one-way or two-way), plus the
   * groups no link knows yet — synced when auto-linking is on, else recorded as `unlinked` for an operator.
   */
  private async reconcileSources(feishuGroupIds: readonly string[]): Promise<string[]> {
    const { store, reconcile, dryRun } = this.context;
    const links = await store.groupLinks.list();
    const known = new Set(links.flatMap((link) => (link.feishuGroupId ? [link.feishuGroupId] : [])));
    const sources = links
      .filter((link) => link.feishuGroupId && link.status !== 'unlinked' && link.direction !== 'wecom_to_feishu')
      .map((link) => link.feishuGroupId!);
    for (const groupId of feishuGroupIds) {
      if (known.has(groupId)) continue;
      if (reconcile?.autoLink) sources.push(groupId);
      else if (!dryRun) await store.groupLinks.recordUnlinked({ direction: 'feishu_to_wecom', feishuGroupId: groupId });
    }
    return sources;
  }

  /** Every list read of the run hands the records it cannot read to the run (one failed item each). */
  private get readOptions() {
    return { onUnreadable: this.context.unreadable.sink };
  }

  /**
   * The link's WeCom rule is there but could not be read: nothing is written (a rule seen as missing would be
   * created a second time, or its deletion reported). The rule's own item says what could not be read.
   */
  private unreadableTarget(feishuGroupId: string, link: GroupLink | null): SyncRunItem | null {
    const ruleId = link?.wecomRuleId;
    const record = ruleId ? this.context.unreadable.find('wecom', 'checkin rule', ruleId) : undefined;
    if (!ruleId || !record) return null;
    return item(feishuGroupId, ruleId, 'failed', [], {
      error:
        `the linked WeCom rule ${ruleId} could not be read (${record.reason}), so nothing was written to it; ` +
        `the rule's own item in this run says more`,
    });
  }

  private listLacksRuleOf(link: GroupLink): boolean {
    if (link.wecomRuleId) return !this.rulesById.has(link.wecomRuleId);
    return link.wecomRuleName !== null && !this.rulesByName.has(link.wecomRuleName);
  }

  /**
   * Lists WeCom's rules again unless a list started at or after `since` (ms) already did or is doing it: items
   * that need it at the same time share one call. An older list never replaces a newer one.
   */
  private async relist(since: number): Promise<void> {
    if (this.relistedAt >= since) return;
    if (!this.relisting || this.relisting.startedAt < since) {
      const startedAt = Date.now();
      const done = this.wecom.getCorpCheckinOptions(this.readOptions).then((rules) => {
        if (startedAt < this.relistedAt) return;
        this.index(rules);
        this.relistedAt = startedAt;
      });
      const entry = { startedAt, done };
      this.relisting = entry;
      done.catch(() => (this.relisting === entry ? (this.relisting = null) : undefined));
    }
    await this.relisting.done;
  }

  private index(rules: readonly WecomCheckinGroupRead[]): void {
    this.rulesById = new Map(rules.map((rule) => [String(rule.groupid), rule]));
    this.rulesByName = new Map();
    for (const rule of rules) {
      const same = this.rulesByName.get(rule.groupname) ?? [];
      same.push(rule);
      this.rulesByName.set(rule.groupname, same);
    }
  }

  private syncItem(feishuGroupId: string): Promise<SyncRunItem | null> {
    const { store } = this.context;
    return syncRuleItem(
      this.context,
      {
        sourceId: feishuGroupId,
        resource: `feishu-group:${feishuGroupId}`,
        findLink: () => store.groupLinks.findByFeishuGroupId(feishuGroupId),
        targetIdOf: (link) => link.wecomRuleId,
      },
      () => this.syncOne(feishuGroupId),
    );
  }

  /** The group's item; null when a two-way link's change is the other direction's to push. */
  private async syncOne(feishuGroupId: string): Promise<SyncRunItem | null> {
    const { store } = this.context;
    const startedAt = Date.now();
    // Re-read now: the link may have changed since this run listed WeCom's rules (an item of this run, or an
    // earlier attempt of it whose process died mid-item, created or linked this group's rule). A link naming a
    // rule the list lacks may be just that: list again rather than create a second rule (or report the rule
    // deleted).
    const link = await store.groupLinks.findByFeishuGroupId(feishuGroupId);
    if (link && this.listLacksRuleOf(link)) await this.relist(startedAt);
    const unreadable = this.unreadableTarget(feishuGroupId, link);
    if (unreadable) return unreadable;
    let group: FeishuGroup;
    try {
      group = await this.feishu.getGroup(feishuGroupId);
    } catch (error) {
      if (isVendorError(error) && error.kind === 'not_found') return this.sourceDeleted(feishuGroupId, link);
      throw error;
    }

    const shifts = await this.shiftsOf(group, link);
    const source = feishuToCanonical({ group, shifts }, feishuReadOptions(this.context));
    if (!source.ok) return this.refuse(feishuGroupId, link, source.losses);
    const feishuHash = ruleContentHash(source.value);
    const linkedRule = link?.wecomRuleId ? this.rulesById.get(link.wecomRuleId) : undefined;
    if (this.context.reconcile && link?.direction === 'two_way') {
      const blocked = await openConflictItem(this.context, link, feishuGroupId, link.wecomRuleId);
      if (blocked) return blocked;
      if (link.wecomRuleId && !linkedRule) return this.targetDeletedOnTwoWay(feishuGroupId, link);
      if (linkedRule) {
        const current = { feishuHash, wecomHash: wecomRuleHash(linkedRule) };
        const decision = twoWayDecision(link, current, {
          feishu: () => legacyRuleContentHashes(source.value),
          wecom: () => legacyWecomRuleHashes(linkedRule),
        });
        if (decision === 'wecom_changed') return null;
        // Neither side changed since the last sync: what differs between them is translation loss, and writing
        // it again would only bounce between the vendors.
        if (decision === 'in_sync') {
          await this.recordCurrentHashes(link, current);
          return item(feishuGroupId, link.wecomRuleId, 'unchanged', source.losses);
        }
        if (decision === 'conflict') {
          return recordConflict(this.context, link, feishuGroupId, link.wecomRuleId, current, source.losses);
        }
      }
    }
    const ruleName = ruleNameFor(source.value.name, feishuGroupId, linkedRule);
    const payload = canonicalToWecom(source.value, {
      resolver: this.context.resolver,
      ruleName,
      nowUnixSeconds: Math.floor(this.context.now().getTime() / 1000),
    });
    const losses = [...source.losses, ...payload.losses];
    if (!payload.ok) return this.refuse(feishuGroupId, link, losses);

    const target = this.locate(link, ruleName);
    switch (target.kind) {
      case 'name_taken':
        return item(feishuGroupId, null, 'skipped', losses, {
          error:
            `a WeCom rule named "${ruleName}" (groupid ${target.rule.groupid}) already exists and this gateway has ` +
            'no record of creating it, so it was not adopted; rename or delete it in WeCom, then run again',
        });
      case 'absent':
        return this.create(
          { feishuGroupId, feishuGroupName: group.group_name },
          link,
          ruleName,
          payload.value,
          feishuHash,
          withNote(losses, target.note),
        );
      case 'linked':
      case 'adopt':
        return this.update(
          { feishuGroupId, feishuGroupName: group.group_name },
          link,
          target.rule,
          payload.value,
          source.value,
          feishuHash,
          target.kind === 'adopt' ? withNote(losses, target.note) : losses,
        );
    }
  }

  /**
   * The Feishu group is gone. Its WeCom rule is deleted too only with SYNC_PROPAGATE_DELETES=true (and only a
   * rule the link knows); otherwise the rule is left alone and the item says so.
   */
  private async sourceDeleted(feishuGroupId: string, link: GroupLink | null): Promise<SyncRunItem> {
    const { store, dryRun, propagateDeletes } = this.context;
    const ruleId = link?.wecomRuleId ?? null;
    if (!link || !ruleId || !propagateDeletes) {
      if (link && !dryRun)
        await store.groupLinks.setStatus(link.id, 'source_missing', {
          message: 'Feishu group not found',
          kind: 'source_missing',
        });
      return item(feishuGroupId, ruleId, 'skipped', [], {
        error: ruleId
          ? 'the Feishu group no longer exists; its WeCom rule was left as it is (SYNC_PROPAGATE_DELETES is off)'
          : 'the Feishu group no longer exists',
      });
    }
    const request = { groupid: Number(ruleId) };
    const deleted: Loss = {
      field: 'rule',
      severity: 'info',
      message: `The Feishu group was deleted, so its WeCom rule ${ruleId} was deleted too (SYNC_PROPAGATE_DELETES).`,
    };
    if (dryRun) {
      return item(feishuGroupId, ruleId, 'updated', [deleted], {
        plan: wecomPlan([{ api: 'del_checkin_option', body: request }]),
      });
    }
    if (this.rulesById.has(ruleId)) await this.wecom.deleteCheckinOption(request);
    await store.groupLinks.delete(link.id);
    return item(feishuGroupId, ruleId, 'updated', [deleted]);
  }

  /** A two-way link whose WeCom rule was deleted: reported (or the Feishu group deleted too, if configured). */
  private async targetDeletedOnTwoWay(feishuGroupId: string, link: GroupLink): Promise<SyncRunItem> {
    const { store, dryRun, propagateDeletes } = this.context;
    if (!propagateDeletes) {
      if (!dryRun)
        await store.groupLinks.setStatus(link.id, 'target_missing', {
          message: 'WeCom rule not found',
          kind: 'target_missing',
        });
      return item(feishuGroupId, link.wecomRuleId, 'skipped', [], {
        error:
          'the WeCom rule of this two-way link was deleted; the Feishu group was left as it is ' +
          '(SYNC_PROPAGATE_DELETES is off)',
      });
    }
    const deleted: Loss = {
      field: 'group',
      severity: 'info',
      message: `The WeCom rule was deleted, so the Feishu group was deleted too (SYNC_PROPAGATE_DELETES).`,
    };
    if (dryRun) {
      return item(feishuGroupId, link.wecomRuleId, 'updated', [deleted], {
        plan: { vendor: 'feishu', requests: [{ api: 'delete_group', body: { group_id: feishuGroupId } }] },
      });
    }
    await this.feishu.deleteGroup(feishuGroupId);
    await store.groupLinks.delete(link.id);
    return item(feishuGroupId, link.wecomRuleId, 'updated', [deleted]);
  }

  /**
   * Where the group's rule is in WeCom: the linked id; else, for a recorded intent (a create that may have
   * happened before a crash), the rule with the recorded name; else nowhere. A rule that already carries our
   * name without any record of ours is somebody else's: reported, never adopted.
   */
  private locate(link: GroupLink | null, ruleName: string): Target {
    if (link?.wecomRuleId) {
      const rule = this.rulesById.get(link.wecomRuleId);
      if (rule) return { kind: 'linked', rule };
    }
    const names = [...new Set([link?.wecomRuleName ?? ruleName, ruleName])];
    const candidates = names.flatMap((name) => this.rulesByName.get(name) ?? []).sort((a, b) => a.groupid - b.groupid);
    const first = candidates[0];
    if (link?.wecomRuleId) {
      if (first) return { kind: 'name_taken', rule: first };
      return {
        kind: 'absent',
        note: {
          field: 'rule',
          severity: 'info',
          message: `The linked WeCom rule ${link.wecomRuleId} no longer exists in WeCom; it was created again.`,
        },
      };
    }
    if (!first) return { kind: 'absent', note: null };
    if (!link) return { kind: 'name_taken', rule: first };
    const note: Loss | null =
      candidates.length > 1
        ? {
            field: 'rule',
            severity: 'info',
            message: `${candidates.length} WeCom rules carry the name "${first.groupname}"; the oldest (groupid ${first.groupid}) was adopted.`,
          }
        : null;
    return { kind: 'adopt', rule: first, note };
  }

  private async create(
    { feishuGroupId, feishuGroupName }: FeishuSource,
    link: GroupLink | null,
    ruleName: string,
    group: WecomCheckinGroupCreate,
    feishuHash: string,
    losses: readonly Loss[],
  ): Promise<SyncRunItem> {
    const request: WecomRuleRequest = {
      api: 'add_checkin_option',
      body: { ...effectiveNowField(this.context.effectiveNow), group },
    };
    if (this.context.dryRun) return item(feishuGroupId, null, 'created', losses, { plan: wecomPlan([request]) });
    const { store } = this.context;
    // Intent first: if the process dies after WeCom created the rule, the next run finds it by this name.
    const intent = link?.wecomRuleId
      ? await store.groupLinks.resetWecomTarget(link.id, ruleName)
      : await store.groupLinks.recordIntent({
          direction: link?.direction ?? 'feishu_to_wecom',
          feishuGroupId,
          feishuGroupName,
          wecomRuleName: ruleName,
        });
    const pending = intent.status === 'pending' ? intent : await store.groupLinks.setStatus(intent.id, 'pending');
    try {
      await this.send(request);
    } catch (error) {
      await store.groupLinks.setStatus(pending.id, 'pending', linkFailureOf(error));
      throw error;
    }
    this.pendingCreates.push({ link: pending, feishuGroupId, ruleName, feishuHash, losses });
    return item(feishuGroupId, null, 'created', losses);
  }

  private async send(request: WecomRuleRequest): Promise<void> {
    switch (request.api) {
      case 'add_checkin_option':
        return this.wecom.addCheckinOption(request.body);
      case 'update_checkin_option':
        return this.wecom.updateCheckinOption(request.body);
      case 'clear_checkin_option_array_field':
        return this.wecom.clearCheckinOptionArrayField(request.body);
      case 'del_checkin_option':
        return this.wecom.deleteCheckinOption(request.body);
    }
  }

  private async update(
    { feishuGroupId, feishuGroupName }: FeishuSource,
    link: GroupLink | null,
    actual: WecomCheckinGroupRead,
    written: WecomCheckinGroupCreate,
    rule: CanonicalRule,
    feishuHash: string,
    sourceLosses: readonly Loss[],
  ): Promise<SyncRunItem> {
    const { store, dryRun } = this.context;
    const groupid = actual.groupid;
    const targetId = String(groupid);
    // An update replaces every object and array it sends (wecom-update-merge.ts): what the Feishu group does not
    // determine is taken from the rule as WeCom holds it, so the admin's settings there survive the sync.
    const merged = mergeWecomRuleUpdate(written, actual, rule);
    const group = merged.group;
    const losses = [...sourceLosses, ...merged.losses];
    const actualHash = wecomRuleHash(actual);
    const desiredHash = wecomRuleHash({ ...group, groupid });
    if (desiredHash === null) throw new Error(`the rule written for group ${feishuGroupId} cannot be read back`);

    if (actualHash === desiredHash) {
      // Nothing to write; record the link (adoption, or hashes from an older format) without a vendor call.
      const stale =
        !link ||
        link.status !== 'active' ||
        link.wecomRuleId !== targetId ||
        link.feishuHash !== feishuHash ||
        link.wecomHash !== desiredHash;
      if (stale && !dryRun) {
        const ensured = link ?? (await this.recordLink(feishuGroupId, group.groupname));
        await store.groupLinks.markSynced(ensured.id, {
          feishuGroupId,
          feishuGroupName,
          wecomRuleId: targetId,
          wecomRuleName: group.groupname,
          feishuHash,
          wecomHash: desiredHash,
          syncedAt: this.context.now(),
        });
      }
      return item(feishuGroupId, targetId, 'unchanged', losses);
    }

    const notes: Loss[] = [];
    if (link?.wecomHash && sideChanged(link.wecomHash, actualHash, () => legacyWecomRuleHashes(actual))) {
      notes.push({
        field: 'rule',
        severity: 'info',
        message:
          'The WeCom rule was changed outside the gateway since the last sync; this one-way sync overwrote it ' +
          'with the Feishu group.',
      });
    }
    if (link && refusedAsForeign(link) && !this.context.groupIds) {
      // Reported, not retried: WeCom lets only the app that created a rule change it, and that does not change.
      return item(feishuGroupId, targetId, 'skipped', losses, {
        error:
          `WeCom rule ${targetId} belongs to another WeCom app, which alone may change it; an earlier run was ` +
          `refused (${link.lastError ?? ''}), so this one did not try again. Sync this pair WeCom → Feishu, ` +
          'or name the Feishu group in groupIds to try once more.',
      });
    }
    const requests = updateRequests(groupid, group, actual, this.context.effectiveNow ?? false);
    if (dryRun) return item(feishuGroupId, targetId, 'updated', [...losses, ...notes], { plan: wecomPlan(requests) });

    const ensured = link ?? (await this.recordLink(feishuGroupId, group.groupname));
    for (const request of requests) await this.send(request);
    await store.groupLinks.markSynced(ensured.id, {
      feishuGroupId,
      feishuGroupName,
      wecomRuleId: targetId,
      wecomRuleName: group.groupname,
      feishuHash,
      wecomHash: desiredHash,
      syncedAt: this.context.now(),
    });
    return item(feishuGroupId, targetId, 'updated', [...losses, ...notes]);
  }

  /**
   * An in-sync two-way link that matched only through the previous hash format (two-way.ts) records its
   * hashes in the current one, once, so later runs compare without the old format. No vendor call; the time
   * of its last sync stays what it was.
   */
  private async recordCurrentHashes(
    link: GroupLink,
    current: { readonly feishuHash: string | null; readonly wecomHash: string | null },
  ): Promise<void> {
    const { feishuHash, wecomHash } = current;
    if (this.context.dryRun || link.status !== 'active' || feishuHash === null || wecomHash === null) return;
    if (link.feishuHash === feishuHash && link.wecomHash === wecomHash) return;
    if (link.feishuGroupId === null || link.wecomRuleId === null) return;
    await this.context.store.groupLinks.markSynced(link.id, {
      feishuGroupId: link.feishuGroupId,
      wecomRuleId: link.wecomRuleId,
      feishuHash,
      wecomHash,
      syncedAt: link.lastSyncedAt ?? this.context.now(),
    });
  }

  private recordLink(feishuGroupId: string, ruleName: string): Promise<GroupLink> {
    return this.context.store.groupLinks.recordIntent({
      direction: 'feishu_to_wecom',
      feishuGroupId,
      wecomRuleName: ruleName,
    });
  }

  private async refuse(feishuGroupId: string, link: GroupLink | null, losses: readonly Loss[]): Promise<SyncRunItem> {
    const reason = refusalReason(losses);
    if (link && !this.context.dryRun) {
      await this.context.store.groupLinks.setStatus(link.id, 'failed', {
        message: reason,
        kind: 'translation_refused',
      });
    }
    return item(feishuGroupId, link?.wecomRuleId ?? null, 'failed', losses, { error: reason });
  }

  /** One read of all rules links every rule this run created (WeCom's add answers no id). */
  private async linkCreatedRules(): Promise<Map<string, SyncRunItem>> {
    const { store } = this.context;
    this.index(await this.wecom.getCorpCheckinOptions(this.readOptions));
    const linked = new Map<string, SyncRunItem>();
    const found: { id: string; state: GroupLinkSyncedState; item: SyncRunItem }[] = [];
    for (const created of this.pendingCreates) {
      const matches = (this.rulesByName.get(created.ruleName) ?? []).sort((a, b) => a.groupid - b.groupid);
      const rule = matches[0];
      if (!rule) {
        const error = `WeCom accepted the rule "${created.ruleName}" but does not list it; the next run will look again`;
        await store.groupLinks.setStatus(created.link.id, 'pending', { message: error, kind: 'not_found' });
        linked.set(created.feishuGroupId, item(created.feishuGroupId, null, 'failed', created.losses, { error }));
        continue;
      }
      found.push({
        id: created.link.id,
        state: {
          feishuGroupId: created.feishuGroupId,
          wecomRuleId: String(rule.groupid),
          wecomRuleName: rule.groupname,
          feishuHash: created.feishuHash,
          wecomHash: wecomRuleHash(rule) ?? '',
          syncedAt: this.context.now(),
        },
        item: item(created.feishuGroupId, String(rule.groupid), 'created', created.losses),
      });
    }
    // The links in one statement per LINK_BATCH: nothing else is left to run alongside them, and one round trip
    // each was most of a first sync's tail.
    for (let start = 0; start < found.length; start += LINK_BATCH) {
      const batch = found.slice(start, start + LINK_BATCH);
      await store.groupLinks.markSyncedMany(batch);
      for (const entry of batch) linked.set(entry.state.feishuGroupId, entry.item);
    }
    return linked;
  }

  // ---- Feishu shifts ----------------------------------------------------------------------------------

  /**
   * The shifts a group uses: its week and special days; for a 排班 group (which names none itself) those its
   * roster names plus those linked to its WeCom rule's schedules (a group the gateway made from a WeCom rule
   * may have no roster yet).
   */
  private async shiftsOf(group: FeishuGroup, link: GroupLink | null): Promise<FeishuShift[]> {
    const ids = new Set<string>();
    for (const id of group.punch_day_shift_ids ?? []) ids.add(id);
    for (const day of group.need_punch_special_days ?? []) ids.add(day.shift_id);
    if (group.group_type === 2) {
      for (const id of await this.rosterShiftIds(group.group_id)) ids.add(id);
      if (link) {
        for (const shiftLink of await this.context.store.shiftLinks.listForGroupLink(link.id)) {
          if (shiftLink.feishuShiftId) ids.add(shiftLink.feishuShiftId);
        }
      }
    }
    ids.delete('0');
    ids.delete('');
    return Promise.all([...ids].sort().map((id) => this.shift(id)));
  }

  private shift(shiftId: string): Promise<FeishuShift> {
    let cached = this.shiftCache.get(shiftId);
    if (!cached) {
      cached = this.feishu.getShift(shiftId);
      // A failed read is not cached: the next group that needs the shift tries again.
      cached.catch(() => this.shiftCache.delete(shiftId));
      this.shiftCache.set(shiftId, cached);
    }
    return cached;
  }

  private async rosterShiftIds(groupId: string): Promise<string[]> {
    const userIds: string[] = [];
    for await (const user of this.feishu.listGroupUsers(groupId, this.readOptions)) userIds.push(user.user_id);
    if (userIds.length === 0) return [];
    const today = this.context.now();
    const rows = await this.feishu.queryUserDailyShifts({
      ...this.readOptions,
      userIds,
      checkDateFrom: dayInt(addDays(today, -ROSTER_DAYS_BACK)),
      checkDateTo: dayInt(addDays(today, ROSTER_DAYS_AHEAD)),
    });
    return rows.filter((row) => row.group_id === groupId && !row.is_clear_schedule).map((row) => row.shift_id);
  }
}

/**
 * The WeCom name of the group's rule: the deterministic gateway name (findable after a crash), except that a
 * linked rule whose name already stands for this group — the gateway name, or the group's own name when the
 * rule was born in WeCom — keeps it, so syncing never renames a rule just to add the suffix.
 */
function ruleNameFor(groupName: string, feishuGroupId: string, linkedRule: WecomCheckinGroupRead | undefined): string {
  const gatewayName = wecomRuleNameFor({ name: groupName, feishuGroupId });
  if (linkedRule && linkedRule.groupname === groupName) return groupName;
  return gatewayName;
}

function withNote(losses: readonly Loss[], note: Loss | null): readonly Loss[] {
  return note ? [...losses, note] : losses;
}

/** The WeCom calls a rule write consists of; a dry run shows them as its plan. */
type WecomRuleRequest =
  | { readonly api: 'add_checkin_option'; readonly body: WecomAddCheckinOptionRequest }
  | { readonly api: 'update_checkin_option'; readonly body: WecomUpdateCheckinOptionRequest }
  | { readonly api: 'clear_checkin_option_array_field'; readonly body: WecomClearCheckinOptionArrayFieldRequest }
  | { readonly api: 'del_checkin_option'; readonly body: { readonly groupid: number } };

function wecomPlan(requests: readonly PlannedRequest[]): ItemPlan {
  return { vendor: 'wecom', requests };
}

/**
 * update_checkin_option with every array in full — except empty ones, which WeCom reads as "unchanged" —
 * followed by clear_checkin_option_array_field for the arrays that must become empty but are not.
 */
export function updateRequests(
  groupid: number,
  group: WecomCheckinGroupCreate,
  actual: WecomCheckinGroupRead,
  effectiveNow = false,
): WecomRuleRequest[] {
  const update: Record<string, unknown> = { groupid };
  const clear: WecomClearField[] = [];
  for (const [key, value] of Object.entries(group)) {
    if (Array.isArray(value) && value.length === 0) {
      const clearCode = (WECOM_CLEAR_FIELDS as Readonly<Record<string, WecomClearField | undefined>>)[key];
      const current = (actual as Readonly<Record<string, unknown>>)[key];
      if (clearCode !== undefined && Array.isArray(current) && current.length > 0) clear.push(clearCode);
      continue;
    }
    update[key] = value;
  }
  // Every key of `group` is a field of the update schema and groupid is set: the shape is the update's.
  const requests: WecomRuleRequest[] = [
    {
      api: 'update_checkin_option',
      body: { ...effectiveNowField(effectiveNow), group: update as WecomCheckinGroupUpdate },
    },
  ];
  if (clear.length > 0) {
    requests.push({
      api: 'clear_checkin_option_array_field',
      body: { groupid, clear_field: clear.sort((a, b) => a - b), ...effectiveNowField(effectiveNow) },
    });
  }
  return requests;
}

/**
 * effective_now on add, update and clear (wecom-checkin-option-rules.md: "是否立即生效, 默认false"): sent only
 * when true, so a run without it sends exactly what it sent before the option existed.
 */
function effectiveNowField(effectiveNow: boolean | undefined): { effective_now?: true } {
  return effectiveNow === true ? { effective_now: true } : {};
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** yyyyMMdd in China time, the day Feishu rosters are kept in. */
function dayInt(date: Date): number {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return shifted.getUTCFullYear() * 10_000 + (shifted.getUTCMonth() + 1) * 100 + shifted.getUTCDate();
}

/** The Feishu group an item is about: its id, and its own name for the link (not the WeCom rule's). */
interface FeishuSource {
  readonly feishuGroupId: string;
  readonly feishuGroupName: string;
}

/** The link's last write was refused because another WeCom app owns the rule (see syncRuleItem). */
function refusedAsForeign(link: GroupLink): boolean {
  return link.status === 'failed' && link.lastErrorKind === 'foreign_owned_rule';
}
