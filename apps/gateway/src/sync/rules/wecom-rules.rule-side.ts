import type { LinkDirection, Loss, Note } from '@app/kernel';
import type { GroupLink, GroupLinkSyncedState, SyncRunItem } from '@app/mapping-store';
import {
  type RuleSideConnector,
  type WecomRule,
  type WecomRuleCreate,
  type WecomRulesConnector,
  wecomPlan,
  type WecomRuleUpdatePlan,
} from '@app/connectors';
import { legacyRuleContentHashes, ruleContentHash } from '@app/translation';
import type { PlanLink, RuleChange, SideState } from '../engine/plan-rule-change.js';
import { linkSide, linkSideId } from '../engine/link-sides.js';
import { linkFailureOf } from '../engine/sync-error-policy.js';
import type { RulesSource, RulesTarget, SourceRead, TargetProposal, UnreadableSource } from './rule-sides.js';
import { item, type RulesRunContext } from './rule-sync.types.js';
import { WecomRuleNames, type RuleLocation } from './wecom-rule-names.js';

/**
 * Groups in flight at once when WeCom is written. The vendors are protected by the clients' rate limiters, not
 * by this number; it only has to keep the tightest limiter busy, which takes (time one group spends outside
 * the limiter queues) ÷ (the limiter's spacing) groups. A group makes its store statements and 2–3 vendor calls
 * one after another: against the real vendors that is a few round trips of 50–200 ms each, against WeCom's
 * 24 ms between add_checkin_option calls (its 150,000/h) and Feishu's 20 ms between group reads (50/s). At 8,
 * a group slower than ~190 ms already left the limiters idle; 32 covers ~750 ms. The pace stays the vendors'
 * published one whatever the number: more in flight only means more requests waiting in the limiters.
 */
const CONCURRENCY = 32;
/** New links recorded per statement at the end of a run. */
const LINK_BATCH = 500;

/**
 * WeCom checkin rules as the source of a rules run: listed once (every rule, with its schedules), each read
 * from that list. In a scheduled run a rule no link knows is new unless the gateway made it: a rule whose name
 * a link recorded as the intent of a create it has not linked yet (the other half is creating it, or crashed
 * after creating it), a rule carrying a legacy gateway name (the gateway's own, its link lost), and a rule an
 * open name conflict found (it waits for that conflict's resolution).
 */
export class WecomRulesSource implements RulesSource {
  readonly resource = 'wecom-rule';
  private rules: readonly WecomRule[] = [];
  private byId = new Map<string, WecomRule>();

  constructor(
    private readonly context: RulesRunContext,
    readonly connector: WecomRulesConnector,
  ) {}

  async select(links: readonly GroupLink[], direction: LinkDirection): Promise<readonly string[]> {
    this.rules = await this.connector.list();
    this.byId = new Map(this.rules.map((rule) => [String(rule.groupid), rule]));
    if (this.context.reconcile) return this.reconcileSources(links, direction);
    const wanted = this.context.groupIds ? new Set(this.context.groupIds) : null;
    return [...this.byId.keys()].filter((id) => !wanted || wanted.has(id));
  }

  private async reconcileSources(links: readonly GroupLink[], direction: LinkDirection): Promise<string[]> {
    const { store, reconcile, dryRun } = this.context;
    const open = await store.conflicts.list({ openOnly: true });
    const vendor = this.connector.vendor;
    const rulesOf = links.map((link) => ({ link, rule: linkSide(link, vendor) }));
    const byRule = new Map(rulesOf.flatMap(({ link, rule }) => (rule.id ? [[rule.id, link] as const] : [])));
    const intended = new Set(rulesOf.flatMap(({ rule }) => (!rule.id && rule.name ? [rule.name] : [])));
    const found = new Set(open.flatMap((conflict) => (conflict.found?.vendor === vendor ? [conflict.found.id] : [])));
    const sources: string[] = [];
    for (const [ruleId, rule] of this.byId) {
      const link = byRule.get(ruleId);
      if (link) {
        if (link.status !== 'unlinked' && link.direction !== 'feishu_to_wecom') sources.push(ruleId);
        continue;
      }
      if (this.connector.isLegacyGatewayName(rule.groupname) || intended.has(rule.groupname)) continue;
      if (found.has(ruleId)) continue;
      if (reconcile?.autoLink) sources.push(ruleId);
      else if (!dryRun) {
        await store.groupLinks.recordUnlinked({ direction, source: { vendor, id: ruleId, name: rule.groupname } });
      }
    }
    return sources;
  }

