import type { LinkDirection, Loss, Note } from '@app/kernel';
import type { GroupLink, ShiftLink, SyncRunItem } from '@app/mapping-store';
import {
  FEISHU_SHIFT_KIND,
  type FeishuGroupRecord,
  type FeishuGroupSide,
  type FeishuGroupWritePlan,
  type FeishuRulesConnector,
  feishuPlan,
  type RuleSideConnector,
} from '@app/connectors';
import { legacyRuleContentHashes, ruleContentHash } from '@app/translation';
import type { PlanLink, SideState, TargetLookup } from '../engine/plan-rule-change.js';
import { linkSide, linkSideId } from '../engine/link-sides.js';
import { linkFailureOf } from '../engine/sync-error-policy.js';
import type { RulesSource, RulesTarget, SourceRead, TargetProposal, UnreadableSource } from './rule-sides.js';
import { item, type RulesRunContext } from './rule-sync.types.js';

/** The Feishu shift of a shift link (its Feishu side, a shift): the only side a Feishu role reads. */
function feishuShiftIdOf(link: ShiftLink, vendor: string): string | null {
  const side = link.sides.get(vendor);
  return side?.kind === FEISHU_SHIFT_KIND && side.key ? side.key : null;
}

/**
 * Feishu attendance groups as the source of a rules run: the groups the run names, or every one; each read
 * when its item runs (a group gone by then is a deletion). A 排班 group names no shifts (its roster does):
 * it is read with the shifts the store links to it.
 */
export class FeishuGroupsSource implements RulesSource {
  readonly resource = 'feishu-group';

  constructor(
    private readonly context: RulesRunContext,
    readonly connector: FeishuRulesConnector,
  ) {}

  async select(links: readonly GroupLink[], direction: LinkDirection): Promise<readonly string[]> {
    const groupIds = this.context.groupIds ?? (await this.connector.listGroupIds());
    return this.context.reconcile ? this.reconcileSources(groupIds, links, direction) : groupIds;
  }

  /**
   * Scheduled reconciliation: the Feishu groups of links that sync from Feishu (one-way or two-way), plus the
   * groups no link knows yet — synced when auto-linking is on, else recorded as `unlinked` for an operator. A
   * group an open name conflict found (a rule of another vendor wants its name) waits for that conflict's
   * resolution.
   */
  private async reconcileSources(
    groupIds: readonly string[],
    links: readonly GroupLink[],
    direction: LinkDirection,
  ): Promise<string[]> {
    const { store, reconcile, dryRun } = this.context;
    const vendor = this.connector.vendor;
    const open = await store.conflicts.list({ openOnly: true });
    const known = new Set([
      ...links.flatMap((link) => linkSideId(link, vendor) || []),
      ...open.flatMap((conflict) => (conflict.found?.vendor === vendor ? [conflict.found.id] : [])),
    ]);
    const sources = links
      .filter((link) => link.status !== 'unlinked' && link.direction !== 'wecom_to_feishu')
      .flatMap((link) => linkSideId(link, vendor) || []);
    for (const groupId of groupIds) {
      if (known.has(groupId)) continue;
      if (reconcile?.autoLink) sources.push(groupId);
      else if (!dryRun) await store.groupLinks.recordUnlinked({ direction, source: { vendor, id: groupId } });
    }
    return sources;
  }

  async read(id: string, link: GroupLink | null): Promise<SourceRead | UnreadableSource | null> {
    const group = await this.connector.findGroup(id);
    if (!group) return null;
    const translated = await this.connector.toCanonical(group, () => this.linkedShiftIds(link));
    if (!translated.ok) return { id, losses: translated.losses };
    const canonical = translated.value;
    return {
      id,
      name: group.group_name,
      rule: canonical,
      losses: translated.losses,
      hash: ruleContentHash(canonical),
      legacy: () => legacyRuleContentHashes(canonical),
      targetName: () => canonical.name,
    };
  }

  /** The Feishu shifts the store links to the group's link (a 排班 group made from a rule may have no roster yet). */
  private async linkedShiftIds(link: GroupLink | null): Promise<string[]> {
    if (!link) return [];
    const linked = await this.context.store.shiftLinks.listForGroupLink(link.id);
    return linked.flatMap((shift) => feishuShiftIdOf(shift, this.connector.vendor) ?? []);
  }

