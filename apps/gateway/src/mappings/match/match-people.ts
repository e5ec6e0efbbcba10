import type { DirectoryPerson, IdentityAttribute } from '@app/kernel';
import { normalizeIdentity } from './normalize-identity.js';
import {
  settleMatches,
  type ExistingMapping,
  type MatchOutcome,
  type PreviousMatch,
  type Search,
} from './settle-matches.js';

// People matched by what both vendors know of them (issue 21): the attributes in the operator's order, each
// person's first attribute with a candidate deciding. Pure: the directories and the vendors' lookup answers come
// in, the results go out; no value of an attribute leaves this module.

/**
 * What one vendor's lookup APIs answered, per attribute: normalized value → the vendor's id for it, or null when
 * the vendor said it knows nobody by that value (asked, not found).
 */
export type LookupAnswers = ReadonlyMap<IdentityAttribute, ReadonlyMap<string, string | null>>;

export interface VendorLookups {
  readonly feishu?: LookupAnswers;
  readonly wecom?: LookupAnswers;
}

export interface PeopleMatchInput {
  /** The attributes to try, in order (IDENTITY_MATCH). */
  readonly order: readonly IdentityAttribute[];
  readonly feishu: readonly DirectoryPerson[];
  readonly wecom: readonly DirectoryPerson[];
  readonly lookups?: VendorLookups;
  /** Every user mapping, with its origin (UserMappingRepository.listAllWithOrigin). */
  readonly mappings: readonly ExistingMapping[];
  /** The user matches the store holds (IdentityMatchRepository.listAll('user')). */
  readonly previous: readonly PreviousMatch[];
  /** Unique proposals become `accepted` (decided by `auto`) and are returned in `toMap`. */
  readonly autoAccept: boolean;
}

/** One side's people by attribute: value → ids, and id → values (directory values and lookup answers merged). */
interface SideIndex {
  readonly byValue: Map<IdentityAttribute, Map<string, Set<string>>>;
  readonly byPerson: Map<string, Map<IdentityAttribute, Set<string>>>;
}

/** Each id once: a directory listing a person twice (in two departments) is read by its first listing. */
function firstListings(people: readonly DirectoryPerson[]): DirectoryPerson[] {
  const byId = new Map<string, DirectoryPerson>();
  for (const person of people) if (!byId.has(person.id)) byId.set(person.id, person);
  return [...byId.values()];
}

/** Active people only, each id once (the first listing wins); lookup answers naming anyone else are ignored. */
function indexSide(people: readonly DirectoryPerson[], answers: LookupAnswers | undefined): SideIndex {
  const index: SideIndex = { byValue: new Map(), byPerson: new Map() };
  const active = new Set<string>();
  const add = (attribute: IdentityAttribute, value: string, id: string): void => {
    let values = index.byValue.get(attribute);
    if (!values) index.byValue.set(attribute, (values = new Map<string, Set<string>>()));
    let ids = values.get(value);
    if (!ids) values.set(value, (ids = new Set()));
    ids.add(id);
    let own = index.byPerson.get(id);
    if (!own) index.byPerson.set(id, (own = new Map<IdentityAttribute, Set<string>>()));
    let set = own.get(attribute);
    if (!set) own.set(attribute, (set = new Set()));
    set.add(value);
  };
  for (const person of firstListings(people)) {
    if (!person.active) continue;
    active.add(person.id);
    for (const [attribute, raw] of Object.entries(person.attributes) as [IdentityAttribute, string | undefined][]) {
      const value = normalizeIdentity(attribute, raw);
      if (value !== null) add(attribute, value, person.id);
    }
  }
  for (const [attribute, values] of answers ?? []) {
    for (const [value, id] of values) {
      if (id !== null && active.has(id)) add(attribute, value, id);
    }
  }
  return index;
}

function valuesOf(index: SideIndex, id: string, attribute: IdentityAttribute): ReadonlySet<string> {
  return index.byPerson.get(id)?.get(attribute) ?? new Set();
}

function idsOf(index: SideIndex, attribute: IdentityAttribute, values: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  const byValue = index.byValue.get(attribute);
  for (const value of values) for (const id of byValue?.get(value) ?? []) ids.add(id);
  return ids;
}