  read(id: string): Promise<SourceRead | UnreadableSource | null> {
    return Promise.resolve(this.readListed(id));
  }

  private readListed(id: string): SourceRead | UnreadableSource | null {
    const rule = this.byId.get(id);
    if (!rule) return null;
    const translated = this.connector.toCanonical(rule);
    if (!translated.ok) return { id, losses: translated.losses };
    const canonical = translated.value;
    return {
      id,
      name: rule.groupname,
      rule: canonical,
      losses: translated.losses,
      hash: ruleContentHash(canonical),
      legacy: () => legacyRuleContentHashes(canonical),
      targetName: (actual) => this.targetName(rule.groupname, actual),
    };
  }

  /**
   * The name of a rule's counterpart: the rule's own name. A rule the gateway made from an object of another
   * vendor carries that object's name, or "name (2)" … when another rule held it (plain-rule-names.ts), or,
   * made before plain names, the name with a `·fs` tag (legacy-rule-names.ts): the linked object keeps its
   * name, and a tagged rule without its object is named without the tag.
   */
  private targetName(ruleName: string, actual: { readonly id: string; readonly name: string } | null): string {
    if (actual && this.connector.isNameFor(ruleName, actual.name)) return actual.name;
    if (actual && this.connector.legacySourceIdOf(ruleName) === actual.id) return actual.name;
    return this.connector.withoutLegacyTag(ruleName);
  }

  /** Links that sync one way from WeCom whose rule is gone (a rule WeCom lists but cannot be read is there). */
  async goneLinks(visitedAll: boolean): Promise<readonly GroupLink[]> {
    if (!visitedAll) return [];
    const vendor = this.connector.vendor;
    const present = new Set([...this.byId.keys(), ...this.context.unreadable.idsOf(vendor, 'checkin rule')]);
    return (await this.context.store.groupLinks.list()).filter((link) => {
      const ruleId = linkSideId(link, vendor);
      return (
        link.direction === 'wecom_to_feishu' && link.status !== 'unlinked' && ruleId !== null && !present.has(ruleId)
      );
    });
  }
}

/** A rule the gateway created but has not linked yet (WeCom's add answers no id): linked after one read. */
interface PendingCreate {
  readonly link: GroupLink;
  readonly sourceId: string;
  readonly sourceHash: string;
  readonly ruleName: string;
  readonly losses: readonly Loss[];
}

/**
 * WeCom checkin rules as the target of a rules run. A rule carries its source object's name
 * (wecom-rule-names.ts says which when names repeat). WeCom's add answers no id: crash safety comes from the
 * link's intent (the planned name and content hash), stored BEFORE add_checkin_option; a later run adopts the
 * rule of that name holding that content instead of adding a second one, and a same-named rule without such a
 * record is someone else's and becomes a name conflict, never adopted silently and never duplicated. The rules
 * a run creates are linked after one read at its end.
 */
export class WecomRulesTarget implements RulesTarget {
  readonly concurrency = CONCURRENCY;
  private readonly pendingCreates: PendingCreate[] = [];
  private names: WecomRuleNames;

  constructor(
    private readonly context: RulesRunContext,
    readonly connector: WecomRulesConnector,
    private readonly source: RuleSideConnector,
    private readonly direction: LinkDirection,
  ) {
    this.names = this.ruleNames([], new Set());
  }

  private get sourceVendor(): string {
    return this.source.vendor;
  }

  private ruleNames(links: readonly GroupLink[], listedAtStart: ReadonlySet<string>): WecomRuleNames {
    return new WecomRuleNames(links, listedAtStart, (name) => this.connector.nameCandidates(name));
  }