  /** A group gone is found by its item (every link that syncs from Feishu is one). */
  goneLinks(): Promise<readonly GroupLink[]> {
    return Promise.resolve([]);
  }
}

type Location =
  | { readonly kind: 'linked' | 'adopt'; readonly group: FeishuGroupRecord }
  | { readonly kind: 'absent' | 'linked_missing'; readonly note: Note | null }
  | { readonly kind: 'name_taken'; readonly group: { readonly group_id: string; readonly group_name: string } }
  /** A same-named group another link pairs with another source object: not this one's to take. */
  | { readonly kind: 'held'; readonly groupId: string; readonly pairedWith: string };

/**
 * Feishu attendance groups (+ shifts) as the target of a rules run. Feishu shifts are tenant-wide with unique
 * names and must exist before a group names them, so each group's plan reuses identical shifts (including
 * ones an earlier, crashed run created: their names are derived from their content) and creates the rest. A
 * group is written read-modify-write: Feishu-only fields of the existing group are kept, and only locations it
 * lacks are sent, because Feishu appends locations. Items run one at a time: two needing the same new shift
 * must not both create it.
 */
export class FeishuGroupsTarget implements RulesTarget {
  readonly concurrency = 1;

  constructor(
    private readonly context: RulesRunContext,
    readonly connector: FeishuRulesConnector,
    private readonly source: RuleSideConnector,
    private readonly direction: LinkDirection,
  ) {}

  async begin(): Promise<void> {
    await this.connector.loadShifts();
  }

  precheck(): Promise<SyncRunItem | null> {
    return Promise.resolve(null);
  }

  async propose(read: SourceRead, link: GroupLink | null, planLink: PlanLink | null): Promise<TargetProposal> {
    const feishu = this.connector;
    const target = await this.locate(link, read.targetName(null));
    if (target.kind === 'held') {
      return this.settled(
        item(read.id, null, 'skipped', read.losses, {
          error:
            `the Feishu attendance group ${target.groupId} carries this rule's name but is already paired with ` +
            `${this.source.ruleNoun} ${target.pairedWith}, so it was not adopted and no second group of that name ` +
            `was created; rename one of the two rules in ${this.source.vendorName}, then run again`,
        }),
      );
    }
    const actual = target.kind === 'linked' || target.kind === 'adopt' ? target.group : null;
    const twoWay = this.context.reconcile !== undefined && link?.direction === 'two_way';
    // The two-way question (which side changed) needs the Feishu side as its last sync recorded it.
    const feishuNow = twoWay && actual && planLink?.status !== 'conflict' ? await this.currentSide(actual, link) : null;
    const desired = {
      ...read.rule,
      name: read.targetName(actual ? { id: actual.group_id, name: actual.group_name } : null),
    };
    const plan = feishu.plan(desired, {
      resolver: this.context.resolver,
      groupLeaderIds: this.context.groupLeaderIds ?? [],
      ...(actual ? { groupId: actual.group_id } : {}),
      ...(this.context.effectiveNow !== undefined ? { effectiveNow: this.context.effectiveNow } : {}),
    });
    const losses: Loss[] = [...read.losses, ...plan.losses];
    const notes: Note[] =
      (target.kind === 'absent' || target.kind === 'linked_missing') && target.note ? [target.note] : [];
    const creates = plan.ok ? plan.value.shifts.flatMap((entry) => (entry.action === 'create' ? [entry] : [])) : [];
    // With every shift reused the ids are known now, so the comparison sees the group exactly as it would be
    // written; with shifts still to create, the group changes anyway (it will name new shifts).
    const comparable =
      plan.ok && creates.length === 0
        ? feishu.bindShifts(plan.value, feishu.shiftIdsOf(plan.value))
        : plan.ok
          ? plan.value
          : null;
    const write = actual && comparable ? feishu.overwrite(comparable, actual, this.source.ruleNoun) : null;
    let comparison: { readonly actual: SideState; readonly desired: string | null } | undefined;
    if (plan.ok && actual && write && creates.length === 0) {
      const desiredHash = (await this.groupSide(write.asRead, plan.value)).hash;
      comparison = { actual: this.sideState(await this.groupSide(actual, plan.value), link), desired: desiredHash };
    }
    const lookup: TargetLookup = target.kind;
    return {
      lookup,
      writable: plan.ok,
      targetSide: feishuNow ? this.sideState(feishuNow, link) : null,
      ...(comparison ? { comparison } : {}),
      losses,
      ...(target.kind === 'name_taken'
        ? { found: { id: target.group.group_id, name: target.group.group_name, losses: read.losses } }
        : {}),
      create: () => this.write(read, link, plan, null, losses, notes, null),
      update: async (change) => {
        if (change.kind === 'skip_foreign') {
          // Feishu refuses no write for good (the connector lists no permanent refusals): never decided here.
          throw new Error(`the ${feishu.ruleNoun} target cannot decide "${change.kind}"`);
        }
        if (change.kind === 'unchanged' && write && plan.ok) {
          if (!this.context.dryRun) {
            const linkId = await this.markSynced(link, read, actual!, comparison!.desired!);
            await this.recordShiftLinks(linkId, plan.value, feishu.shiftIdsOf(plan.value), read.rule.kind);
          }
          return item(read.id, actual!.group_id, 'unchanged', [...losses, ...write.notes]);
        }
        if (change.kind === 'update' && change.overwritesDrift) {
          notes.push({
            field: 'group',
            code: 'target_drift_overwritten',
            message:
              'The Feishu group was changed outside the gateway since the last sync; this one-way sync overwrote ' +
              `it with the ${this.source.ruleNoun}.`,
          });
        }
        if (write) losses.push(...write.notes);
        return this.write(read, link, plan, actual, losses, notes, write?.body ?? null);
      },
    };
  }

