import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import fc from 'fast-check';
import { MappingStore } from '@app/mapping-store';
import { chinaDayOf, DAY_SECONDS, parseIsoDay } from '@app/kernel';
import { SAMPLE_DEPARTMENTS, SAMPLE_PEOPLE } from '../../apps/emulators/src/sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../../apps/emulators/src/start-emulators.js';
import { BODY_LIMIT } from '../../apps/gateway/src/app.setup.js';
import { emulatorGatewayEnv, uploadSampleMappings } from '../support/sync-harness.js';
import { registeredRoutes, routeKey } from '../support/routes.js';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

// Bad input, end to end (DESIGN.md: "Bad input anywhere → 4xx with a message naming the field; never a 500,
// never a partial write"). Part 1 fuzzes every route of the running app — the list is read from its router,
// and the test fails if a route has no generator — with fast-check: arbitrary JSON, wrong types, unknown
// fields, huge and unicode strings, impossible dates, from after to, duplicate ids, nested arrays, non-JSON
// bodies, wrong content types and encodings, bad query strings and path ids, forged Feishu events. Every
// answer must be a 4xx JSON error whose message says something, and nothing may be written: the mapping
// store's tables (through MappingStore) and the emulators' call logs are compared before and after.
// Generated inputs the contract calls valid are classified by an oracle written from the contract (not from
// the gateway's validators) and not sent. Part 2 makes the vendors answer garbage (HTML pages, truncated
// JSON, wrong types, unknown enum values) during rules and punch syncs started over REST: the run must end
// with typed errors, the app must keep serving, and nothing may reject unhandled.

/** Fixed, so CI repeats the exact inputs; FUZZ_SEED explores others. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_308);
const VERIFICATION_TOKEN = 'vt-fuzz-7d3b2c91e0';
const ENCRYPT_KEY = 'ek-fuzz-4a8e6f02b1';

// ---- the contract (DESIGN.md, README "HTTP API"), written out independently of the gateway's DTOs -------

const SYNC_DIRECTIONS = ['feishu_to_wecom', 'wecom_to_feishu'];
const SYNC_SCOPES = ['rules', 'rosters', 'punches'];
const LINK_DIRECTIONS = ['feishu_to_wecom', 'wecom_to_feishu', 'two_way'];
const CONFLICT_WINNERS = ['feishu', 'wecom'];
const SYNC_FIELDS = ['direction', 'scope', 'groupIds', 'from', 'to', 'dryRun', 'effectiveNow'];
const MAX_GROUP_IDS = 1000;
const MAX_GROUP_ID_LENGTH = 64;
const MAX_MAPPING_ROWS = 10_000;
const MAX_VENDOR_ID_LENGTH = 64;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Verdict = 'valid' | 'invalid';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** YYYY-MM-DD naming a real day of the proleptic Gregorian calendar. */
function isCalendarDay(value: unknown): value is string {
  return typeof value === 'string' && parseIsoDay(value) !== null;
}

/** Optional fields: absent, or JSON null (read as absent, like an omitted field). */
const absent = (value: unknown): boolean => value === undefined || value === null;

/** POST /api/v1/sync. `known` are the source-side ids per direction (an unknown one is a 400). */
function syncVerdict(body: unknown, known: Readonly<Record<string, ReadonlySet<string>>>): Verdict {
  if (!isPlainObject(body)) return 'invalid';
  if (Object.keys(body).some((key) => !SYNC_FIELDS.includes(key))) return 'invalid';
  const { direction, scope, groupIds, from, to, dryRun, effectiveNow } = body;
  if (typeof direction !== 'string' || !SYNC_DIRECTIONS.includes(direction)) return 'invalid';
  if (typeof scope !== 'string' || !SYNC_SCOPES.includes(scope)) return 'invalid';
  if (!absent(groupIds)) {
    if (!Array.isArray(groupIds) || groupIds.length > MAX_GROUP_IDS) return 'invalid';
    const ids: unknown[] = groupIds;
    if (!ids.every((id) => typeof id === 'string' && /^\S+$/.test(id) && id.length <= MAX_GROUP_ID_LENGTH)) {
      return 'invalid';
    }
    if (new Set(ids).size !== ids.length) return 'invalid';
    if (ids.some((id) => !known[direction]?.has(id as string))) return 'invalid';
  }
  if (!absent(from) && !isCalendarDay(from)) return 'invalid';
  if (!absent(to) && !isCalendarDay(to)) return 'invalid';
  if (typeof from === 'string' && typeof to === 'string' && from > to) return 'invalid';
  if (!absent(dryRun) && typeof dryRun !== 'boolean') return 'invalid';
  // README "Sync runs": effectiveNow is a boolean, for scope "rules" only.
  if (!absent(effectiveNow) && (typeof effectiveNow !== 'boolean' || scope !== 'rules')) return 'invalid';
  return 'valid';
}

/** README "ID mappings": non-empty, ≤ 64 characters, no whitespace at either end, no control characters. */
function isVendorId(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VENDOR_ID_LENGTH) return false;
  if (value.trim() !== value) return false;
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0000-\u001f\u007f-\u009f]/u.test(value)) return false;
  return !/\p{Surrogate}/u.test(value);
}

interface MappingKind {
  readonly route: string;
  readonly feishu: string;
  readonly wecom: string;
  /** WeCom id → Feishu id already in the store (a WeCom id mapped to another Feishu id is a 409). */
  readonly stored: ReadonlyMap<string, string>;
}

/** PUT /api/v1/mappings/{users,departments}: valid bodies would write (or be a no-op 200) and are not sent. */
function mappingVerdict(body: unknown, kind: MappingKind): Verdict {
  if (!Array.isArray(body) || body.length > MAX_MAPPING_ROWS) return 'invalid';
  const rows: unknown[] = body;
  const feishuIds = new Set<string>();
  const wecomIds = new Set<string>();
  for (const row of rows) {
    if (!isPlainObject(row)) return 'invalid';
    const keys = Object.keys(row);
    if (keys.length !== 2 || !keys.includes(kind.feishu) || !keys.includes(kind.wecom)) return 'invalid';
    const feishu = row[kind.feishu];
    const wecom = row[kind.wecom];
    if (!isVendorId(feishu) || !isVendorId(wecom)) return 'invalid';
    if (feishuIds.has(feishu as string) || wecomIds.has(wecom as string)) return 'invalid';
    feishuIds.add(feishu as string);
    wecomIds.add(wecom as string);
    const owner = kind.stored.get(wecom as string);
    if (owner !== undefined && owner !== feishu) return 'invalid';
  }
  return 'valid';
}

type QueryVerdict = (query: Record<string, string | string[] | undefined>) => Verdict;

/** `?q=`: one text of at most 100 characters once trimmed (README, ID mappings and the console's group search). */
const isSearchText = (value: string | string[] | undefined): boolean =>
  typeof value === 'string' && [...value.trim()].length <= 100;

/**
 * GET /api/v1/mappings/{users,departments} and GET /api/v1/vendors/{vendor}/groups: limit 1–10,000 and offset ≥ 0,
 * plain decimal digits only, and q.
 */
const mappingListQuery: QueryVerdict = (query) => {
  for (const [key, value] of Object.entries(query)) {
    if (key === 'q') {
      if (!isSearchText(value)) return 'invalid';
      continue;
    }
    if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return 'invalid';
    const number = Number(value);
    if (key === 'limit' && !(number >= 1 && number <= MAX_MAPPING_ROWS)) return 'invalid';
    if (key === 'offset' && !(number <= Number.MAX_SAFE_INTEGER)) return 'invalid';
    if (key !== 'limit' && key !== 'offset') return 'invalid';
  }
  return 'valid';
};

/** GET /api/v1/mappings/unmapped: limit 1–1,000, plain decimal digits only. */
const unmappedQuery: QueryVerdict = (query) =>
  Object.entries(query).every(
    ([key, value]) =>
      key === 'limit' &&
      typeof value === 'string' &&
      /^\d{1,15}$/.test(value) &&
      Number(value) >= 1 &&
      Number(value) <= 1000,
  )
    ? 'valid'
    : 'invalid';

/** GET /api/v1/runs: limit 1–200 and offset ≥ 0, integers (any numeric notation, as the DTO coerces). */
const runListQuery: QueryVerdict = (query) => {
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string') return 'invalid';
    const number = Number(value);
    if (!Number.isInteger(number)) return 'invalid';
    if (key === 'limit' && !(number >= 1 && number <= 200)) return 'invalid';
    if (key === 'offset' && !(number >= 0)) return 'invalid';
    if (key !== 'limit' && key !== 'offset') return 'invalid';
  }
  return 'valid';
};

/** GET /api/v1/conflicts: state "open" or "all". */
const conflictListQuery: QueryVerdict = (query) =>
  Object.entries(query).every(([key, value]) => key === 'state' && (value === 'open' || value === 'all'))
    ? 'valid'
    : 'invalid';