  async begin(links: readonly GroupLink[]): Promise<void> {
    await this.connector.list();
    this.names = this.ruleNames(links, this.connector.ids());
  }

  /**
   * A link naming a rule the list lacks may be one created since the list was read: list again rather than
   * create a second rule (or report the rule deleted). The link's rule is there but could not be read: nothing
   * is written (a rule seen as missing would be created a second time, or its deletion reported); the rule's
   * own item says what could not be read.
   */
  async precheck(sourceId: string, link: GroupLink | null): Promise<SyncRunItem | null> {
    const startedAt = this.connector.mark();
    if (link && this.listLacksRuleOf(link)) await this.connector.relist(startedAt);
    const ruleId = linkSideId(link, this.connector.vendor);
    const record = ruleId ? this.context.unreadable.find(this.connector.vendor, 'checkin rule', ruleId) : undefined;
    if (!ruleId || !record) return null;
    return item(sourceId, ruleId, 'failed', [], {
      error:
        `the linked WeCom rule ${ruleId} could not be read (${record.reason}), so nothing was written to it; ` +
        `the rule's own item in this run says more`,
    });
  }

  private listLacksRuleOf(link: GroupLink): boolean {
    const rule = linkSide(link, this.connector.vendor);
    if (rule.id) return !this.connector.has(rule.id);
    return rule.name !== null && !this.connector.hasName(rule.name);
  }

  propose(read: SourceRead, link: GroupLink | null, _planLink: PlanLink | null): Promise<TargetProposal> {
    return Promise.resolve(this.proposal(read, link));
  }

