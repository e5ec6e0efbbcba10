import type { DirectoryReadResult } from '@app/connectors';
import type { IdentityAttribute, MatchEvidence, Note } from '@app/kernel';
import type { IdentityMatch, IdentityMatchEntry, MatchedPair, OriginPair, SyncRunItem } from '@app/mapping-store';
import { matchDepartments } from './match-departments.js';
import { matchPeople, type VendorLookups } from './match-people.js';
import type { MatchOutcome, MatchResult } from './settle-matches.js';

// The match run's decision, pure (no Nest, no I/O, no clock): both directories, the vendors' lookup answers and
// what the store holds go in; what to write and the run's items come out. identity-match.job.ts does the I/O.

export interface IdentityMatchPlanInput {
  readonly order: readonly IdentityAttribute[];
  readonly autoAccept: boolean;
  readonly dryRun: boolean;
  readonly feishu: DirectoryReadResult;
  readonly wecom: DirectoryReadResult;
  readonly lookups: VendorLookups;
  readonly userMappings: readonly OriginPair[];
  readonly departmentMappings: readonly OriginPair[];
  readonly userMatches: readonly IdentityMatch[];
  readonly departmentMatches: readonly IdentityMatch[];
}

/** What to write for one kind (people or departments). */
export interface KindPlan {
  /** Every match of the kind, for IdentityMatchRepository.replace. */
  readonly entries: readonly IdentityMatchEntry[];
  /** Match-made mappings to write. */
  readonly toMap: readonly MatchedPair[];
  /** Match-made mappings to remove (their person or department left). */
  readonly toUnmap: readonly { readonly feishu: string; readonly wecom: string }[];
  /** Feishu ids whose decided matches no longer apply. */
  readonly forget: readonly string[];
}

export interface IdentityMatchPlan {
  readonly users: KindPlan;
  readonly departments: KindPlan;
  readonly items: readonly SyncRunItem[];
  /** For the log: how many of each status, people and departments together. */
  readonly counts: Readonly<Record<string, number>>;
}

export function planIdentityMatch(input: IdentityMatchPlanInput): IdentityMatchPlan {
  const people = matchPeople({
    order: input.order,
    feishu: input.feishu.people,
    wecom: input.wecom.people,
    lookups: input.lookups,
    mappings: input.userMappings.map(existing),
    previous: input.userMatches,
    autoAccept: input.autoAccept,
  });
  const departments = matchDepartments({
    feishu: input.feishu.departments,
    wecom: input.wecom.departments,
    mappings: input.departmentMappings.map(existing),
    previous: input.departmentMatches,
    autoAccept: input.autoAccept,
  });
  const items = [...itemsOf(people, 'person', input.dryRun), ...itemsOf(departments, 'department', input.dryRun)];
  const counts: Record<string, number> = {};
  for (const result of [...people.results, ...departments.results]) {
    counts[result.status] = (counts[result.status] ?? 0) + 1;
  }
  counts['unmapped'] = people.toUnmap.length + departments.toUnmap.length;
  return { users: kindPlan(people), departments: kindPlan(departments), items, counts };
}

function existing(pair: OriginPair) {
  return { feishu: pair.feishu, wecom: pair.wecom, origin: pair.origin, matchedBy: pair.matchedBy };
}

function kindPlan(outcome: MatchOutcome): KindPlan {
  return {
    entries: outcome.results.map((result) => ({
      feishuId: result.feishuId,
      wecomId: result.wecomId,
      matchedBy: result.matchedBy,
      status: result.status,
      candidates: result.candidates,
      reason: result.reason,
      reasonCode: result.reasonCode,
      reasonParams: result.reasonParams,
      decidedBy: result.decidedBy,
    })),
    toMap: outcome.toMap.map(({ feishu, wecom, matchedBy }) => ({ feishu, wecom, matchedBy })),
    toUnmap: outcome.toUnmap.map(({ feishu, wecom }) => ({ feishu, wecom })),
    forget: outcome.forget,
  };
}

/**
 * One item per person or department the run decided something of, in the run shape HR already reads:
 * `created` a pair mapped now, `unchanged` a pair that stays (or a hand-made mapping kept), `updated` a
 * match-made mapping removed because its person left, `skipped` what waits for review (proposed, ambiguous,
 * unmatched) or was rejected. The note's field is the evidence (email, mobile, name_path …) or the status.
 */
function itemsOf(outcome: MatchOutcome, noun: 'person' | 'department', dryRun: boolean): SyncRunItem[] {
  const toMap = new Set(outcome.toMap.map((pair) => pair.feishu));
  const would = (text: string) => (dryRun ? `would be ${text}` : text);
  // A run holds one item per source id: people and departments apart, and a WeCom-only result under its side.
  const feishuKey = (id: string) => (noun === 'person' ? id : `department:${id}`);
  const wecomKey = (id: string | null) => (noun === 'person' ? `wecom:${id}` : `wecom-department:${id}`);
  const items = new Map<string, SyncRunItem>();
  for (const result of outcome.results) {
    const sourceId = result.feishuId === null ? wecomKey(result.wecomId) : feishuKey(result.feishuId);
    const mappedNow = result.status === 'accepted' && result.feishuId !== null && toMap.has(result.feishuId);
    if (mappedNow) {
      items.set(
        sourceId,
        item(sourceId, result.wecomId, 'created', note(result, `${would('mapped')}: ${result.reason}`)),
      );
    } else if (result.status === 'accepted') {
      items.set(sourceId, item(sourceId, result.wecomId, 'unchanged', note(result, `mapped: ${result.reason}`)));
    } else {
      const waits =
        result.status === 'rejected'
          ? `rejected by ${result.decidedBy === 'auto' ? 'the match job' : 'an operator'}: ${result.reason}`
          : `${result.status}, waits for review: ${result.reason}`;
      items.set(sourceId, item(sourceId, result.wecomId, 'skipped', note(result, waits)));
    }
  }
  // A mapping removed is what the run did to that person (updated), before whatever the person's search found.
  for (const removal of outcome.toUnmap) {
    const sourceId = feishuKey(removal.feishu);
    const unmapped: Note = {
      field: removal.matchedBy ?? 'mapping',
      message: `${would('unmapped')} from ${removal.wecom}: ${removal.reason}; the rules that held this ${noun} are re-synced`,
    };
    const found = items.get(sourceId);
    items.set(sourceId, {
      ...item(sourceId, found?.targetId ?? removal.wecom, 'updated', unmapped),
      notes: [unmapped, ...(found?.notes ?? [])],
    });
  }
  for (const kept of outcome.manualKept) {
    const sourceId = feishuKey(kept.feishu);
    if (!items.has(sourceId)) {
      items.set(sourceId, item(sourceId, kept.wecom, 'unchanged', { field: 'mapping', message: kept.reason }));
    }
  }
  return [...items.values()];
}

function note(result: MatchResult, message: string): Note {
  const field: MatchEvidence | MatchResult['status'] = result.matchedBy ?? result.status;
  return { field, message };
}

function item(sourceId: string, targetId: string | null, action: SyncRunItem['action'], entry: Note): SyncRunItem {
  return { sourceId, targetId, action, losses: [], notes: [entry], error: null };
}
