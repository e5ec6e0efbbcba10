import type { Loss, UnreadableRecord } from '@app/kernel';
import {
  canonicalToWecom,
  feishuGroupIdFromLegacyRuleName,
  isLegacyGatewayRuleName,
  isWecomRuleNameFor,
  legacyRuleContentHashes,
  mergeWecomRuleUpdate,
  ruleContentHash,
  wecomRuleNameCandidates,
  wecomReadToCanonical,
  wecomToCanonical,
  withoutLegacyRuleNameTag,
  type CanonicalRule,
  type IdResolver,
} from '@app/translation';
import {
  WECOM_CLEAR_FIELDS,
  type WecomAddCheckinOptionRequest,
  type WecomCheckinGroupCreate,
  type WecomCheckinGroupRead,
  type WecomCheckinGroupUpdate,
  type WecomClearCheckinOptionArrayFieldRequest,
  type WecomClearField,
  type WecomClient,
  type WecomUpdateCheckinOptionRequest,
} from '@app/wecom';
import type { ItemPlan, PlannedRequest, RuleSideConnector } from '../attendance-connector.js';

/** A checkin rule as WeCom lists it: the record the rules engine holds for the WeCom side. */
export type WecomRule = WecomCheckinGroupRead;
/** A checkin rule as a create or update sends it. */
export type WecomRuleCreate = WecomCheckinGroupCreate;

/** The WeCom calls a rule write consists of; a dry run shows them as its plan. */
export type WecomRuleRequest =
  | { readonly api: 'add_checkin_option'; readonly body: WecomAddCheckinOptionRequest }
  | { readonly api: 'update_checkin_option'; readonly body: WecomUpdateCheckinOptionRequest }
  | { readonly api: 'clear_checkin_option_array_field'; readonly body: WecomClearCheckinOptionArrayFieldRequest }
  | { readonly api: 'del_checkin_option'; readonly body: { readonly groupid: number } };

export interface WecomRulesConnectorOptions {
  /** Every list read hands the records it cannot read here (the run makes one failed item of each). */
  readonly onUnreadable?: (record: UnreadableRecord) => void;
  /** Rule writes take effect at once (effective_now); absent = from the next day. */
  readonly effectiveNow?: boolean;
  /** Milliseconds now, for the relist bookkeeping; the run's clock. */
  readonly clock?: () => number;
}

/** A new rule's create, planned: the request, the group it sends, and what translation lost. */
export type WecomRuleCreatePlan =
  | { readonly ok: true; readonly group: WecomCheckinGroupCreate; readonly losses: readonly Loss[] }
  | { readonly ok: false; readonly losses: readonly Loss[] };

/** An existing rule's update, planned against the rule as WeCom holds it. */
export interface WecomRuleUpdatePlan {
  readonly groupid: number;
  readonly group: WecomCheckinGroupCreate;
  readonly losses: readonly Loss[];
  /** The rule as WeCom holds it and as it will read after the update, as canonical content hashes. */
  readonly actualHash: string | null;
  /** Null only if the merged rule cannot be read back (a translation bug; the engine refuses to write it). */
  readonly desiredHash: string | null;
  readonly requests: readonly WecomRuleRequest[];
}

/** A shift of a shift-based WeCom rule: one of its schedules, keyed by schedule_id (a shift link's WeCom side). */
export const WECOM_SCHEDULE_KIND = 'schedule';
/** A shift of a fixed WeCom rule: one of its checkintime blocks (a shift link's WeCom side). */
export const WECOM_CHECKINTIME_KIND = 'checkintime';

/**
 * WeCom checkin rules as one run sees them, and WeCom's write rules for them: the rules are read in one list
 * (getcorpcheckinoption has no single-rule read), add_checkin_option answers no id (a created rule is found
 * by its name in a later list), an update replaces every array it sends except empty ones (those need
 * clear_checkin_option_array_field), and effective_now rides on every write. Nothing here knows Feishu.
 */
export class WecomRulesConnector implements RuleSideConnector {
  readonly vendor = 'wecom' as const;
  readonly vendorName = 'WeCom';
  readonly ruleNoun = 'WeCom rule';
  readonly consoleNoun = 'WeCom rule';
  /** WeCom lets only the app that created a rule change it (REFERENCE.md, read-vs-write traps). */
  readonly permanentRefusals = ['foreign_owned_rule'] as const;
  readonly noteField = 'rule';
  private rulesById = new Map<string, WecomCheckinGroupRead>();
  private rulesByName = new Map<string, WecomCheckinGroupRead[]>();
  /** A list made mid-run (see relist), and when the newest one that was indexed started. */
  private relisting: { readonly startedAt: number; readonly done: Promise<void> } | null = null;
  private relistedAt = 0;

  constructor(
    private readonly client: WecomClient,
    private readonly options: WecomRulesConnectorOptions = {},
  ) {}