  private settled(done: SyncRunItem): TargetProposal {
    const never = (): Promise<SyncRunItem> => Promise.reject(new Error('a settled item writes nothing'));
    return {
      settled: done,
      lookup: 'absent',
      writable: false,
      targetSide: null,
      losses: [],
      create: never,
      update: never,
    };
  }

  /** Creates the group (or writes `actual`) with the shifts the plan still lacks; the link records both sides. */
  private async write(
    read: SourceRead,
    link: GroupLink | null,
    plan: ReturnType<FeishuRulesConnector['plan']>,
    actual: FeishuGroupRecord | null,
    losses: readonly Loss[],
    notes: readonly Note[],
    /** The body a dry run shows for an existing group (written over it as planned before any shift exists). */
    overwriteBody: ReturnType<FeishuRulesConnector['overwrite']>['body'] | null,
  ): Promise<SyncRunItem> {
    if (!plan.ok) throw new Error(`the ${this.connector.ruleNoun} of ${read.id} cannot be written`);
    const feishu = this.connector;
    const { store, dryRun } = this.context;
    const creates = plan.value.shifts.flatMap((entry) => (entry.action === 'create' ? [entry] : []));
    if (dryRun) {
      const requests = feishu.writeRequests(
        creates.map((entry) => entry.shift),
        overwriteBody ?? plan.value.groupTemplate,
      );
      return item(read.id, actual?.group_id ?? null, actual ? 'updated' : 'created', losses, {
        notes,
        plan: feishuPlan(requests),
      });
    }
    const createdIds = new Map<string, string>();
    for (const entry of creates) {
      const created = await feishu.createShift(entry.shift);
      createdIds.set(entry.shiftKey, created.shift_id);
    }
    const shiftIds = feishu.shiftIdsOf(plan.value, createdIds);
    if (actual) {
      const bound = feishu.overwrite(feishu.bindShifts(plan.value, shiftIds), actual, this.source.ruleNoun);
      const saved = await feishu.saveGroup(bound.body);
      const feishuHash = (await this.groupSide(saved, plan.value, shiftIds)).hash ?? '';
      const linkId = await this.markSynced(link, read, saved, feishuHash);
      await this.recordShiftLinks(linkId, plan.value, shiftIds, read.rule.kind);
      return item(read.id, saved.group_id, 'updated', losses, { notes });
    }

    const body = feishu.bindShifts(plan.value, shiftIds).groupTemplate;
    // Intent first: a crash after Feishu created the group is adopted by its name on the next run.
    const intent =
      link && linkSideId(link, feishu.vendor)
        ? await store.groupLinks.resetTarget(link.id, feishu.vendor, body.group_name)
        : await store.groupLinks.recordIntent({
            direction: link?.direction ?? this.direction,
            source: { vendor: this.source.vendor, id: read.id, name: read.name },
            target: { vendor: feishu.vendor, name: body.group_name },
          });
    const pending = intent.status === 'pending' ? intent : await store.groupLinks.setStatus(intent.id, 'pending');
    let saved: FeishuGroupRecord;
    try {
      saved = await feishu.saveGroup(body);
    } catch (error) {
      await store.groupLinks.setStatus(pending.id, 'pending', linkFailureOf(error));
      throw error;
    }
    const feishuHash = (await this.groupSide(saved, plan.value, shiftIds)).hash ?? '';
    const linkId = await this.markSynced(pending, read, saved, feishuHash);
    await this.recordShiftLinks(linkId, plan.value, shiftIds, read.rule.kind);
    return item(read.id, saved.group_id, 'created', losses, { notes });
  }