/** Routes that take no query parameters: any parameter is bad input (a typo'd filter must not be ignored). */
const noQuery: QueryVerdict = (query) => (Object.keys(query).length === 0 ? 'valid' : 'invalid');

// ---- generators ------------------------------------------------------------------------------------------

const junkText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\u0000',
    '\u0085',
    '\u202e',
    '\ufeff',
    '\ud800',
    'x\udc00',
    'null',
    'true',
    '0',
    '-1',
    'NaN',
    '💥',
    '𠜎𠜱',
    '打卡',
    'A'.repeat(65),
    'x'.repeat(100_000),
  ),
);

/** Short text for URLs (query strings and path ids), keeping the request line far below Node's 16 KB. */
const urlText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(' ', '\u0000', '💥', '打卡', '%', '#', '?', '&', '=', '/', 'x'.repeat(2000)),
);

const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.array(fc.array(fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, { maxLength: 3 }), { maxLength: 3 }),
  fc.dictionary(junkText, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 4 }),
  junkText,
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, [], {}, [[]], [[[]]], {
    a: { b: { c: {} } },
  }),
);

const calendarDay = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const dateLike = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-02-29',
    '2100-02-29',
    '2025-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-03-32',
    '2026-1-1',
    '20260301',
    '2026/03/01',
    '2026-03-01T00:00:00Z',
    ' 2026-03-01',
    '2026-03-01 ',
    '２０２６-03-01',
    '0000-00-00',
    '+2026-03-01',
    'today',
    '',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([year, month, day]) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`),
  fc.date({ noInvalidDate: true }).map((date) => date.getTime()),
  wrongValue,
);

/** A copy of `object` with `key` as an own property, even `__proto__` (which an object literal would not). */
function withField(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}

type Mutation = readonly [string, (body: Record<string, unknown>) => unknown];

const unknownFieldName = (known: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      ...known.map((name) => name.toUpperCase()),
      ...known.map((name) => `${name} `),
      ...known.map((name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) + '_'),
    ),
    junkText.filter((name) => !known.includes(name)),
  );

/** Mutations that make any object body wrong: a known field with a wrong value, an unknown field, a gap. */
function objectMutations(known: readonly string[], required: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...known), wrongValue)
      .map(([key, value]): Mutation => [`${key}=${short(value)}`, (body) => ({ ...body, [key]: value })]),
    fc
      .tuple(unknownFieldName(known), wrongValue)
      .map(([key, value]): Mutation => [`unknown field ${short(key)}`, (body) => withField(body, key, value)]),
    fc.constantFrom(...required).map((key): Mutation => [`without ${key}`, (body) => without(body, key)]),
  );
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text);
}

/** A generated request body: the JSON value, or raw text with its own content type. */
interface BodyCase {
  readonly note: string;
  readonly value: unknown;
}

function mutated(base: fc.Arbitrary<Record<string, unknown>>, mutations: fc.Arbitrary<Mutation>) {
  return fc.tuple(base, fc.array(mutations, { minLength: 1, maxLength: 3 })).map(([body, steps]): BodyCase => {
    let value: unknown = body;
    for (const [, apply] of steps) value = isPlainObject(value) ? apply(value) : value;
    return { note: steps.map(([note]) => note).join(', '), value };
  });
}

const wholeBody: fc.Arbitrary<BodyCase> = fc.oneof(
  wrongValue.map((value) => ({ note: `body ${short(value)}`, value })),
  fc
    .array(fc.array(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), { maxLength: 3 }), { maxLength: 4 })
    .map((value) => ({ note: 'arrays of arrays', value })),
);

function syncBodies(known: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<BodyCase> {
  const base = fc.constantFrom(...SYNC_DIRECTIONS).chain((direction) =>
    fc.record(
      {
        direction: fc.constant(direction),
        scope: fc.constantFrom(...SYNC_SCOPES),
        groupIds: fc.subarray([...(known[direction] ?? [])]),
        from: calendarDay,
        to: calendarDay,
        dryRun: fc.boolean(),
        effectiveNow: fc.boolean(),
      },
      { requiredKeys: ['direction', 'scope'] },
    ),
  );
  const id = fc.oneof(fc.stringMatching(/^\d{19}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/));
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    objectMutations(SYNC_FIELDS, ['direction', 'scope']),
    fc
      .tuple(fc.constantFrom('direction', 'scope'), fc.constantFrom('FEISHU_TO_WECOM', ' rules', 'rules\u0000', 'all'))
      .map(([key, value]): Mutation => [`${key}=${short(value)}`, (body) => ({ ...body, [key]: value })]),
    fc
      .tuple(fc.constantFrom('from', 'to'), dateLike)
      .map(([key, value]): Mutation => [`${key}=${short(value)}`, (body) => ({ ...body, [key]: value })]),
    fc
      .tuple(calendarDay, calendarDay)
      .filter(([a, b]) => a !== b)
      .map(([a, b]): Mutation => {
        const [from, to] = a > b ? [a, b] : [b, a];
        return [`from ${from} after to ${to}`, (body) => ({ ...body, from, to })];
      }),
    fc
      .array(id, { minLength: 1, maxLength: 4 })
      .map((ids): Mutation => [`duplicate groupIds`, (body) => ({ ...body, groupIds: [...ids, ids[0]] })]),
    fc
      .array(id, { minLength: 1, maxLength: 3 })
      .map((ids): Mutation => [`unknown groupIds ${short(ids)}`, (body) => ({ ...body, groupIds: ids })]),
    fc
      .array(fc.oneof(junkText, wrongValue), { minLength: 1, maxLength: 4 })
      .map((ids): Mutation => [`groupIds ${short(ids)}`, (body) => ({ ...body, groupIds: ids })]),
    fc.constant<Mutation>([
      'groupIds over the limit',
      (body) => ({ ...body, groupIds: Array.from({ length: MAX_GROUP_IDS + 1 }, (_, index) => `g${index}`) }),
    ]),
    fc
      .constantFrom<Json>('true', 'false', 1, 0, 'yes', [true], { value: true })
      .map((value): Mutation => [`dryRun=${short(value)}`, (body) => ({ ...body, dryRun: value })]),
    fc
      .constantFrom<Json>('true', 1, 'now', [true], { value: true })
      .map((value): Mutation => [`effectiveNow=${short(value)}`, (body) => ({ ...body, effectiveNow: value })]),
  );
  return fc.oneof({ weight: 5, arbitrary: mutated(base, mutation) }, { weight: 1, arbitrary: wholeBody }).map(
    // Checking unknown groupIds costs WeCom's getcorpcheckinoption (60/min): ask Feishu (50/s) instead.
    (entry) =>
      isPlainObject(entry.value) &&
      entry.value['direction'] === 'wecom_to_feishu' &&
      Array.isArray(entry.value['groupIds']) &&
      entry.value['groupIds'].length > 0
        ? { ...entry, value: { ...entry.value, direction: 'feishu_to_wecom' } }
        : entry,
  );
}

function mappingBodies(kind: MappingKind): fc.Arbitrary<BodyCase> {
  const goodId = fc.stringMatching(/^[A-Za-z0-9_.@-]{1,24}$/);
  const badId = fc.oneof(
    wrongValue,
    fc.constantFrom('', ' ', ' a', 'a ', 'a\u0000b', 'a\u0085', 'a\u001f', '\ud800', 'x'.repeat(65), '\t', '\n'),
  );
  const row = fc.record({ [kind.feishu]: goodId, [kind.wecom]: goodId }) as fc.Arbitrary<Record<string, unknown>>;
  const rows = fc.array(row, { minLength: 1, maxLength: 6 });
  const storedWecomIds = [...kind.stored.keys()];
  type RowsMutation = readonly [string, (rows: Record<string, unknown>[]) => unknown[]];
  const at = <T>(list: readonly T[], index: number): T => list[index % list.length]!;
  const onRow = (note: string, change: (row: Record<string, unknown>) => unknown) =>
    fc
      .nat()
      .map((index): RowsMutation => [
        `${note} in row ${index}`,
        (list) =>
          list.map((entry, position) =>
            position === index % list.length && isPlainObject(entry) ? change(entry) : entry,
          ),
      ]);
  const mutation: fc.Arbitrary<RowsMutation> = fc.oneof(
    fc
      .tuple(fc.constantFrom(kind.feishu, kind.wecom), badId)
      .chain(([field, value]) => onRow(`${field}=${short(value)}`, (entry) => ({ ...entry, [field]: value }))),
    fc.constantFrom(kind.feishu, kind.wecom).chain((field) => onRow(`no ${field}`, (entry) => without(entry, field))),
    fc
      .tuple(unknownFieldName([kind.feishu, kind.wecom]), wrongValue)
      .chain(([field, value]) => onRow(`unknown field ${short(field)}`, (entry) => withField(entry, field, value))),
    wrongValue.chain((value) => onRow(`row ${short(value)}`, () => value)),
    fc
      .constantFrom(kind.feishu, kind.wecom)
      .map((field): RowsMutation => [
        `duplicate ${field}`,
        (list) => [...list, { ...at(list, 0), [field === kind.feishu ? kind.wecom : kind.feishu]: 'dup-other-side' }],
      ]),
    fc
      .constantFrom(...storedWecomIds)
      .map((wecomId): RowsMutation => [
        `WeCom id ${wecomId} already mapped to another Feishu id`,
        (list) => [...list, { [kind.feishu]: `fuzz-${wecomId}`, [kind.wecom]: wecomId }],
      ]),
  );
  const broken = fc.tuple(rows, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([list, steps]): BodyCase => {
    let value: unknown[] = list;
    for (const [, apply] of steps) value = apply(value as Record<string, unknown>[]);
    return { note: steps.map(([note]) => note).join(', '), value };
  });
  return fc.oneof({ weight: 5, arbitrary: broken }, { weight: 1, arbitrary: wholeBody });
}

function linkPatchBodies(): fc.Arbitrary<BodyCase> {
  const base = fc.record({ direction: fc.constantFrom(...LINK_DIRECTIONS) });
  const variants = fc
    .constantFrom('TWO_WAY', 'two-way', 'twoWay', 'both', ' two_way', 'two_way\u0000', 'feishu', '')
    .map((direction): Mutation => [`direction=${short(direction)}`, (body) => ({ ...body, direction })]);
  return fc.oneof(
    { weight: 5, arbitrary: mutated(base, fc.oneof(objectMutations(['direction'], ['direction']), variants)) },
    { weight: 1, arbitrary: wholeBody },
  );
}

function resolveBodies(): fc.Arbitrary<BodyCase> {
  const base = fc.record({ winner: fc.constantFrom(...CONFLICT_WINNERS) });
  // A valid winner for a conflict that does not exist is a 404: bad input too, and nothing is written.
  return fc.oneof(
    { weight: 1, arbitrary: base.map((value) => ({ note: 'valid body, unknown conflict', value })) },
    { weight: 5, arbitrary: mutated(base, objectMutations(['winner'], ['winner'])) },
    { weight: 1, arbitrary: wholeBody },
  );
}

const MATCH_ATTRIBUTES = ['email', 'mobile', 'employee_no'];
const MATCH_KINDS = ['user', 'department'];
const MATCH_STATUSES = ['proposed', 'ambiguous', 'unmatched', 'accepted', 'rejected'];
const MAX_MATCH_DECISIONS = 1000;

/** A string's length as class-validator's MaxLength counts it (a surrogate pair or a variation selector: one). */
const validatorLength = (text: string): number =>
  text.length -
  (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0) -
  (text.match(/[\uFE0E\uFE0F]/g)?.length ?? 0);

/** POST /api/v1/mappings/match: dryRun and autoAccept booleans, attributes a non-empty list of distinct known ones. */
function matchRequestVerdict(body: unknown): Verdict {
  if (!isPlainObject(body)) return 'invalid';
  for (const [key, value] of Object.entries(body)) {
    if (absent(value) && ['dryRun', 'autoAccept', 'attributes'].includes(key)) continue;
    if (key === 'dryRun' || key === 'autoAccept') {
      if (typeof value !== 'boolean') return 'invalid';
    } else if (key === 'attributes') {
      if (!Array.isArray(value) || value.length === 0 || new Set(value).size !== value.length) return 'invalid';
      if (!value.every((attribute) => MATCH_ATTRIBUTES.includes(attribute as string))) return 'invalid';
    } else return 'invalid';
  }
  return 'valid';
}

/** POST /api/v1/mappings/matches/decisions: 1–1,000 decisions of {id, decision, wecomId?, status?}. */
function matchDecisionsVerdict(body: unknown): Verdict {
  if (!isPlainObject(body) || Object.keys(body).some((key) => key !== 'decisions')) return 'invalid';
  const decisions = body['decisions'];
  if (!Array.isArray(decisions) || decisions.length === 0 || decisions.length > MAX_MATCH_DECISIONS) return 'invalid';
  const idLike = (value: unknown) => typeof value === 'string' && value.length > 0 && validatorLength(value) <= 64;
  for (const entry of decisions) {
    if (!isPlainObject(entry)) return 'invalid';
    if (!idLike(entry['id']) || !['accept', 'reject'].includes(entry['decision'] as string)) return 'invalid';
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'id' || key === 'decision') continue;
      if (key === 'wecomId' && (absent(value) || idLike(value))) continue;
      if (key === 'status' && (absent(value) || MATCH_STATUSES.includes(value as string))) continue;
      return 'invalid';
    }
  }
  return 'valid';
}

/** GET /api/v1/mappings/matches: kind, status, q (at most 64), limit 1–200 and offset ≥ 0 (integers). */
const matchListQuery: QueryVerdict = (query) => {
  for (const [key, value] of Object.entries(query)) {
    if (typeof value !== 'string') return 'invalid';
    if (key === 'kind' && MATCH_KINDS.includes(value)) continue;
    if (key === 'status' && MATCH_STATUSES.includes(value)) continue;
    if (key === 'q' && validatorLength(value) <= 64) continue;
    const number = Number(value);
    if (key === 'limit' && Number.isInteger(number) && number >= 1 && number <= 200) continue;
    if (key === 'offset' && Number.isInteger(number) && number >= 0) continue;
    return 'invalid';
  }
  return 'valid';
};

function matchRequestBodies(): fc.Arbitrary<BodyCase> {
  const known = ['dryRun', 'attributes', 'autoAccept'];
  const base = fc.record(
    { dryRun: fc.boolean(), attributes: fc.subarray(MATCH_ATTRIBUTES, { minLength: 1 }), autoAccept: fc.boolean() },
    { requiredKeys: [] },
  );
  const mutations = fc.oneof(
    fc
      .tuple(fc.constantFrom(...known), wrongValue)
      .map(([key, value]): Mutation => [`${key}=${short(value)}`, (body) => ({ ...body, [key]: value })]),
    fc
      .tuple(unknownFieldName(known), wrongValue)
      .map(([key, value]): Mutation => [`unknown field ${short(key)}`, (body) => withField(body, key, value)]),
    fc
      .constantFrom<unknown>([], ['email', 'email'], ['name'], ['EMAIL'], 'email', ['email', 'mobile', 'phone'], [null])
      .map((attributes): Mutation => [`attributes=${short(attributes)}`, (body) => ({ ...body, attributes })]),
  );
  return fc.oneof({ weight: 5, arbitrary: mutated(base, mutations) }, { weight: 1, arbitrary: wholeBody });
}

function matchDecisionsBodies(): fc.Arbitrary<BodyCase> {
  const decision = fc.record(
    {
      id: fc.uuid(),
      decision: fc.constantFrom('accept', 'reject'),
      wecomId: fc.constantFrom('zhangwei', 'wx100'),
      status: fc.constantFrom(...MATCH_STATUSES),
    },
    { requiredKeys: ['id', 'decision'] },
  );
  const entryMutations = fc.oneof(
    fc
      .tuple(fc.constantFrom('id', 'decision', 'wecomId', 'status'), wrongValue)
      .map(([key, value]): Mutation => [
        `decisions[0].${key}=${short(value)}`,
        (entry) => ({ ...entry, [key]: value }),
      ]),
    fc
      .tuple(unknownFieldName(['id', 'decision', 'wecomId', 'status']), wrongValue)
      .map(([key, value]): Mutation => [`decisions[0] unknown ${short(key)}`, (entry) => withField(entry, key, value)]),
    fc
      .constantFrom('id', 'decision')
      .map((key): Mutation => [`decisions[0] without ${key}`, (entry) => without(entry, key)]),
  );
  const brokenEntry = fc
    .tuple(decision, fc.array(decision, { maxLength: 2 }), fc.array(entryMutations, { minLength: 1, maxLength: 2 }))
    .map(([first, rest, steps]): BodyCase => {
      let entry: Record<string, unknown> = first;
      for (const [, apply] of steps) entry = apply(entry) as Record<string, unknown>;
      return { note: steps.map(([note]) => note).join(', '), value: { decisions: [entry, ...rest] } };
    });
  const brokenList = fc.oneof(
    fc.constant({ note: 'no decisions', value: { decisions: [] } }),
    fc.constant({ note: 'empty body', value: {} }),
    wrongValue.map((value) => ({ note: `decisions=${short(value)}`, value: { decisions: value } })),
    fc.tuple(decision, unknownFieldName(['decisions']), wrongValue).map(([entry, key, value]) => ({
      note: `unknown field ${short(key)}`,
      value: withField({ decisions: [entry] }, key, value),
    })),
  );
  return fc.oneof(
    { weight: 4, arbitrary: brokenEntry },
    { weight: 2, arbitrary: brokenList },
    { weight: 1, arbitrary: wholeBody },
  );
}

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}

/** Query strings: known parameter names with odd values, unknown and mangled names, malformed syntax. */
function queryStrings(names: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...names) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ...names.flatMap((name) => [name.toUpperCase(), `${name}[]`, `${name}[a]`, ` ${name}`]),
        '__proto__',
        'constructor',
        'page',
        'sort',
        'dryRun',
        '',
      ),
    },
    { weight: 1, arbitrary: urlText },
  );
  const value = fc.oneof(
    fc.integer({ min: -10, max: 300 }).map(String),
    fc.constantFrom(
      ...['0', '-1', '1.5', '1e3', '0x10', '0b1', '1_000', '10001', '200', '201', '99999999999999999999'],
      ...['9007199254740993', '', ' 5', '5 ', '+5', '٣', '１', 'Infinity', 'NaN', 'null', 'true'],
      ...['open', 'all', 'OPEN', ' all', 'closed'],
    ),
    fc.bigInt().map(String),
    urlText,
  );
  const pairs = fc
    .array(fc.tuple(key, value), { minLength: 1, maxLength: 4 })
    .map((list) => list.map(([name, text]) => `${encode(name)}=${encode(text)}`).join('&'));
  const raw = fc.constantFrom(
    ...names.flatMap((name) => [name, `${name}=`, `${name}=1&${name}=2`, `${name}=%E0%A4%A`, `${name}=%`]),
    '=1',
    '&&&',
    '%00=1',
    'a=%F0%9F%92%A5',
    'limit=1;offset=2',
    'limit=1%26offset=2',
  );
  return fc.oneof({ weight: 4, arbitrary: pairs }, { weight: 1, arbitrary: raw });
}

/** Path ids: random text (URL-encoded), UUIDs that name nothing, and undecodable percent-encoding. */
const pathIds = fc.oneof(
  fc.uuid().map((id) => ({ note: 'unknown uuid', segment: id })),
  urlText
    .filter((text) => text !== '' && text !== '.' && text !== '..')
    .map((text) => ({ note: `id ${short(text)}`, segment: encode(text) })),
  fc.constantFrom('%E0%A4%A', '%', '%zz', '%00', '%C0%AF').map((segment) => ({ note: 'raw id', segment })),
);

// ---- Feishu events ---------------------------------------------------------------------------------------

function encryptEvent(plaintext: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(ENCRYPT_KEY).digest(), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

function signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const nonce = randomUUID();
  return {
    'X-Lark-Request-Timestamp': String(timestamp),
    'X-Lark-Request-Nonce': nonce,
    'X-Lark-Signature': createHash('sha256')
      .update(String(timestamp) + nonce + ENCRYPT_KEY + body)
      .digest('hex'),
  };
}

interface EventCase {
  readonly note: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

const signed = (note: string, body: string): EventCase => ({ note, body, headers: signedHeaders(body) });
const sealed = (payload: unknown): string => JSON.stringify({ encrypt: encryptEvent(JSON.stringify(payload)) });
const nonString = wrongValue.filter((value) => typeof value !== 'string');

/**
 * Webhook requests that Feishu would never send, each wrong in one way the gate must notice: unsigned, signed
 * over other bytes, stale, undecryptable, without the Verification Token, or authentic but malformed. None of
 * them is a well-formed authentic event or challenge (those are acknowledged with 200 by design).
 */
function webhookCases(): fc.Arbitrary<EventCase> {
  const anyBody = fc.oneof(
    wrongValue,
    fc.dictionary(junkText, wrongValue, { maxKeys: 4 }),
    fc.record({ schema: fc.constant('2.0'), header: fc.dictionary(junkText, wrongValue), event: wrongValue }),
  );
  const headerWith = (fields: Record<string, unknown>) => ({
    schema: '2.0',
    header: { token: VERIFICATION_TOKEN, create_time: String(Date.now()), ...fields },
    event: {},
  });
  return fc.oneof(
    anyBody.map((value) => ({ note: `unsigned ${short(value)}`, body: JSON.stringify(value), headers: {} })),
    anyBody.map((value) => signed(`signed plaintext ${short(value)}`, JSON.stringify(value))),
    fc
      .oneof(junkText, fc.base64String(), nonString)
      .map((value) => signed(`encrypt=${short(value)}`, JSON.stringify({ encrypt: value }))),
    anyBody.map((value) => signed(`sealed without token ${short(value)}`, sealed(value))),
    junkText.map((text) => signed(`sealed non-JSON ${short(text)}`, JSON.stringify({ encrypt: encryptEvent(text) }))),
    fc
      .tuple(fc.oneof(nonString, fc.constant('')), wrongValue)
      .map(([eventId, eventType]) =>
        signed(`event_id=${short(eventId)}`, sealed(headerWith({ event_id: eventId, event_type: eventType }))),
      ),
    fc
      .oneof(nonString, fc.constant(''))
      .map((eventType) =>
        signed(`event_type=${short(eventType)}`, sealed(headerWith({ event_id: randomUUID(), event_type: eventType }))),
      ),
    nonString.map((challenge) =>
      signed(
        `challenge=${short(challenge)}`,
        sealed({ type: 'url_verification', token: VERIFICATION_TOKEN, challenge }),
      ),
    ),
    junkText
      .filter((token) => token !== VERIFICATION_TOKEN)
      .map((token) => ({
        note: `challenge with token ${short(token)}`,
        body: sealed({ type: 'url_verification', token, challenge: 'c' }),
        headers: {},
      })),
    fc
      .tuple(fc.constantFrom('wrong signature', 'stale', 'future', 'timestamp text', 'no nonce'), anyBody)
      .map(([how, value]) => {
        const body = sealed(headerWith({ event_id: randomUUID(), event_type: 'attendance.user_flow.created_v1' }));
        const now = Math.floor(Date.now() / 1000);
        const headers =
          how === 'stale'
            ? signedHeaders(body, now - 600)
            : how === 'future'
              ? signedHeaders(body, now + 600)
              : signedHeaders(body);
        if (how === 'wrong signature')
          headers['X-Lark-Signature'] = signedHeaders(JSON.stringify(value))['X-Lark-Signature']!;
        if (how === 'timestamp text') headers['X-Lark-Request-Timestamp'] = 'yesterday';
        if (how === 'no nonce') delete headers['X-Lark-Request-Nonce'];
        return { note: `authentic event, ${how}`, body, headers };
      }),
  );
}

// ---- the HTTP side ---------------------------------------------------------------------------------------

interface Attempt {
  /** The route it exercises, as the router names it ("POST /api/v1/sync"). */
  readonly route: string;
  readonly method: string;
  /** Path and query string. */
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /** false: no bearer token (the webhook is outside /api). */
  readonly bearer?: boolean;
  readonly note: string;
}

interface Tally {
  tried: number;
  clientErrors: number;
  serverErrors: number;
  accepted: number;
  skippedValid: number;
  storeChanged: boolean;
  ms: number;
}

const JSON_TYPE = 'application/json';
/** Requests in flight at once while fuzzing. */
const CONCURRENCY = 4;
const BODY_LIMIT_BYTES = parseLimit(BODY_LIMIT);

function parseLimit(limit: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(limit);
  if (!match) throw new Error(`unexpected BODY_LIMIT ${limit}`);
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2]!.toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(match[1]) * unit;
}

function jsonAttempt(route: string, method: string, url: string, entry: BodyCase, bearer = true): Attempt {
  return {
    route,
    method,
    url,
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify(entry.value) ?? '',
    bearer,
    note: entry.note,
  };
}

/**
 * Bodies that are not JSON, or JSON the way it must not be sent: broken syntax, wrong content types,
 * unsupported charsets and encodings, a body over the limit, pathological nesting. `valid` is a body that
 * would be accepted as JSON (so the transport alone must make it fail).
 */
function transportAttempts(route: string, method: string, url: string, valid: string, bearer = true): Attempt[] {
  const raw = (note: string, body: string | Uint8Array, headers: Record<string, string>): Attempt => ({
    route,
    method,
    url,
    headers,
    body,
    bearer,
    note,
  });
  const json = { 'Content-Type': JSON_TYPE };
  const depth = 50_000;
  return [
    raw('empty body', '', json),
    raw('no body at all', new Uint8Array(), {}),
    raw('"{"', '{', json),
    raw('truncated', valid.slice(0, Math.max(1, valid.length - 3)), json),
    raw('single quotes', "{'direction':'feishu_to_wecom'}", json),
    raw('undefined', 'undefined', json),
    raw('NaN', 'NaN', json),
    raw('NUL', '\u0000', json),
    raw('two documents', `${valid}${valid}`, json),
    raw('trailing comma', '{"a":1,}', json),
    raw('comment', `/* hi */ ${valid}`, json),
    raw('text/plain', valid, { 'Content-Type': 'text/plain' }),
    raw('form', 'direction=feishu_to_wecom&scope=rules', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    raw('multipart', valid, { 'Content-Type': 'multipart/form-data; boundary=x' }),
    raw('xml', `<sync>${valid}</sync>`, { 'Content-Type': 'application/xml' }),
    raw('no content type', new TextEncoder().encode(valid), {}),
    raw('charset latin1', valid, { 'Content-Type': `${JSON_TYPE}; charset=iso-8859-1` }),
    raw('charset unknown', valid, { 'Content-Type': `${JSON_TYPE}; charset=utf-klingon` }),
    raw('gzip that is not gzip', valid, { ...json, 'Content-Encoding': 'gzip' }),
    raw('unknown encoding', valid, { ...json, 'Content-Encoding': 'compress' }),
    raw('over the body limit', `{"pad":"${'x'.repeat(BODY_LIMIT_BYTES)}"}`, json),
    raw('deeply nested arrays', `${'['.repeat(depth)}${']'.repeat(depth)}`, json),
    raw('deeply nested objects', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, json),
    raw(
      'valid JSON plus deep unknown field',
      `${valid.slice(0, -1)},"x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      json,
    ),
  ];
}

