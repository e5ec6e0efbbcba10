import { Injectable, Logger } from '@nestjs/common';
import { type DirectoryConnector, FeishuDirectoryConnector, WecomDirectoryConnector } from '@app/connectors';
import type { DirectoryPerson, IdentityAttribute, UnreadableRecordSink, Vendor } from '@app/kernel';
import {
  MappingStore,
  RunQueue,
  type IdentityMatch,
  type OriginPair,
  type SyncRun,
  type SyncRunItem,
} from '@app/mapping-store';
import { AppConfig } from '../../config/app-config.js';
import { VendorClients } from '../../vendors/vendor-clients.service.js';
import { describeFailure } from '../../sync/engine/sync-error-policy.js';
import { planIdentityMatch, type IdentityMatchPlan } from './identity-match.plan.js';
import { lookupsStillNeeded, type VendorLookups } from './match-people.js';

/** What the executor hands the job: the run's unreadable records and its progress callbacks. */
export interface IdentityMatchContext {
  readonly unreadable: UnreadableRecordSink;
  readonly onItemDone?: (item?: SyncRunItem) => void;
  readonly onItemsPlanned?: (count: number) => void;
}

/** A side's people whose lookups are worth asking for. */
interface LookupSide {
  readonly vendor: Vendor;
  readonly connector: DirectoryConnector;
  readonly people: readonly DirectoryPerson[];
}

/** The ids of each side that are mapped or whose match is decided. */
function settledIds(
  mappings: readonly OriginPair[],
  matches: readonly IdentityMatch[],
): { feishu: Set<string>; wecom: Set<string> } {
  const feishu = new Set(mappings.map((pair) => pair.feishu));
  const wecom = new Set(mappings.map((pair) => pair.wecom));
  for (const match of matches) {
    if (match.status !== 'accepted' && match.status !== 'rejected') continue;
    if (match.feishuId !== null) feishu.add(match.feishuId);
    if (match.status === 'accepted' && match.wecomId !== null) wecom.add(match.wecomId);
  }
  return { feishu, wecom };
}

/**
 * The match run (scope `identities`, README "Identity matching"): reads both directories, asks each vendor's
 * lookups only what its directory did not say, hands everything to the pure plan (identity-match.plan.ts), and
 * writes what the plan decided — matches, match-made mappings, leavers unmapped — in one transaction. Values
 * (emails, mobiles) pass through memory only and are never logged or stored.
 */
@Injectable()
export class IdentityMatchJob {
  private readonly logger = new Logger(IdentityMatchJob.name);

  constructor(
    private readonly store: MappingStore,
    private readonly vendors: VendorClients,
    private readonly config: AppConfig,
    private readonly queue: RunQueue,
  ) {}

  async execute(run: SyncRun, context: IdentityMatchContext): Promise<SyncRunItem[]> {
    const order: readonly IdentityAttribute[] = run.params.matchAttributes ?? this.config.identity.matchOrder;
    const autoAccept = run.params.autoAccept ?? this.config.identity.autoAccept;
    const feishuConnector = new FeishuDirectoryConnector(this.vendors.feishu());
    const wecomConnector = new WecomDirectoryConnector(this.vendors.wecom(), {
      employeeNoAttribute: this.config.wecom.employeeNoAttribute,
      lookupConcurrency: this.config.identity.lookupConcurrency,
    });
    // Both directories or nothing: a root outside the app's scope is a permission error that fails the run
    // naming what to grant, before anything is decided on half a company.
    const [feishuDirectory, wecomDirectory] = await Promise.all([
      feishuConnector.readDirectory(),
      wecomConnector.readDirectory(),
    ]);
    for (const record of [...feishuDirectory.unreadable, ...wecomDirectory.unreadable]) context.unreadable(record);

    const [userMappings, departmentMappings, userMatches, departmentMatches] = await Promise.all([
      this.store.users.listAllWithOrigin(),
      this.store.departments.listAllWithOrigin(),
      this.store.identityMatches.listAll('user'),
      this.store.identityMatches.listAll('department'),
    ]);
    // People already mapped, or whose match was decided, keep their pair without a lookup: WeCom counts every
    // lookup that finds nobody against a day budget of a fifth of the seats (docs/vendor/wecom-contact.md), so
    // a repeated run asks only about the people still open.
    const settled = settledIds(userMappings, userMatches);
    const lookupFailures: SyncRunItem[] = [];
    const lookups = await this.lookUp(
      order,
      {
        vendor: 'feishu',
        connector: feishuConnector,
        people: feishuDirectory.people.filter((person) => !settled.feishu.has(person.id)),
      },
      {
        vendor: 'wecom',
        connector: wecomConnector,
        people: wecomDirectory.people.filter((person) => !settled.wecom.has(person.id)),
      },
      lookupFailures,
    );
    if (lookupFailures.length > 0) {
      // A vendor refused part of the lookups: pairs decided on part of the answers can be wrong (the rival claim
      // that makes a pair ambiguous may be among the questions never answered), and an auto-accept would map
      // them. The run writes nothing and says why; the review list stays as the last complete run left it.
      context.onItemsPlanned?.(lookupFailures.length);
      for (const item of lookupFailures) context.onItemDone?.(item);
      this.logger.warn(
        { runId: run.id, lookupFailures: lookupFailures.length },
        'Identity match stopped: lookups refused',
      );
      return lookupFailures;
    }
    const plan = planIdentityMatch({
      order,
      autoAccept,
      dryRun: run.dryRun,
      feishu: feishuDirectory,
      wecom: wecomDirectory,
      lookups,
      userMappings,
      departmentMappings,
      userMatches,
      departmentMatches,
    });
    const items = [...plan.items, ...lookupFailures];
    context.onItemsPlanned?.(items.length);
    if (!run.dryRun) await this.write(run, plan);
    for (const item of items) context.onItemDone?.(item);
    this.logger.log(
      { runId: run.id, ...plan.counts, lookupFailures: lookupFailures.length },
      'Identity match finished',
    );
    return items;
  }