  /**
   * The group of this source object: the linked one; else, for a recorded intent (a create that may have
   * happened before a crash), the group with the recorded name unless another link pairs it; else none. A
   * group of the source's name that another link pairs is not this one's (`held`); one no link pairs is
   * somebody else's: a name conflict, never adopted silently.
   */
  private async locate(link: GroupLink | null, name: string): Promise<Location> {
    const feishu = this.connector;
    const linked = link ? linkSide(link, feishu.vendor) : null;
    if (linked?.id) {
      const group = await feishu.findGroup(linked.id);
      if (group) return { kind: 'linked', group };
    }
    const intent = linked && !linked.id ? linked.name : null;
    const first = (await feishu.groupsNamed(intent ?? name))[0];
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
    const pairedBy = await this.context.store.groupLinks.findBySide(feishu.vendor, first.group_id);
    const pairedWith = pairedBy ? linkSide(pairedBy, this.source.vendor).id : null;
    if (pairedWith !== null && pairedBy?.id !== link?.id) {
      return { kind: 'held', groupId: first.group_id, pairedWith };
    }
    if (intent !== null) return { kind: 'adopt', group: await feishu.getGroup(first.group_id) };
    return { kind: 'name_taken', group: first };
  }

  /** The Feishu side as the last sync recorded it: the group with its own shifts and its linked ones. */
  private async currentSide(group: FeishuGroupRecord, link: GroupLink): Promise<FeishuGroupSide> {
    const linked = await this.context.store.shiftLinks.listForGroupLink(link.id);
    return this.connector.sideOf(
      group,
      linked.flatMap((shift) => feishuShiftIdOf(shift, this.connector.vendor) ?? []),
    );
  }

  /** A Feishu group read with the shifts the plan stands for (and any the group names), as content hashes. */
  private groupSide(
    group: FeishuGroupRecord,
    plan: FeishuGroupWritePlan,
    shiftIds: ReadonlyMap<string, string> = this.connector.shiftIdsOf(plan),
  ): Promise<FeishuGroupSide> {
    return this.connector.sideOf(group, shiftIds.values());
  }

  /** A Feishu group's side as planRuleChange weighs it: now, and what the link's last sync recorded. */
  private sideState(side: FeishuGroupSide, link: GroupLink | null): SideState {
    return {
      hash: side.hash,
      recorded: (link && linkSide(link, this.connector.vendor).hash) || null,
      legacy: side.legacyHash,
    };
  }