/** The first attribute of `order` at which a person of `own` side finds someone on the `other` side, if any. */
function firstHit(
  order: readonly IdentityAttribute[],
  own: SideIndex,
  other: SideIndex,
  id: string,
): { attribute: IdentityAttribute; values: string[]; others: Set<string> } | null {
  for (const attribute of order) {
    const values = [...valuesOf(own, id, attribute)].filter((value) => other.byValue.get(attribute)?.has(value));
    if (values.length > 0) return { attribute, values, others: idsOf(other, attribute, values) };
  }
  return null;
}

/**
 * Matches the people of both directories. Rules (issue 21): values normalized (normalize-identity.ts); the
 * attributes tried in order, a person's first attribute with a candidate deciding; a value naming more than one
 * person on a side, or a WeCom person found by more than one Feishu person, is `ambiguous`; inactive people are
 * never matched, and a match-made mapping whose person left either side is returned for unmapping (a hand-made
 * one is kept and reported); hand-made mappings always win; accepted and rejected matches stay (a Feishu person
 * whose match was rejected is not proposed again until an operator decides otherwise).
 */
export function matchPeople(input: PeopleMatchInput): MatchOutcome {
  const feishu = indexSide(input.feishu, input.lookups?.feishu);
  const wecom = indexSide(input.wecom, input.lookups?.wecom);
  const activeIds = (people: readonly DirectoryPerson[]) =>
    firstListings(people)
      .filter((person) => person.active)
      .map((person) => person.id);
  const inactiveIds = (people: readonly DirectoryPerson[]) =>
    new Set(
      firstListings(people)
        .filter((person) => !person.active)
        .map((person) => person.id),
    );
  const search = (feishuId: string): Search => {
    const hit = firstHit(input.order, feishu, wecom, feishuId);
    if (!hit) {
      const had = input.order.filter((attribute) => valuesOf(feishu, feishuId, attribute).size > 0);
      return {
        none:
          had.length === 0
            ? { code: 'no_attributes', params: { attributes: [...input.order] } }
            : { code: 'no_counterpart', params: { attributes: had } },
      };
    }
    return {
      basis: hit.attribute,
      wecomIds: [...hit.others],
      feishuIds: [...idsOf(feishu, hit.attribute, hit.values)],
    };
  };
  return settleMatches({
    noun: 'person',
    feishu: activeIds(input.feishu).sort(),
    wecom: activeIds(input.wecom).sort(),
    inactiveFeishu: inactiveIds(input.feishu),
    inactiveWecom: inactiveIds(input.wecom),
    mappings: input.mappings,
    previous: input.previous,
    autoAccept: input.autoAccept,
    search,
  });
}

/**
 * The values worth asking a vendor's lookup API about for `attribute` (normalized, sorted, each once): those of
 * active people on the other side who have no hit by an attribute before `attribute` in `order`, whose value
 * the vendor's directory (with the answers so far) does not already index, and that were not asked already.
 * `feishu`: values to look up in Feishu (of WeCom people); `wecom`: values to look up in WeCom (of Feishu people).
 */
export function lookupsStillNeeded(
  order: readonly IdentityAttribute[],
  feishuPeople: readonly DirectoryPerson[],
  wecomPeople: readonly DirectoryPerson[],
  answersSoFar: VendorLookups,
  attribute: IdentityAttribute,
): { readonly feishu: readonly string[]; readonly wecom: readonly string[] } {
  const feishu = indexSide(feishuPeople, answersSoFar.feishu);
  const wecom = indexSide(wecomPeople, answersSoFar.wecom);
  const position = order.indexOf(attribute);
  const earlier = position < 0 ? order : order.slice(0, position);
  const needed = (own: SideIndex, other: SideIndex, asked: LookupAnswers | undefined): string[] => {
    const values = new Set<string>();
    for (const id of own.byPerson.keys()) {
      if (firstHit(earlier, own, other, id)) continue;
      for (const value of valuesOf(own, id, attribute)) {
        if (other.byValue.get(attribute)?.has(value) || asked?.get(attribute)?.has(value)) continue;
        values.add(value);
      }
    }
    return [...values].sort();
  };
  return {
    feishu: needed(wecom, feishu, answersSoFar.feishu),
    wecom: needed(feishu, wecom, answersSoFar.wecom),
  };
}