  /**
   * Attribute by attribute in the operator's order, each vendor is asked only for the values of people who have
   * no candidate yet and whose value that vendor's directory does not already list. A vendor that refuses (its
   * lookup budget spent, a permission) is asked nothing more in this run; the refusal is one failed item and
   * the run writes nothing (execute).
   */
  private async lookUp(
    order: readonly IdentityAttribute[],
    feishu: LookupSide,
    wecom: LookupSide,
    failures: SyncRunItem[],
  ): Promise<VendorLookups> {
    const answers: Record<Vendor, Map<IdentityAttribute, Map<string, string | null>>> = {
      feishu: new Map(),
      wecom: new Map(),
    };
    const stopped = new Set<Vendor>();
    for (const attribute of order) {
      // Normalized values (as the matcher compares them) of people no earlier attribute paired.
      const needed = lookupsStillNeeded(order, feishu.people, wecom.people, answers, attribute);
      for (const asked of [wecom, feishu]) {
        if (stopped.has(asked.vendor) || !asked.connector.lookupAttributes.includes(attribute)) continue;
        const values = needed[asked.vendor];
        if (values.length === 0) continue;
        const answer = await asked.connector.lookup(attribute, values);
        const known = answers[asked.vendor].get(attribute) ?? new Map<string, string | null>();
        for (const [value, id] of answer.found) known.set(value, id);
        answers[asked.vendor].set(attribute, known);
        if (answer.stoppedBy) {
          stopped.add(asked.vendor);
          failures.push({
            sourceId: `${asked.vendor}:lookup:${attribute}`,
            targetId: null,
            action: 'failed',
            losses: [],
            error:
              `${describeFailure(answer.stoppedBy)} — ${values.length - answer.found.size} of ${values.length} ` +
              `${attribute} lookups unanswered, so nothing was written (a match on part of the answers could ` +
              'pair the wrong people); run the match again once the vendor answers (WeCom resets its day budget ' +
              'of failed lookups at midnight, China time)',
          });
        }
      }
    }
    return answers;
  }

  private async write(run: SyncRun, plan: IdentityMatchPlan): Promise<void> {
    await this.store.transaction(async (session) => {
      // Removals before writes: a person unmapped and re-paired in one run keeps the new pair.
      for (const [kind, mappings, part] of [
        ['user', session.users, plan.users],
        ['department', session.departments, plan.departments],
      ] as const) {
        await session.identityMatches.replace(kind, part.entries, run.id);
        await mappings.removeMatched(part.toUnmap.map((pair) => pair.feishu));
        await mappings.upsertMatched(part.toMap);
        await session.identityMatches.forget(kind, part.forget);
      }
    });
    const changed =
      plan.users.toMap.length +
      plan.users.toUnmap.length +
      plan.departments.toMap.length +
      plan.departments.toUnmap.length;
    if (changed === 0) return;
    // The rules that held people who left, or can now carry people just mapped, are re-synced at once; a
    // scheduled run would get there too, later.
    const rules = await this.queue.enqueue({
      direction: 'two_way',
      scope: 'rules',
      dryRun: false,
      triggeredBy: 'match',
      params: {},
    });
    this.logger.log({ runId: run.id, rulesRunId: rules.id, changed }, 'Mappings changed: rules run queued');
  }
}