  private async markSynced(
    link: GroupLink | null,
    read: SourceRead,
    group: FeishuGroupRecord,
    feishuHash: string,
  ): Promise<string> {
    const { store } = this.context;
    const feishu = this.connector.vendor;
    if (link) {
      const [linkedGroup, linkedSource] = [linkSide(link, feishu), linkSide(link, this.source.vendor)];
      if (
        link.status === 'active' &&
        linkedGroup.id === group.group_id &&
        linkedGroup.hash === feishuHash &&
        linkedSource.hash === read.hash
      ) {
        return link.id;
      }
    }
    const ensured =
      link ??
      (await store.groupLinks.recordIntent({
        direction: this.direction,
        source: { vendor: this.source.vendor, id: read.id, name: read.name },
        target: { vendor: feishu, name: group.group_name },
      }));
    await store.groupLinks.markSynced(ensured.id, {
      sides: [
        { vendor: this.source.vendor, id: read.id, name: read.name, hash: read.hash },
        { vendor: feishu, id: group.group_id, name: group.group_name, hash: feishuHash },
      ],
      syncedAt: this.context.now(),
      writtenVendor: feishu,
    });
    return ensured.id;
  }

  /**
   * Remembers which Feishu shift stands for which source shift (a WeCom schedule) of a 排班 rule. A Feishu 排班
   * group names no shifts (its roster does), so this is how the other direction and the roster sync know the
   * group's shifts. Each role writes its own side only: the source side's vendor and kind come from the source's
   * connector (RuleSideConnector.shiftKind), its keys from the plan, and the source side is the one a shift link
   * is found by. One source shift per Feishu shift (the sides' key): identical schedules share a shift; the
   * schedule already linked to it is kept while the rule still has it, else the first. Stale rows go before the
   * new ones are written, in one transaction: a shift whose schedule changed (HR added an identical schedule with
   * a lower id) would otherwise collide with its old row and fail every run (found by the fault suite).
   */
  private async recordShiftLinks(
    linkId: string,
    plan: FeishuGroupWritePlan,
    shiftIds: ReadonlyMap<string, string>,
    kind: 'fixed' | 'shift_based' | 'free',
  ): Promise<void> {
    if (kind !== 'shift_based') return;
    const sourceKind = this.source.shiftKind(kind);
    if (sourceKind === null) return;
    const { store } = this.context;
    const [source, feishu] = [this.source.vendor, this.connector.vendor];
    const existing = (await store.shiftLinks.listForGroupLink(linkId)).flatMap((link) => {
      const sourceSide = link.sides.get(source);
      return sourceSide?.kind === sourceKind
        ? [{ id: link.id, feishuShiftId: feishuShiftIdOf(link, feishu), sourceKey: sourceSide.key }]
        : [];
    });
    const desired: { feishuShiftId: string; sourceKey: string }[] = [];
    for (const entry of plan.shifts) {
      const feishuShiftId = shiftIds.get(entry.shiftKey);
      if (!feishuShiftId || desired.some((pair) => pair.feishuShiftId === feishuShiftId)) continue;
      const linked = existing.find(
        (link) => link.feishuShiftId === feishuShiftId && entry.sourceShiftKeys.includes(link.sourceKey),
      );
      const sourceKey = linked?.sourceKey ?? entry.sourceShiftKeys[0];
      if (sourceKey === undefined || desired.some((pair) => pair.sourceKey === sourceKey)) continue;
      desired.push({ feishuShiftId, sourceKey });
    }
    const keep = existing
      .filter((link) =>
        desired.some((pair) => pair.feishuShiftId === link.feishuShiftId && pair.sourceKey === link.sourceKey),
      )
      .map((link) => link.id);
    await store.transaction(async (session) => {
      await session.shiftLinks.deleteOthers(linkId, keep);
      for (const { feishuShiftId, sourceKey } of desired) {
        await session.shiftLinks.upsert({
          groupLinkId: linkId,
          anchor: { vendor: source, kind: sourceKind, key: sourceKey, name: null },
          others: [
            {
              vendor: feishu,
              kind: FEISHU_SHIFT_KIND,
              key: feishuShiftId,
              name: this.connector.shiftName(feishuShiftId),
            },
          ],
          contentHash: null,
        });
      }
    });
  }

  finish(items: readonly SyncRunItem[]): Promise<SyncRunItem[]> {
    return Promise.resolve([...items]);
  }
}