  private proposal(read: SourceRead, link: GroupLink | null): TargetProposal {
    const wecom = this.connector;
    const linkedTo = link ? linkSide(link, wecom.vendor) : null;
    const linkedRule = linkedTo?.id ? wecom.byId(linkedTo.id) : undefined;
    const target: RuleLocation = this.names.locate(read.id, read.rule.name, link, linkedRule, {
      named: (name) => wecom.named([name]),
      // The rule a crash left holds what the intent planned; an intent recorded before plans were hashed
      // (no hash) adopts by name alone, as it did then.
      matchesIntent: (rule) => linkedTo?.hash == null || wecom.contentHash(rule) === linkedTo.hash,
    });
    const ruleName = target.name ?? '';
    const payload =
      target.name !== null
        ? wecom.planCreate(read.rule, {
            resolver: this.context.resolver,
            // The object's own name when the rule takes it: the translation cuts it and reports the cut.
            ruleName: ruleName === wecom.nameCandidates(read.rule.name)[0] ? read.rule.name : ruleName,
            nowUnixSeconds: Math.floor(this.context.now().getTime() / 1000),
          })
        : null;
    const actual = target.kind === 'linked' || target.kind === 'adopt' ? target.rule : null;
    const update = payload?.ok && actual ? wecom.planUpdate(payload.group, actual, read.rule) : null;
    const targetSide = (rule: WecomRule): SideState => ({
      hash: wecom.contentHash(rule),
      recorded: linkedTo?.hash || null,
      legacy: () => wecom.legacyHashes(rule),
    });
    const losses = [...read.losses, ...(payload?.losses ?? [])];
    const named = nameNotes(target, wecom.nameCandidates(read.rule.name)[0], read.rule.name, this.source.ruleNoun);
    return {
      lookup: target.kind,
      // Without a free name nothing can be written; the create below says why.
      writable: payload?.ok ?? target.name === null,
      // The two-way questions are about the rule the link names, not one found by name.
      targetSide: linkedRule ? targetSide(linkedRule) : null,
      ...(update && actual
        ? { comparison: { actual: { ...targetSide(actual), hash: update.actualHash }, desired: update.desiredHash } }
        : {}),
      renameDue: target.kind === 'linked' && target.renamedFrom !== null,
      losses,
      ...(target.kind === 'name_taken'
        ? { found: { id: String(target.rule.groupid), name: target.rule.groupname, losses } }
        : {}),
      create: async () => {
        if (target.name === null) {
          const candidates = wecom.nameCandidates(read.name);
          return item(read.id, null, 'skipped', losses, {
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
        const created = this.create(read, link, ruleName, (payload as { group: WecomRuleCreate }).group, losses);
        return withNotes(await created, [...named, note]);
      },
      update: async (change) => {
        const note: Note | null =
          target.kind === 'adopt' && target.sameNamed > 1
            ? {
                field: 'rule',
                message: `${target.sameNamed} WeCom rules carry the name "${target.rule.groupname}"; the oldest (groupid ${target.rule.groupid}) was adopted.`,
              }
            : null;
        const updated = this.update(read, link, update!, losses, change);
        return withNotes(await updated, [...named, note]);
      },
    };
  }

  private async create(
    read: SourceRead,
    link: GroupLink | null,
    ruleName: string,
    group: WecomRuleCreate,
    losses: readonly Loss[],
  ): Promise<SyncRunItem> {
    const request = this.connector.createRequest(group);
    if (this.context.dryRun) return item(read.id, null, 'created', losses, { plan: wecomPlan([request]) });
    const { store } = this.context;
    // Intent first: if the process dies after WeCom created the rule, the next run finds it by this name and
    // knows it by this content.
    const plannedHash = this.connector.plannedHash(group);
    const intent =
      link && linkSideId(link, this.connector.vendor)
        ? await store.groupLinks.resetTarget(link.id, this.connector.vendor, ruleName, plannedHash)
        : await store.groupLinks.recordIntent({
            direction: link?.direction ?? this.direction,
            source: { vendor: this.sourceVendor, id: read.id, name: read.name },
            target: { vendor: this.connector.vendor, name: ruleName, plannedHash },
          });
    const pending = intent.status === 'pending' ? intent : await store.groupLinks.setStatus(intent.id, 'pending');
    try {
      await this.connector.send(request);
    } catch (error) {
      await store.groupLinks.setStatus(pending.id, 'pending', linkFailureOf(error));
      throw error;
    }
    this.pendingCreates.push({ link: pending, sourceId: read.id, sourceHash: read.hash, ruleName, losses });
    return item(read.id, null, 'created', losses);
  }

  /** An existing rule: recorded as it is, skipped as another app's, or written (see planRuleChange). */
  private async update(
    read: SourceRead,
    link: GroupLink | null,
    plan: WecomRuleUpdatePlan,
    sourceLosses: readonly Loss[],
    change: Extract<RuleChange, { kind: 'unchanged' | 'skip_foreign' | 'update' }>,
  ): Promise<SyncRunItem> {
    const { store, dryRun } = this.context;
    const wecom = this.connector.vendor;
    const targetId = String(plan.groupid);
    const losses = [...sourceLosses, ...plan.losses];
    const synced = (): GroupLinkSyncedState => ({
      sides: [
        { vendor: this.sourceVendor, id: read.id, name: read.name, hash: read.hash },
        { vendor: wecom, id: targetId, name: plan.group.groupname, hash: plan.desiredHash! },
      ],
      syncedAt: this.context.now(),
      writtenVendor: wecom,
    });
    if (change.kind === 'unchanged') {
      // Nothing to write; record the link (adoption, or hashes from an older format) without a vendor call.
      const stale =
        !link ||
        link.status !== 'active' ||
        linkSide(link, wecom).id !== targetId ||
        linkSide(link, this.sourceVendor).hash !== read.hash ||
        linkSide(link, wecom).hash !== plan.desiredHash;
      if (stale && !dryRun) {
        const ensured = link ?? (await this.recordLink(read, plan.group.groupname));
        await store.groupLinks.markSynced(ensured.id, synced());
      }
      return item(read.id, targetId, 'unchanged', losses);
    }
    if (change.kind === 'skip_foreign') {
      // Reported, not retried: WeCom lets only the app that created a rule change it, and that does not change.
      return item(read.id, targetId, 'skipped', losses, {
        error:
          `WeCom rule ${targetId} belongs to another WeCom app, which alone may change it; an earlier run was ` +
          `refused (${link?.lastError ?? ''}), so this one did not try again. Sync this pair ` +
          `${this.connector.vendorName} → ${this.source.vendorName}, or name the ${this.source.ruleNoun} in groupIds ` +
          'to try once more.',
      });
    }
    if (plan.desiredHash === null) throw new Error(`the rule written for group ${read.id} cannot be read back`);
    const notes: Note[] = change.overwritesDrift
      ? [
          {
            field: 'rule',
            code: 'target_drift_overwritten',
            message:
              'The WeCom rule was changed outside the gateway since the last sync; this one-way sync overwrote it ' +
              `with the ${this.source.ruleNoun}.`,
          },
        ]
      : [];
    if (dryRun) return item(read.id, targetId, 'updated', losses, { notes, plan: wecomPlan(plan.requests) });
    const ensured = link ?? (await this.recordLink(read, plan.group.groupname));
    for (const request of plan.requests) await this.connector.send(request);
    await store.groupLinks.markSynced(ensured.id, synced());
    return item(read.id, targetId, 'updated', losses, { notes });
  }

  private recordLink(read: SourceRead, ruleName: string): Promise<GroupLink> {
    return this.context.store.groupLinks.recordIntent({
      direction: this.direction,
      source: { vendor: this.sourceVendor, id: read.id, name: read.name },
      target: { vendor: this.connector.vendor, name: ruleName },
    });
  }

  /** One read of all rules links every rule this run created (WeCom's add answers no id). */
  async finish(items: readonly SyncRunItem[]): Promise<SyncRunItem[]> {
    if (this.pendingCreates.length === 0) return [...items];
    const { store } = this.context;
    const createdRules = await this.connector.findCreated(
      this.pendingCreates.map((created) => created.ruleName),
      this.names.known(),
    );
    const linked = new Map<string, SyncRunItem>();
    const found: { id: string; sourceId: string; state: GroupLinkSyncedState; item: SyncRunItem }[] = [];
    for (const created of this.pendingCreates) {
      const rule = createdRules.get(created.ruleName);
      if (!rule) {
        const error = `WeCom accepted the rule "${created.ruleName}" but does not list it; the next run will look again`;
        await store.groupLinks.setStatus(created.link.id, 'pending', { message: error, kind: 'not_found' });
        linked.set(created.sourceId, item(created.sourceId, null, 'failed', created.losses, { error }));
        continue;
      }
      found.push({
        id: created.link.id,
        sourceId: created.sourceId,
        state: {
          sides: [
            { vendor: this.sourceVendor, id: created.sourceId, hash: created.sourceHash },
            {
              vendor: this.connector.vendor,
              id: String(rule.groupid),
              name: rule.groupname,
              hash: this.connector.contentHash(rule) ?? '',
            },
          ],
          syncedAt: this.context.now(),
          writtenVendor: this.connector.vendor,
        },
        item: item(created.sourceId, String(rule.groupid), 'created', created.losses),
      });
    }
    // The links in one statement per LINK_BATCH: nothing else is left to run alongside them, and one round trip
    // each was most of a first sync's tail.
    for (let start = 0; start < found.length; start += LINK_BATCH) {
      const batch = found.slice(start, start + LINK_BATCH);
      await store.groupLinks.markSyncedMany(batch);
      for (const entry of batch) linked.set(entry.sourceId, entry.item);
    }
    return items.map((entry) => withNotes(linked.get(entry.sourceId), entry.notes) ?? entry);
  }
}

/**
 * What the item says about the rule's name: a rename, or a name other than the source object's own (`ownName`,
 * the first name its rule may carry).
 */
function nameNotes(target: RuleLocation, ownName: string | undefined, sourceName: string, sourceNoun: string): Note[] {
  if (target.kind === 'linked' && target.renamedFrom !== null) {
    return [
      {
        field: 'rule',
        message: `The WeCom rule was renamed from "${target.renamedFrom}" to "${target.name}": rules carry their ${sourceNoun}'s name.`,
      },
    ];
  }
  const created = target.kind === 'absent' || target.kind === 'linked_missing';
  if (created && target.name !== null && target.name !== ownName) {
    return [
      {
        field: 'rule',
        message: `The WeCom rule is named "${target.name}": another ${sourceNoun}'s rule already carries the name "${ownName ?? sourceName}".`,
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
