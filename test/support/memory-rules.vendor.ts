import type { LinkDirection } from '@app/kernel';
import type { GroupLink, SyncRunItem } from '@app/mapping-store';
import type { CanonicalRule } from '@app/translation';
import { ruleContentHash } from '@app/translation';
import { linkSide, linkSideId } from '../../apps/gateway/src/sync/engine/link-sides.js';
import type {
  RulesSource,
  RulesTarget,
  SourceRead,
  TargetProposal,
  UnreadableSource,
} from '../../apps/gateway/src/sync/rules/rule-sides.js';
import { item, type RulesRunContext } from '../../apps/gateway/src/sync/rules/rule-sync.types.js';
import { MemoryRulesConnector } from './memory-rules.connector.js';

/**
 * A third vendor for the rules engine's tests: rules kept in memory as canonical rules under ids it makes up,
 * with both roles a vendor plays in a rules run (rule-sides.ts). It has none of a real vendor's reads,
 * translation or quirks, so a run of the one rules reconciler over it (rules.reconciler.spec.ts) shows what the
 * engine needs of a vendor: these two roles, and nothing in the engine named after Feishu or WeCom.
 */
export class MemoryRulesVendor extends MemoryRulesConnector {
  /** The canonical rule each id holds (absent: a rule this vendor cannot read into the canonical model). */
  readonly contents = new Map<string, CanonicalRule>();
  private nextId = 1;

  /** Puts a rule on this vendor (a new id unless given) and answers its id. */
  put(rule: CanonicalRule, id = `${this.vendor}-${this.nextId++}`): string {
    this.rules.set(id, { name: rule.name });
    this.contents.set(id, rule);
    return id;
  }

  /** A rule this vendor holds that cannot be read into the canonical model. */
  putUnreadable(id: string, name: string): void {
    this.rules.set(id, { name });
    this.contents.delete(id);
  }

  hashOf(id: string): string | null {
    const content = this.contents.get(id);
    return content ? ruleContentHash(content) : null;
  }

  idsNamed(name: string): string[] {
    return [...this.rules].flatMap(([id, rule]) => (rule.name === name ? [id] : []));
  }
}

export class MemoryRulesSource implements RulesSource {
  readonly resource: string;

  constructor(
    private readonly context: RulesRunContext,
    readonly connector: MemoryRulesVendor,
  ) {
    this.resource = `${connector.vendor}-rule`;
  }

  select(): Promise<readonly string[]> {
    return Promise.resolve(this.context.groupIds ?? [...this.connector.rules.keys()]);
  }

  read(id: string): Promise<SourceRead | UnreadableSource | null> {
    if (!this.connector.rules.has(id)) return Promise.resolve(null);
    const rule = this.connector.contents.get(id);
    if (!rule) {
      return Promise.resolve({
        id,
        losses: [{ field: 'rule', severity: 'blocking', message: 'not a rule this vendor can read', sourceValue: id }],
      });
    }
    return Promise.resolve({
      id,
      name: rule.name,
      rule,
      losses: [],
      hash: ruleContentHash(rule),
      legacy: () => [],
      targetName: () => rule.name,
    });
  }

  goneLinks(): Promise<readonly GroupLink[]> {
    return Promise.resolve([]);
  }
}

export class MemoryRulesTarget implements RulesTarget {
  readonly concurrency = 4;

  constructor(
    private readonly context: RulesRunContext,
    readonly connector: MemoryRulesVendor,
    private readonly source: MemoryRulesVendor,
    private readonly direction: LinkDirection,
  ) {}

  begin(): Promise<void> {
    return Promise.resolve();
  }

  precheck(): Promise<SyncRunItem | null> {
    return Promise.resolve(null);
  }

  propose(read: SourceRead, link: GroupLink | null): Promise<TargetProposal> {
    const vendor = this.connector.vendor;
    const linked = link ? linkSide(link, vendor) : null;
    const linkedHere = linked?.id && this.connector.rules.has(linked.id) ? linked.id : null;
    const sameNamed = this.connector.idsNamed(read.rule.name)[0] ?? null;
    const lookup = linkedHere
      ? 'linked'
      : linked?.id
        ? 'linked_missing'
        : sameNamed === null
          ? 'absent'
          : linked?.name === read.rule.name
            ? 'adopt'
            : 'name_taken';
    const actualId = lookup === 'linked' ? linkedHere : lookup === 'adopt' ? sameNamed : null;
    const sideOf = (id: string) => ({ hash: this.connector.hashOf(id), recorded: linked?.hash ?? null });
    return Promise.resolve({
      lookup,
      writable: true,
      targetSide: linkedHere ? sideOf(linkedHere) : null,
      ...(actualId ? { comparison: { actual: sideOf(actualId), desired: read.hash } } : {}),
      losses: read.losses,
      ...(lookup === 'name_taken' && sameNamed
        ? { found: { id: sameNamed, name: read.rule.name, losses: read.losses } }
        : {}),
      create: () => this.create(read, link),
      update: async (change) => {
        const targetId = actualId!;
        if (change.kind === 'skip_foreign') return item(read.id, targetId, 'skipped', read.losses);
        if (change.kind === 'update' && !this.context.dryRun) {
          this.connector.put(read.rule, targetId);
          this.connector.writes.push({ api: 'memory.update', id: targetId });
        }
        if (!this.context.dryRun) await this.markSynced(link ?? (await this.intent(read)), read, targetId);
        return item(read.id, targetId, change.kind === 'update' ? 'updated' : 'unchanged', read.losses);
      },
    });
  }

  private async create(read: SourceRead, link: GroupLink | null): Promise<SyncRunItem> {
    if (this.context.dryRun) return item(read.id, null, 'created', read.losses);
    const vendor = this.connector.vendor;
    const intent =
      link && linkSideId(link, vendor)
        ? await this.context.store.groupLinks.resetTarget(link.id, vendor, read.rule.name, read.hash)
        : await this.intent(read);
    const id = this.connector.put(read.rule);
    this.connector.writes.push({ api: 'memory.create', id });
    await this.markSynced(intent, read, id);
    return item(read.id, id, 'created', read.losses);
  }

  private intent(read: SourceRead): Promise<GroupLink> {
    return this.context.store.groupLinks.recordIntent({
      direction: this.direction,
      source: { vendor: this.source.vendor, id: read.id, name: read.name },
      target: { vendor: this.connector.vendor, name: read.rule.name, plannedHash: read.hash },
    });
  }

  private async markSynced(link: GroupLink, read: SourceRead, targetId: string): Promise<void> {
    await this.context.store.groupLinks.markSynced(link.id, {
      sides: [
        { vendor: this.source.vendor, id: read.id, name: read.name, hash: read.hash },
        { vendor: this.connector.vendor, id: targetId, name: read.rule.name, hash: this.connector.hashOf(targetId)! },
      ],
      syncedAt: this.context.now(),
      writtenVendor: this.connector.vendor,
    });
  }

  finish(items: readonly SyncRunItem[]): Promise<SyncRunItem[]> {
    return Promise.resolve([...items]);
  }
}
