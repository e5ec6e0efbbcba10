import type { GroupLink } from '@app/mapping-store';
import { linkSide } from '../engine/link-sides.js';
import type { WecomRule } from '@app/connectors';

/** The rules of one name, oldest first, as the run's view of WeCom has them. */
export type RulesNamed = (name: string) => readonly WecomRule[];

/** Where a Feishu group's WeCom rule is, and the name it carries or will carry. */
export type RuleLocation =
  /** The rule the link names; `renamedFrom`: the name it carries, when it is to carry `name` instead. */
  | {
      readonly kind: 'linked';
      readonly rule: WecomRule;
      readonly name: string;
      readonly renamedFrom: string | null;
    }
  /** A recorded intent's rule (a create that may have happened before a crash, same name and content): adopted. */
  | { readonly kind: 'adopt'; readonly rule: WecomRule; readonly name: string; readonly sameNamed: number }
  /** No rule: one is created under `name` (null: every candidate name is held). */
  | { readonly kind: 'absent' | 'linked_missing'; readonly name: string | null }
  /** The first free name is held by a rule no link pairs: someone else's, a name conflict. */
  | { readonly kind: 'name_taken'; readonly rule: WecomRule; readonly name: string };

/**
 * The names of the WeCom rules one Feishu → WeCom run creates and keeps (plain-rule-names.ts). A rule carries
 * its Feishu group's name, or "name (2)", "name (3)" … when another group's rule holds the name; which of these
 * a group gets is decided here from what the run knows:
 *  - claims: the rules complete links pair (with a Feishu group), and the ones this run pairs;
 *  - intents: names links recorded before a create whose rule they do not know yet (a crash may have left it
 *    in WeCom under that name: it is adopted, not created twice);
 *  - planned: the names this run's items have taken, so two groups of one name never share it.
 * A candidate name held by no rule is the group's; one held only by claimed rules is someone else's to keep, so
 * the next is tried; one held by a rule no link pairs is a name conflict (DESIGN.md: never adopted silently,
 * never duplicated). Synchronous on purpose: an item decides and reserves its name between two awaits, so items
 * running side by side never pick the same one.
 */
export class WecomRuleNames {
  private readonly claims = new Set<string>();
  private readonly intents = new Map<string, Set<string>>();
  private readonly planned = new Map<string, string>();
  /** The rules WeCom listed when the run began: none of them is a rule this run creates. */
  private readonly listedAtStart: ReadonlySet<string>;
  /** The names a group's rule may carry, in the order they are tried (the WeCom connector's nameCandidates). */
  private readonly candidatesFor: (groupName: string) => readonly string[];

  constructor(
    links: readonly GroupLink[],
    listedAtStart: ReadonlySet<string>,
    candidatesFor: (groupName: string) => readonly string[],
  ) {
    this.listedAtStart = listedAtStart;
    this.candidatesFor = candidatesFor;
    for (const link of links) {
      const rule = linkSide(link, 'wecom');
      const paired = [...link.sides].some(([vendor, side]) => vendor !== 'wecom' && side.id !== null);
      if (rule.id && paired) this.claims.add(rule.id);
      if (!rule.id && rule.name) {
        const holders = this.intents.get(rule.name) ?? new Set<string>();
        holders.add(link.id);
        this.intents.set(rule.name, holders);
      }
    }
  }

  /** The rules a create's rule cannot be: there before the run, or paired. */
  known(): Set<string> {
    return new Set([...this.listedAtStart, ...this.claims]);
  }

  /** The run paired `ruleId` with a group (adopted or created). */
  claim(ruleId: string): void {
    this.claims.add(ruleId);
  }

  /**
   * Where the group's rule is and what it is (to be) called; reserves the name for the group. `link` is the
   * group's link, `linkedRule` the rule it names as WeCom lists it (undefined: gone or not linked).
   */
  locate(
    feishuGroupId: string,
    groupName: string,
    link: GroupLink | null,
    linkedRule: WecomRule | undefined,
    wecom: {
      readonly named: RulesNamed;
      /** Whether a rule holds what the link's recorded intent planned (a create a crash left unlinked). */
      readonly matchesIntent: (rule: WecomRule) => boolean;
    },
  ): RuleLocation {
    const { named } = wecom;
    const candidates = this.candidatesFor(groupName);
    if (linkedRule) {
      // A rule carrying one of the group's names keeps it; any other name (a legacy `·fs` one, the group's old
      // name) gives way to the first name nobody else holds.
      const keeps = candidates.includes(linkedRule.groupname);
      const name = keeps
        ? linkedRule.groupname
        : (candidates.find((candidate) => this.freeFor(candidate, feishuGroupId, link, named, linkedRule)) ??
          linkedRule.groupname);
      this.reserve(name, feishuGroupId);
      return {
        kind: 'linked',
        rule: linkedRule,
        name,
        renamedFrom: name === linkedRule.groupname ? null : linkedRule.groupname,
      };
    }
    if (link && !link.wecomRuleId && link.wecomRuleName) {
      const unclaimed = named(link.wecomRuleName).filter((rule) => !this.claims.has(String(rule.groupid)));
      // A rule of the name that holds something else was not made by that create: it is left to the name
      // checks below, which make it a name conflict.
      const rule = unclaimed.find((each) => wecom.matchesIntent(each));
      if (rule) {
        this.claim(String(rule.groupid));
        this.reserve(rule.groupname, feishuGroupId);
        return { kind: 'adopt', rule, name: rule.groupname, sameNamed: unclaimed.length };
      }
    }
    const absent = link?.wecomRuleId ? 'linked_missing' : 'absent';
    for (const candidate of candidates) {
      if (this.heldByOtherItem(candidate, feishuGroupId, link)) continue;
      const rules = named(candidate);
      if (rules.length === 0) {
        this.reserve(candidate, feishuGroupId);
        return { kind: absent, name: candidate };
      }
      const foreign = rules.find((rule) => !this.claims.has(String(rule.groupid)));
      if (foreign) return { kind: 'name_taken', rule: foreign, name: candidate };
    }
    return { kind: absent, name: null };
  }

  /** No rule but `except` carries the name, and no other item or intent holds it. */
  private freeFor(
    name: string,
    feishuGroupId: string,
    link: GroupLink | null,
    named: RulesNamed,
    except: WecomRule,
  ): boolean {
    if (this.heldByOtherItem(name, feishuGroupId, link)) return false;
    return named(name).every((rule) => rule.groupid === except.groupid);
  }

  private heldByOtherItem(name: string, feishuGroupId: string, link: GroupLink | null): boolean {
    const plannedBy = this.planned.get(name);
    if (plannedBy !== undefined && plannedBy !== feishuGroupId) return true;
    const holders = this.intents.get(name);
    return holders !== undefined && [...holders].some((id) => id !== link?.id);
  }

  private reserve(name: string, feishuGroupId: string): void {
    if (!this.planned.has(name)) this.planned.set(name, feishuGroupId);
  }
}