  private get readOptions() {
    return this.options.onUnreadable ? { onUnreadable: this.options.onUnreadable } : {};
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Lists every rule and makes the list the run's view of WeCom. */
  async list(): Promise<readonly WecomCheckinGroupRead[]> {
    const rules = await this.client.getCorpCheckinOptions(this.readOptions);
    this.index(rules);
    return rules;
  }

  /**
   * Lists the rules again unless a list started at or after `since` (ms, the connector's clock) already did or
   * is doing it: callers that need it at the same time share one call. An older list never replaces a newer one.
   */
  async relist(since: number): Promise<void> {
    if (this.relistedAt >= since) return;
    if (!this.relisting || this.relisting.startedAt < since) {
      const startedAt = this.now();
      const done = this.client.getCorpCheckinOptions(this.readOptions).then((rules) => {
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

  /** The time a relist would be measured from: take it before reading what might make one necessary. */
  mark(): number {
    return this.now();
  }

  private index(rules: readonly WecomCheckinGroupRead[]): void {
    for (const rule of rules) listedRules.add(rule);
    this.rulesById = new Map(rules.map((rule) => [String(rule.groupid), rule]));
    this.rulesByName = new Map();
    for (const rule of rules) {
      const same = this.rulesByName.get(rule.groupname) ?? [];
      same.push(rule);
      this.rulesByName.set(rule.groupname, same);
    }
  }

  byId(ruleId: string): WecomCheckinGroupRead | undefined {
    return this.rulesById.get(ruleId);
  }

  has(ruleId: string): boolean {
    return this.rulesById.has(ruleId);
  }

  hasName(name: string): boolean {
    return this.rulesByName.has(name);
  }

  /** The rules carrying one of these names, oldest (lowest groupid) first: WeCom names need not be unique. */
  named(names: readonly string[]): WecomCheckinGroupRead[] {
    return [...new Set(names)]
      .flatMap((name) => this.rulesByName.get(name) ?? [])
      .sort((a, b) => a.groupid - b.groupid);
  }

  /**
   * The names a rule made from a source named `name` may carry, in the order they are tried: the name cut to
   * WeCom's 40-character limit, then "name (2)" … (plain-rule-names.ts). Empty for a blank name.
   */
  nameCandidates(name: string): string[] {
    return wecomRuleNameCandidates(name);
  }

  /** Whether a rule named `ruleName` carries one of the names a rule made from a source named `name` may carry. */
  isNameFor(ruleName: string, name: string): boolean {
    return isWecomRuleNameFor(ruleName, name);
  }

  /**
   * Whether `ruleName` is a name the gateway gave the rules it created before rules carried plain names (a `·fs`
   * tag after the source's name, legacy-rule-names.ts): the gateway's own rule, whatever its link says.
   */
  isLegacyGatewayName(ruleName: string): boolean {
    return isLegacyGatewayRuleName(ruleName);
  }

  /** A legacy gateway name without its tag; other names unchanged. */
  withoutLegacyTag(ruleName: string): string {
    return withoutLegacyRuleNameTag(ruleName);
  }

  /** The id of the source group a legacy gateway name was made from, or null (not such a name, or a hashed id). */
  legacySourceIdOf(ruleName: string): string | null {
    return feishuGroupIdFromLegacyRuleName(ruleName);
  }

  /** A rule read into the canonical model (once per rule object: see readRule). */
  toCanonical(rule: unknown) {
    return readRule(rule).canonical;
  }

  /** Content hash of a rule as WeCom holds it (or as it would be written); null if it cannot be read. */
  contentHash(rule: unknown): string | null {
    return wecomRuleHash(rule);
  }

  /**
   * Content hash of the rule a create would make, as WeCom will list it: the read model needs a groupid, which
   * the create does not have yet and which is no part of a rule's content.
   */
  plannedHash(group: WecomCheckinGroupCreate): string | null {
    return wecomRuleHash({ ...group, groupid: 0 });
  }

  /** The same in the previous hash formats, which links synced before the format changed hold. */
  legacyHashes(rule: unknown): readonly string[] {
    const { canonical } = readRule(rule);
    return canonical.ok ? legacyRuleContentHashes(canonical.value) : [];
  }

  /** A rule for the canonical one, as a create would send it. */
  planCreate(
    rule: CanonicalRule,
    options: { readonly resolver: IdResolver; readonly ruleName: string; readonly nowUnixSeconds: number },
  ): WecomRuleCreatePlan {
    const payload = canonicalToWecom(rule, options);
    return payload.ok
      ? { ok: true, group: payload.value, losses: payload.losses }
      : { ok: false, losses: payload.losses };
  }

  /** The add_checkin_option request of a planned create. */
  createRequest(group: WecomCheckinGroupCreate): WecomRuleRequest {
    return { api: 'add_checkin_option', body: { ...effectiveNowField(this.options.effectiveNow), group } };
  }

  /**
   * The update of `actual` to what `written` (the translation of `rule`) says. An update replaces every object
   * and array it sends (wecom-update-merge.ts): what the source does not determine is taken from the rule as
   * WeCom holds it, so the admin's settings there survive the sync.
   */
  planUpdate(
    written: WecomCheckinGroupCreate,
    actual: WecomCheckinGroupRead,
    rule: CanonicalRule,
  ): WecomRuleUpdatePlan {
    const merged = mergeWecomRuleUpdate(written, actual, rule);
    const groupid = actual.groupid;
    const desiredHash = wecomRuleHash({ ...merged.group, groupid });
    return {
      groupid,
      group: merged.group,
      losses: merged.losses,
      actualHash: wecomRuleHash(actual),
      desiredHash,
      requests: updateRequests(groupid, merged.group, actual, this.options.effectiveNow ?? false),
    };
  }

  deleteRequest(ruleId: string): WecomRuleRequest {
    return { api: 'del_checkin_option', body: { groupid: Number(ruleId) } };
  }

  /** A shift-based rule's shifts are its schedules, a fixed rule's its checkintime blocks; a free rule has none. */
  shiftKind(ruleKind: CanonicalRule['kind']): string | null {
    if (ruleKind === 'shift_based') return WECOM_SCHEDULE_KIND;
    return ruleKind === 'fixed' ? WECOM_CHECKINTIME_KIND : null;
  }

  deletePlan(ruleId: string): ItemPlan {
    return wecomPlan([this.deleteRequest(ruleId)]);
  }

  /** A rule missing from the run's list is gone already: del_checkin_option would only be refused. */
  async deleteRule(ruleId: string): Promise<void> {
    if (this.has(ruleId)) await this.send(this.deleteRequest(ruleId));
  }

  async send(request: WecomRuleRequest): Promise<void> {
    switch (request.api) {
      case 'add_checkin_option':
        return this.client.addCheckinOption(request.body);
      case 'update_checkin_option':
        return this.client.updateCheckinOption(request.body);
      case 'clear_checkin_option_array_field':
        return this.client.clearCheckinOptionArrayField(request.body);
      case 'del_checkin_option':
        return this.client.deleteCheckinOption(request.body);
    }
  }

  /** The ids of every rule in the run's current view of WeCom. */
  ids(): Set<string> {
    return new Set(this.rulesById.keys());
  }

  /**
   * After adds that answered no id: one list, then each created rule is the oldest one carrying its name that
   * is not among `known` (the rules there before the adds, and those already paired): a rule of the same name
   * that was already there is not the new one (null when WeCom does not list a new one yet).
   */
  async findCreated(
    names: readonly string[],
    known: ReadonlySet<string>,
  ): Promise<Map<string, WecomCheckinGroupRead | null>> {
    await this.list();
    return new Map(
      names.map((name) => [name, this.named([name]).find((rule) => !known.has(String(rule.groupid))) ?? null]),
    );
  }
}

/** A WeCom rule object's canonical form and, once asked for, its content hash. */
interface ReadRule {
  readonly canonical: ReturnType<typeof wecomToCanonical>;
  hash?: string | null;
}

/**
 * Each rule object's canonical form and hash, computed once however often they are asked for: a rules run asks
 * for the linked rule's hash as the link's target side, as the compared actual rule and in its update plan, and
 * each translation was most of a no-change re-run's translation time (BENCHMARKS.md, "Translation and hashing vs
 * a 500-group run"). Keyed by the object read, which nothing changes after the read (a list answers fresh
 * objects; a rule read again is another object and translated again); collected with it.
 */
const readRules = new WeakMap<object, ReadRule>();

/**
 * The rule objects a list returned, which the client read through wecomCheckinGroupReadSchema: translated without
 * a second read (wecomReadToCanonical). Anything else (a planned rule, a rule from elsewhere) is read as any input.
 */
const listedRules = new WeakSet<object>();

function readRule(rule: unknown): ReadRule {
  if (typeof rule !== 'object' || rule === null) return { canonical: wecomToCanonical(rule) };
  let entry = readRules.get(rule);
  if (!entry) {
    entry = { canonical: isListed(rule) ? wecomReadToCanonical(rule) : wecomToCanonical(rule) };
    readRules.set(rule, entry);
  }
  return entry;
}

function isListed(rule: object): rule is WecomCheckinGroupRead {
  return listedRules.has(rule);
}

/** Content hash of a WeCom rule as WeCom holds it (or as it would be written); null if it cannot be read. */
export function wecomRuleHash(rule: unknown): string | null {
  const entry = readRule(rule);
  entry.hash ??= entry.canonical.ok ? ruleContentHash(entry.canonical.value) : null;
  return entry.hash;
}

/** A WeCom dry-run plan. */
export function wecomPlan(requests: readonly PlannedRequest[]) {
  return { vendor: 'wecom' as const, requests };
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