describe('bad input and malformed vendor answers (REST + emulators)', () => {
  let emulators: RunningEmulators;
  let feishuFront: VendorFront;
  let harness: TestApp;
  let store: MappingStore;
  let baseUrl: string;
  let linkId: string;
  let runId: string;

  const WECOM_WRITES = [
    'add_checkin_option',
    'update_checkin_option',
    'clear_checkin_option_array_field',
    'del_checkin_option',
    'add_checkin_record',
    'setcheckinschedulist',
  ];
  const FEISHU_WRITE =
    /^POST \/open-apis\/attendance\/v1\/(groups|shifts|user_flows\/batch_create|user_flows\/batch_del|user_daily_shifts\/batch_create)$|^DELETE /;
  const vendorWrites = () => ({
    wecom: emulators.wecom.emulator.calls().filter((call) => WECOM_WRITES.includes(call.api)).length,
    feishu: emulators.feishu.emulator.calls().filter((call) => FEISHU_WRITE.test(call.endpoint)).length,
  });

  /** Every table a request could write, read through the app's MappingStore. */
  async function storeSnapshot() {
    const runs = await store.runs.list(10_000, 0);
    const users = await store.users.list(100_000, 0);
    const departments = await store.departments.list(100_000, 0);
    const links = await store.groupLinks.list();
    const conflicts = await store.conflicts.list({ openOnly: false });
    const shiftLinks = (await Promise.all(links.map((link) => store.shiftLinks.listForGroupLink(link.id)))).flat();
    return {
      counts: {
        sync_runs: runs.total,
        user_mappings: users.total,
        department_mappings: departments.total,
        links: links.length,
        shift_links: shiftLinks.length,
        sync_conflicts: conflicts.length,
      },
      content: JSON.stringify({
        runs: runs.items.map((run) => [run.id, run.status, run.params]),
        users: users.items,
        departments: departments.items,
        links,
        // A Map serialises as {}: its entries, so a changed side shows.
        shiftLinks: shiftLinks.map((link) => ({ ...link, sides: [...link.sides] })),
        conflicts,
      }),
    };
  }

  async function send(attempt: Attempt): Promise<{ status: number; type: string; text: string }> {
    const headers: Record<string, string> = { ...attempt.headers };
    if (attempt.bearer !== false) headers['Authorization'] = `Bearer ${TEST_API_TOKEN}`;
    const response = await fetch(`${baseUrl}${attempt.url}`, {
      method: attempt.method,
      headers,
      ...(attempt.body === undefined ? {} : { body: attempt.body }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  /** Why this answer breaks the contract for bad input, or null. */
  function problem(answer: { status: number; type: string; text: string }): string | null {
    if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 200)}`;
    if (answer.status < 400) return `accepted with ${answer.status}: ${answer.text.slice(0, 200)}`;
    if (!answer.type.startsWith(JSON_TYPE)) return `${answer.status} without a JSON body (${answer.type})`;
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      return `${answer.status} with a body that is not JSON`;
    }
    if (!isPlainObject(body)) return `${answer.status} with a body that is not an object`;
    const message = body['message'];
    if (typeof message !== 'string' || message.trim() === '') return `${answer.status} without a message`;
    if (message === STATUS_CODES[answer.status]) return `${answer.status} whose message names nothing: "${message}"`;
    if (body['statusCode'] !== answer.status) return `${answer.status} with statusCode ${String(body['statusCode'])}`;
    return null;
  }

  const tallies = new Map<string, Tally>();
  const failures: string[] = [];
  const tally = (route: string): Tally => {
    let entry = tallies.get(route);
    if (!entry) {
      entry = { tried: 0, clientErrors: 0, serverErrors: 0, accepted: 0, skippedValid: 0, storeChanged: false, ms: 0 };
      tallies.set(route, entry);
    }
    return entry;
  };

  /** Sends every attempt of one route, then checks that the store did not change. */
  async function fuzzRoute(route: string, attempts: readonly Attempt[], skippedValid: number): Promise<void> {
    const entry = tally(route);
    entry.skippedValid += skippedValid;
    const before = await storeSnapshot();
    const started = Date.now();
    const check = async (attempt: Attempt): Promise<void> => {
      const answer = await send(attempt);
      entry.tried++;
      if (answer.status >= 500) entry.serverErrors++;
      else if (answer.status >= 400) entry.clientErrors++;
      else entry.accepted++;
      const wrong = problem(answer);
      if (wrong) failures.push(`${attempt.method} ${attempt.url.slice(0, 120)} [${attempt.note}]: ${wrong}`);
    };
    // A few requests in flight at once, as clients would send them (and to keep the suite short).
    const queue = [...attempts];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await check(next);
      }),
    );
    entry.ms += Date.now() - started;
    const after = await storeSnapshot();
    if (after.content !== before.content) {
      entry.storeChanged = true;
      failures.push(`${route}: the store changed: ${JSON.stringify(before.counts)} → ${JSON.stringify(after.counts)}`);
    }
  }

  function sample<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, salt: number): T[] {
    return fc.sample(arbitrary, { numRuns, seed: SEED + salt });
  }

  beforeAll(async () => {
    emulators = await startEmulators();
    feishuFront = new VendorFront(emulators.feishu.server.url);
    await feishuFront.listen();
    harness = await createTestApp({
      ...emulatorGatewayEnv(emulators),
      FEISHU_BASE_URL: feishuFront.url,
      FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      // Each bad answer is the run's outcome at once: a run failing on a transient error is not tried again
      // (reconcile.e2e-spec.ts covers the retries).
      SYNC_RUN_RETRIES: '0',
    });
    await harness.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(harness.app.getHttpServer().address() as AddressInfo).port}`;
    store = harness.app.get(MappingStore);
    await uploadSampleMappings(harness.app.getHttpServer());
    // Real state to aim at: links, a finished run.
    const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules' });
    expect(run.status).toBe('succeeded');
    runId = run.id;
    const links = await store.groupLinks.list();
    expect(links.length).toBeGreaterThan(0);
    linkId = links[0]!.id;
  });

  afterAll(async () => {
    await harness?.close();
    await feishuFront?.close();
    await emulators?.close();
  });

  async function api(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${TEST_API_TOKEN}`, 'Content-Type': JSON_TYPE },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  interface RunBody {
    id: string;
    status: string;
    error: string | null;
    items: { sourceId: string; action: string; error?: string; losses: { field: string; message: string }[] }[];
  }

  async function syncAndWait(request: Record<string, unknown>): Promise<RunBody> {
    const queued = await api('POST', '/api/v1/sync', request);
    expect(queued.status).toBe(202);
    const id = String(queued.body['runId']);
    return waitFor(
      `run ${id} to finish`,
      async () => {
        const run = await api('GET', `/api/v1/runs/${id}`);
        expect(run.status).toBe(200);
        return ['queued', 'running'].includes(String(run.body['status'])) ? null : (run.body as unknown as RunBody);
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
  }

  describe('part 1: every route refuses bad input with a 4xx and writes nothing', () => {
    it('fuzzes every route of the running app (≥ 1,000 requests): only 4xx with a message, no write', async () => {
      const knownIds = {
        feishu_to_wecom: emulators.feishu.emulator.groups().map((group) => String(group['group_id'])),
        wecom_to_feishu: emulators.wecom.emulator.rules().map((rule) => String(rule.groupid)),
      };
      const knownSets = Object.fromEntries(Object.entries(knownIds).map(([key, ids]) => [key, new Set(ids)]));
      const users: MappingKind = {
        route: 'PUT /api/v1/mappings/users',
        feishu: 'feishuUserId',
        wecom: 'wecomUserId',
        stored: new Map(SAMPLE_PEOPLE.map((person) => [person.wecomUserId, person.feishuUserId])),
      };
      const departments: MappingKind = {
        route: 'PUT /api/v1/mappings/departments',
        feishu: 'feishuDepartmentId',
        wecom: 'wecomPartyId',
        stored: new Map(Object.values(SAMPLE_DEPARTMENTS).map((d) => [d.wecomPartyId, d.feishuDepartmentId])),
      };
      const writesBefore = vendorWrites();

      /** Body routes: generated JSON bodies the oracle calls bad, plus the transport cases. */
      const bodyPlan = (
        route: string,
        url: () => string,
        bodies: fc.Arbitrary<BodyCase>,
        verdict: (value: unknown) => Verdict,
        numRuns: number,
        salt: number,
        validExample: string,
        bearer = true,
      ) => {
        const [method] = route.split(' ') as [string];
        const generated = sample(bodies, numRuns, salt);
        const bad = generated.filter((entry) => verdict(entry.value) === 'invalid');
        return {
          attempts: [
            ...bad.map((entry) => jsonAttempt(route, method, url(), entry, bearer)),
            ...transportAttempts(route, method, url(), validExample, bearer),
          ],
          skipped: generated.length - bad.length,
        };
      };

      /** Query routes: generated query strings the oracle calls bad. */
      const queryPlan = (
        route: string,
        path: () => string,
        names: readonly string[],
        verdict: QueryVerdict,
        numRuns: number,
        salt: number,
      ) => {
        const generated = sample(queryStrings(names), numRuns, salt);
        const bad = generated.filter((query) => verdict(parseQueryString(query)) === 'invalid');
        return {
          attempts: bad.map((query): Attempt => ({
            route,
            method: 'GET',
            url: `${path()}?${query}`,
            note: `?${query.slice(0, 60)}`,
          })),
          skipped: generated.length - bad.length,
        };
      };

      const pathAttempts = (route: string, build: (segment: string) => string, numRuns: number, salt: number) =>
        sample(pathIds, numRuns, salt).map(({ note, segment }): Attempt => ({
          route,
          method: route.split(' ')[0]!,
          url: build(segment),
          note,
        }));

      const validSync = '{"direction":"feishu_to_wecom","scope":"rules","dryRun":true}';
      const plans: Record<string, { attempts: Attempt[]; skipped: number }> = {
        'POST /api/v1/sync': (() => {
          const plan = bodyPlan(
            'POST /api/v1/sync',
            () => '/api/v1/sync',
            syncBodies(knownIds),
            (value) => syncVerdict(value, knownSets),
            260,
            1,
            validSync,
          );
          // Unknown WeCom rule ids (checked against WeCom, one call a second at its published limit).
          for (const ids of [['999999'], ['1', '999998'], ['-1']]) {
            plan.attempts.push(
              jsonAttempt('POST /api/v1/sync', 'POST', '/api/v1/sync', {
                note: `unknown WeCom rule ids ${ids.join(',')}`,
                value: { direction: 'wecom_to_feishu', scope: 'rules', groupIds: ids, dryRun: true },
              }),
            );
          }
          // A valid dry-run body with a query parameter the route does not take: `?dryRun=…` must not be
          // silently ignored (the body's dryRun is what counts, so this one would otherwise queue a run).
          for (const query of ['dryRun=true', 'scope=punches', 'x=1']) {
            plan.attempts.push({
              route: 'POST /api/v1/sync',
              method: 'POST',
              url: `/api/v1/sync?${query}`,
              headers: { 'Content-Type': JSON_TYPE },
              body: validSync,
              note: `valid body, unknown query ${query}`,
            });
          }
          return plan;
        })(),
        'GET /api/v1/runs': queryPlan(
          'GET /api/v1/runs',
          () => '/api/v1/runs',
          ['limit', 'offset'],
          runListQuery,
          70,
          2,
        ),
        'GET /api/v1/runs/:runId': (() => {
          const unknown = pathAttempts('GET /api/v1/runs/:runId', (id) => `/api/v1/runs/${id}`, 35, 3);
          const queries = queryPlan(
            'GET /api/v1/runs/:runId',
            () => `/api/v1/runs/${runId}`,
            ['limit'],
            noQuery,
            15,
            4,
          );
          return { attempts: [...unknown, ...queries.attempts], skipped: queries.skipped };
        })(),
        'GET /api/v1/links': queryPlan('GET /api/v1/links', () => '/api/v1/links', ['status', 'limit'], noQuery, 30, 5),
        'PATCH /api/v1/links/:linkId': (() => {
          const existing = bodyPlan(
            'PATCH /api/v1/links/:linkId',
            () => `/api/v1/links/${linkId}`,
            linkPatchBodies(),
            (value) =>
              isPlainObject(value) &&
              Object.keys(value).length === 1 &&
              LINK_DIRECTIONS.includes(value['direction'] as string)
                ? 'valid'
                : 'invalid',
            75,
            6,
            '{"direction":"two_way"}',
          );
          // Any body, valid or not, for links that do not exist: 400 or 404.
          const unknown = sample(fc.tuple(pathIds, linkPatchBodies()), 25, 7).map(([path, entry]): Attempt => ({
            ...jsonAttempt('PATCH /api/v1/links/:linkId', 'PATCH', `/api/v1/links/${path.segment}`, entry),
            note: `${path.note}, ${entry.note}`,
          }));
          return { attempts: [...existing.attempts, ...unknown], skipped: existing.skipped };
        })(),
        'GET /api/v1/conflicts': queryPlan(
          'GET /api/v1/conflicts',
          () => '/api/v1/conflicts',
          ['state'],
          conflictListQuery,
          40,
          8,
        ),
        'POST /api/v1/conflicts/:conflictId/resolve': (() => {
          const route = 'POST /api/v1/conflicts/:conflictId/resolve';
          const attempts = sample(fc.tuple(pathIds, resolveBodies()), 55, 9).map(([path, entry]): Attempt => ({
            ...jsonAttempt(route, 'POST', `/api/v1/conflicts/${path.segment}/resolve`, entry),
            note: `${path.note}, ${entry.note}`,
          }));
          const transport = transportAttempts(
            route,
            'POST',
            `/api/v1/conflicts/${randomUUID()}/resolve`,
            '{"winner":"feishu"}',
          );
          return { attempts: [...attempts, ...transport], skipped: 0 };
        })(),
        'PUT /api/v1/mappings/users': (() => {
          const plan = bodyPlan(
            users.route,
            () => '/api/v1/mappings/users',
            mappingBodies(users),
            (value) => mappingVerdict(value, users),
            110,
            10,
            '[{"feishuUserId":"fuzz-new","wecomUserId":"fuzz-new"}]',
          );
          const tooMany = Array.from({ length: MAX_MAPPING_ROWS + 1 }, (_, index) => ({
            feishuUserId: `f${index}`,
            wecomUserId: `w${index}`,
          }));
          plan.attempts.push(
            jsonAttempt(users.route, 'PUT', '/api/v1/mappings/users', { note: 'too many rows', value: tooMany }),
            {
              route: users.route,
              method: 'PUT',
              url: '/api/v1/mappings/users?dryRun=true',
              headers: { 'Content-Type': JSON_TYPE },
              body: '[]',
              note: 'empty upload, unknown query dryRun',
            },
          );
          return plan;
        })(),
        'GET /api/v1/mappings/users': queryPlan(
          'GET /api/v1/mappings/users',
          () => '/api/v1/mappings/users',
          ['limit', 'offset', 'q'],
          mappingListQuery,
          55,
          11,
        ),
        'PUT /api/v1/mappings/departments': bodyPlan(
          departments.route,
          () => '/api/v1/mappings/departments',
          mappingBodies(departments),
          (value) => mappingVerdict(value, departments),
          95,
          12,
          '[{"feishuDepartmentId":"od-fuzz","wecomPartyId":"999"}]',
        ),
        'GET /api/v1/mappings/departments': queryPlan(
          'GET /api/v1/mappings/departments',
          () => '/api/v1/mappings/departments',
          ['limit', 'offset', 'q'],
          mappingListQuery,
          50,
          13,
        ),
        'GET /api/v1/mappings/unmapped': queryPlan(
          'GET /api/v1/mappings/unmapped',
          () => '/api/v1/mappings/unmapped',
          ['limit'],
          unmappedQuery,
          40,
          16,
        ),
        // Bad vendors and bad query strings are refused before any vendor is read.
        'GET /api/v1/vendors/:vendor/groups': (() => {
          const route = 'GET /api/v1/vendors/:vendor/groups';
          const vendors = pathAttempts(route, (segment) => `/api/v1/vendors/${segment}/groups`, 25, 17);
          const queries = queryPlan(
            route,
            () => '/api/v1/vendors/feishu/groups',
            ['q', 'limit', 'offset'],
            mappingListQuery,
            50,
            18,
          );
          return { attempts: [...vendors, ...queries.attempts], skipped: queries.skipped };
        })(),
        // Unknown Feishu ids cost at most one group read each; WeCom's a rule list at 60/min: few of those.
        'GET /api/v1/vendors/:vendor/groups/:id': (() => {
          const route = 'GET /api/v1/vendors/:vendor/groups/:id';
          const vendors = pathAttempts(route, (segment) => `/api/v1/vendors/${segment}/groups/1`, 20, 19);
          const feishuIds = pathAttempts(route, (segment) => `/api/v1/vendors/feishu/groups/${segment}`, 20, 20);
          const wecomIds = pathAttempts(route, (segment) => `/api/v1/vendors/wecom/groups/${segment}`, 3, 21);
          const queries = queryPlan(route, () => '/api/v1/vendors/feishu/groups/1', ['q', 'limit'], noQuery, 10, 22);
          return {
            attempts: [...vendors, ...feishuIds, ...wecomIds, ...queries.attempts],
            skipped: queries.skipped,
          };
        })(),
        // Each accepted call would cost a WeCom read at 60/min: few, but every one must be refused.
        'GET /api/v1/vendors': queryPlan('GET /api/v1/vendors', () => '/api/v1/vendors', ['vendor'], noQuery, 6, 14),
        // Bad match requests are refused before a run is queued; valid decisions of unknown matches are 404s.
        'POST /api/v1/mappings/match': bodyPlan(
          'POST /api/v1/mappings/match',
          () => '/api/v1/mappings/match',
          matchRequestBodies(),
          matchRequestVerdict,
          90,
          21,
          '{"dryRun":true}',
        ),
        'GET /api/v1/mappings/matches': queryPlan(
          'GET /api/v1/mappings/matches',
          () => '/api/v1/mappings/matches',
          ['kind', 'status', 'q', 'limit', 'offset'],
          matchListQuery,
          60,
          22,
        ),
        'POST /api/v1/mappings/matches/decisions': bodyPlan(
          'POST /api/v1/mappings/matches/decisions',
          () => '/api/v1/mappings/matches/decisions',
          matchDecisionsBodies(),
          matchDecisionsVerdict,
          90,
          23,
          `{"decisions":[{"id":"${randomUUID()}","decision":"reject"}]}`,
        ),
        'POST /webhooks/feishu': (() => {
          const route = 'POST /webhooks/feishu';
          const attempts = sample(webhookCases(), 140, 15).map((entry): Attempt => ({
            route,
            method: 'POST',
            url: '/webhooks/feishu',
            headers: { 'Content-Type': JSON_TYPE, ...entry.headers },
            body: entry.body,
            bearer: false,
            note: entry.note,
          }));
          const transport = transportAttempts(route, 'POST', '/webhooks/feishu', '{"schema":"2.0"}', false);
          return { attempts: [...attempts, ...transport], skipped: 0 };
        })(),
      };

      // Every route the app serves under /api/v1, and the webhook, has a plan: a new controller without one
      // fails here instead of going unfuzzed.
      const served = registeredRoutes(harness.app)
        .map(routeKey)
        .filter((key) => / \/api\/v1\//.test(key) || key === 'POST /webhooks/feishu');
      expect(Object.keys(plans).sort()).toEqual(served.sort());

      for (const [route, plan] of Object.entries(plans)) await fuzzRoute(route, plan.attempts, plan.skipped);

      const writesAfter = vendorWrites();
      printTable(
        tallies,
        `vendor writes during the fuzz: Feishu ${writesAfter.feishu - writesBefore.feishu}, ` +
          `WeCom ${writesAfter.wecom - writesBefore.wecom}`,
      );
      if (process.env['FUZZ_DUMP'])
        (await import('node:fs')).writeFileSync(process.env['FUZZ_DUMP'], failures.join('\n'));
      const total = [...tallies.values()].reduce((sum, entry) => sum + entry.tried, 0);
      expect(total).toBeGreaterThanOrEqual(1000);
      expect(writesAfter).toEqual(writesBefore);
      expect(failures.slice(0, 40)).toEqual([]);
    }, 240_000);
  });

  describe('part 2: malformed vendor answers during syncs end as typed errors', () => {
    const HTML_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    const ATTENDANCE = '/open-apis/attendance/v1';
    const daysAgo = (days: number) => chinaDayOf(Math.floor(Date.now() / 1000) - days * DAY_SECONDS);
    const punchWindow = { from: daysAgo(4), to: daysAgo(2) };
    const wecomUrl = () => emulators.wecom.server.url;

    /** WeCom answers scripted with scriptResponse() that the run did not consume are used up here. */
    async function drainWecom(method: 'GET' | 'POST', path: string): Promise<void> {
      for (let guard = 0; guard < 50; guard++) {
        await fetch(`${wecomUrl()}${path}`, method === 'POST' ? { method, body: '{}' } : { method });
        if (emulators.wecom.emulator.requests.list().at(-1)?.fault !== 'scripted') return;
      }
      throw new Error(`scripted answers for ${path} never ran out`);
    }

    async function expectStillServing(): Promise<void> {
      const health = await fetch(`${baseUrl}/health`);
      expect(health.status).toBe(200);
      expect((await api('GET', '/api/v1/runs?limit=1')).status).toBe(200);
    }

    /** The run failed as a whole with a reason, or item by item with typed errors. */
    function expectTypedFailure(run: RunBody, mention: RegExp): void {
      expect(['failed', 'partial']).toContain(run.status);
      const reasons = [run.error, ...run.items.filter((item) => item.action === 'failed').map((item) => item.error)];
      const stated = reasons.filter((reason): reason is string => typeof reason === 'string' && reason.length > 0);
      expect(stated.length).toBeGreaterThan(0);
      // A typed vendor error, "<vendor> <kind> at <endpoint> (code …): <message>" (describeFailure), the
      // translation's refusal naming the field it cannot represent, or one record of a list that could not be
      // read, named with its field ("WeCom punch u@1700000000 could not be read: checkin_time: …").
      const typed =
        /^(feishu|wecom) (unknown|transient|auth|invalid_request|not_found|permission|rate_limit) |^cannot be translated: |^(Feishu|WeCom) [a-z' ]+ (\S+|#\d+ of its answer \(no readable id\)) could not be read: \S+: /;
      expect(stated.filter((reason) => !typed.test(reason))).toEqual([]);
      expect(stated.join('\n')).toMatch(mention);
    }

    afterEach(async () => {
      feishuFront.clear();
      emulators.feishu.emulator.faults.clear();
      emulators.wecom.emulator.faults.clear();
      await expectStillServing();
    });

    it('Feishu: the group list answers an HTML error page → the run fails naming a transient Feishu error', async () => {
      feishuFront.script(
        'GET',
        `${ATTENDANCE}/groups`,
        () => ({ status: 502, type: 'text/html', body: HTML_PAGE }),
        20,
      );
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expect(run.status).toBe('failed');
      expectTypedFailure(run, /transient.*text\/html|HTML|502/i);
    });

    it('Feishu: one group answers truncated JSON → that item fails (unknown), the others go on', async () => {
      feishuFront.script(
        'GET',
        new RegExp(`^${ATTENDANCE}/groups/\\d+$`),
        () => ({ status: 200, type: JSON_TYPE, body: '{"code":0,"msg":"success","data":{"group_id":"70' }),
        1,
      );
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expect(run.status).toBe('partial');
      expect(run.items.filter((item) => item.action === 'failed')).toHaveLength(1);
      expectTypedFailure(run, /feishu unknown/);
    });

    it('Feishu: a group with an unknown group_type → that item fails naming the field', async () => {
      feishuFront.script(
        'GET',
        new RegExp(`^${ATTENDANCE}/groups/\\d+$`),
        (real) => mutateJson(real, (body) => ((body['data'] as Record<string, unknown>)['group_type'] = 7)),
        1,
      );
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expect(run.items.filter((item) => item.action === 'failed')).toHaveLength(1);
      expectTypedFailure(run, /group_type/);
    });

    it('Feishu: shifts answer wrong types → the items needing them fail naming the fields', async () => {
      feishuFront.script(
        'GET',
        new RegExp(`^${ATTENDANCE}/shifts/\\d+$`),
        (real) =>
          mutateJson(real, (body) => {
            const shift = body['data'] as Record<string, unknown>;
            shift['shift_id'] = Number(shift['shift_id']);
            shift['punch_time_rule'] = 'at nine';
          }),
        1,
      );
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expectTypedFailure(run, /shift_id|punch_time_rule/);
    });

    it('Feishu: user_flows/query answers truncated JSON, then wrong types → punch items fail, typed', async () => {
      feishuFront.script(
        'POST',
        `${ATTENDANCE}/user_flows/query`,
        () => ({ status: 200, type: JSON_TYPE, body: '{"code":0,"msg":"success","data":{"user_flow_results":[{"user' }),
        50,
      );
      const truncated = await syncAndWait({
        direction: 'feishu_to_wecom',
        scope: 'punches',
        dryRun: true,
        ...punchWindow,
      });
      expectTypedFailure(truncated, /feishu unknown/);
      feishuFront.clear();
      let mutatedRecords = 0;
      feishuFront.script(
        'POST',
        `${ATTENDANCE}/user_flows/query`,
        (real) =>
          mutateJson(real, (body) => {
            for (const flow of ((body['data'] as Record<string, unknown>)['user_flow_results'] ?? []) as Record<
              string,
              unknown
            >[]) {
              flow['check_time'] = Number(flow['check_time']);
              flow['is_wifi'] = 'yes';
              mutatedRecords++;
            }
          }),
        50,
      );
      const wrongTypes = await syncAndWait({
        direction: 'feishu_to_wecom',
        scope: 'punches',
        dryRun: true,
        ...punchWindow,
      });
      expect(mutatedRecords).toBeGreaterThan(0);
      expectTypedFailure(wrongTypes, /check_time|is_wifi/);
    });

    it('Feishu: the token endpoint answers HTML after the token expired → the run fails, typed', async () => {
      emulators.feishu.emulator.expireTokens();
      feishuFront.script(
        'POST',
        '/open-apis/auth/v3/tenant_access_token/internal',
        () => ({ status: 200, type: 'text/html', body: HTML_PAGE }),
        20,
      );
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expect(run.status).toBe('failed');
      expectTypedFailure(run, /tenant_access_token/);
    });

    it('WeCom: getcorpcheckinoption answers an HTML page → the rules run fails, typed', async () => {
      const api = 'POST /cgi-bin/checkin/getcorpcheckinoption';
      emulators.wecom.emulator.scriptResponse(api, { status: 200, contentType: 'text/html', body: HTML_PAGE }, 10);
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      await drainWecom('POST', '/cgi-bin/checkin/getcorpcheckinoption');
      expect(run.status).toBe('failed');
      expectTypedFailure(run, /getcorpcheckinoption/);
    });

    it('WeCom: getcorpcheckinoption with an unknown grouptype → the WeCom → Feishu run fails, typed', async () => {
      const rules = emulators.wecom.emulator.rules();
      const body = JSON.stringify({
        errcode: 0,
        errmsg: 'ok',
        group: rules.map((rule) => ({ ...rule.group, groupid: rule.groupid, grouptype: 9 })),
      });
      emulators.wecom.emulator.scriptResponse('POST /cgi-bin/checkin/getcorpcheckinoption', { body }, 10);
      const run = await syncAndWait({ direction: 'wecom_to_feishu', scope: 'rules', dryRun: true });
      await drainWecom('POST', '/cgi-bin/checkin/getcorpcheckinoption');
      expectTypedFailure(run, /grouptype/);
    });

    it('WeCom: getcheckindata answers truncated JSON, wrong types, unknown checkin_type → punch items fail, typed', async () => {
      const api = 'POST /cgi-bin/checkin/getcheckindata';
      const sample = emulators.wecom.emulator
        .checkinData()
        .filter((punch) => SAMPLE_PEOPLE.some((person) => person.wecomUserId === punch.userid))
        .slice(0, 5);
      expect(sample.length).toBeGreaterThan(0);
      const answers: [string, RegExp][] = [
        ['{"errcode":0,"errmsg":"ok","checkindata":[{"userid":"zhang', /wecom unknown/],
        [
          JSON.stringify({
            errcode: 0,
            errmsg: 'ok',
            checkindata: sample.map((punch) => ({ ...punch, checkin_time: String(punch.checkin_time), userid: 7 })),
          }),
          /checkin_time|userid/,
        ],
        [
          JSON.stringify({
            errcode: 0,
            errmsg: 'ok',
            checkindata: sample.map((punch) => ({ ...punch, checkin_type: '外星打卡' })),
          }),
          /checkin_type/,
        ],
      ];
      for (const [body, mention] of answers) {
        emulators.wecom.emulator.scriptResponse(api, { body }, 30);
        const run = await syncAndWait({ direction: 'wecom_to_feishu', scope: 'punches', dryRun: true, ...punchWindow });
        await drainWecom('POST', '/cgi-bin/checkin/getcheckindata');
        expectTypedFailure(run, mention);
        await expectStillServing();
      }
    });

    it('WeCom: gettoken answers wrong types after the token expired → the run fails, typed', async () => {
      emulators.wecom.emulator.expireTokens();
      emulators.wecom.emulator.scriptResponse(
        'GET /cgi-bin/gettoken',
        { body: JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 12345, expires_in: 'soon' }) },
        10,
      );
      const run = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      await drainWecom('GET', '/cgi-bin/gettoken');
      expect(run.status).toBe('failed');
      expectTypedFailure(run, /gettoken|access_token|expires_in/);
    });

    it('afterwards the same syncs succeed again (nothing stuck, tokens refreshed)', async () => {
      // The failures this test comes after, made here so that it does not need the tests above to have run
      // (issue #22): both tokens expire, and each token endpoint answers garbage for one run.
      emulators.feishu.emulator.expireTokens();
      feishuFront.script(
        'POST',
        '/open-apis/auth/v3/tenant_access_token/internal',
        () => ({ status: 200, type: 'text/html', body: HTML_PAGE }),
        20,
      );
      const feishuTokenFailed = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expectTypedFailure(feishuTokenFailed, /tenant_access_token/);
      feishuFront.clear();
      emulators.wecom.emulator.expireTokens();
      emulators.wecom.emulator.scriptResponse(
        'GET /cgi-bin/gettoken',
        { body: JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 12345, expires_in: 'soon' }) },
        10,
      );
      const wecomTokenFailed = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      await drainWecom('GET', '/cgi-bin/gettoken');
      expectTypedFailure(wecomTokenFailed, /gettoken|access_token|expires_in/);

      const rules = await syncAndWait({ direction: 'feishu_to_wecom', scope: 'rules', dryRun: true });
      expect(rules.status).toBe('succeeded');
      const punches = await syncAndWait({
        direction: 'wecom_to_feishu',
        scope: 'punches',
        dryRun: true,
        ...punchWindow,
      });
      expect(punches.status).toBe('succeeded');
    });
  });
});

// ---- a Feishu stand-in that can answer garbage --------------------------------------------------------

interface RealAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

interface Script {
  readonly method: string;
  readonly path: string | RegExp;
  readonly answer: (real: RealAnswer) => RealAnswer;
  remaining: number;
}

function mutateJson(real: RealAnswer, change: (body: Record<string, unknown>) => void): RealAnswer {
  const body = JSON.parse(real.body) as Record<string, unknown>;
  change(body);
  return { ...real, body: JSON.stringify(body) };
}

/**
 * A proxy in front of the Feishu emulator (which has no scriptResponse): passes every call through, except
 * the next `times` calls of a scripted method and path, whose answer it replaces — by a fixed page, or by an
 * edit of the emulator's real answer (for wrong types and unknown enum values in otherwise real data).
 */
class VendorFront {
  private server: Server | undefined;
  private scripts: Script[] = [];
  url = '';

  constructor(private readonly target: string) {}

  async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  script(method: string, path: string | RegExp, answer: (real: RealAnswer) => RealAnswer, times: number): void {
    this.scripts.push({ method, path, answer, remaining: times });
  }

  clear(): void {
    this.scripts = [];
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers[name] = value;
      }
      const response = await fetch(`${this.target}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      let answer: RealAnswer = {
        status: response.status,
        type: response.headers.get('content-type') ?? JSON_TYPE,
        body: await response.text(),
      };
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const script = this.scripts.find(
        (entry) =>
          entry.remaining > 0 &&
          entry.method === req.method &&
          (typeof entry.path === 'string' ? entry.path === path : entry.path.test(path)),
      );
      if (script) {
        script.remaining--;
        answer = script.answer(answer);
      }
      const passed: Record<string, string> = { 'content-type': answer.type };
      for (const name of ['x-tt-logid', 'x-ogw-ratelimit-limit', 'x-ogw-ratelimit-reset']) {
        const value = response.headers.get(name);
        if (value !== null) passed[name] = value;
      }
      res.writeHead(answer.status, passed).end(answer.body);
    } catch (error) {
      res.writeHead(599, { 'content-type': 'text/plain' }).end(`front failed: ${String(error)}`);
    }
  }
}

function printTable(tallies: ReadonlyMap<string, Tally>, footer: string): void {
  const header = ['endpoint', 'bodies tried', '4xx', '5xx', '2xx/3xx', 'valid (not sent)', 'store', 'ms'];
  const rows = [...tallies].map(([route, entry]) => [
    route,
    String(entry.tried),
    String(entry.clientErrors),
    String(entry.serverErrors),
    String(entry.accepted),
    String(entry.skippedValid),
    entry.storeChanged ? 'CHANGED' : 'unchanged',
    String(entry.ms),
  ]);
  const sum = (pick: (entry: Tally) => number) =>
    String([...tallies.values()].reduce((total, entry) => total + pick(entry), 0));
  rows.push([
    'total',
    sum((entry) => entry.tried),
    sum((entry) => entry.clientErrors),
    sum((entry) => entry.serverErrors),
    sum((entry) => entry.accepted),
    sum((entry) => entry.skippedValid),
    '',
    sum((entry) => entry.ms),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  process.stdout.write(
    `\nbad-input fuzz (seed ${SEED})\n${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}\n${rows.map(line).join('\n')}\n${footer}\n\n`,
  );
}
