import fc from 'fast-check';
import type { CanonicalRule } from '../src/canonical/canonical-rule.js';
import { sameIdResolver } from '../src/canonical/id-resolver.js';
import { canonicalToFeishu } from '../src/feishu/canonical-to-feishu.mapper.js';
import { planAsRead, type FeishuReadBack } from '../src/feishu/feishu-read-back.helper.js';
import { canonicalToWecom } from '../src/wecom/canonical-to-wecom.mapper.js';
import { ARBITRARY_NOW_UNIX_SECONDS } from './canonical-rule.arbitrary.js';

/*
 * Vendor read shapes for the mapper specs: what each vendor would answer for a rule, as JSON (parsed from its
 * text, as a client receives it), and the same JSON with random damage. The read schemas must take the first;
 * of the second, the mappers read what the schemas take and refuse the rest, naming the field.
 */

const resolver = sameIdResolver((id) => id);

/** GET /groups/:id and GET /shifts/:id for the rule, as JSON; null when Feishu cannot hold the rule. */
export function feishuReadOf(rule: CanonicalRule): FeishuReadBack | null {
  const plan = canonicalToFeishu(rule, { resolver, groupLeaderIds: ['leader1'], existingShifts: [] });
  return plan.ok ? fromWire(planAsRead(plan.value)) : null;
}

/** The WeCom emulator's renderRule (apps/emulators/src/wecom/checkin-option.handler.ts), passed in by the spec. */
export type RenderWecomRule = (
  stored: {
    groupid: number;
    owner: string;
    group: Record<string, unknown>;
    create_time: number;
    create_userid: string;
    update_userid: string;
  },
  view: 'corp',
) => unknown;

/** The rule as getcorpcheckinoption renders it, as JSON; null when WeCom cannot hold the rule. */
export function wecomReadOf(rule: CanonicalRule, renderRule: RenderWecomRule): Record<string, unknown> | null {
  const group = canonicalToWecom(rule, { resolver, ruleName: rule.name, nowUnixSeconds: ARBITRARY_NOW_UNIX_SECONDS });
  if (!group.ok) return null;
  const stored = {
    groupid: 4242,
    owner: 'spec',
    group: structuredClone(group.value) as Record<string, unknown>,
    create_time: ARBITRARY_NOW_UNIX_SECONDS,
    create_userid: 'admin',
    update_userid: 'admin',
  };
  return fromWire(renderRule(stored, 'corp')) as Record<string, unknown>;
}

export function fromWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A deep copy made of this realm's objects and arrays (under Jest's VM modules, `structuredClone` returns
 * objects of the host realm). Unlike fromWire, this keeps undefined, NaN and ±Infinity, and keeps an own
 * "__proto__" key as an own key.
 */
export function localCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let index = 0; index < value.length; index += 1) copy.push(localCopy(value[index] as unknown));
    return copy as T;
  }
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(copy, key, {
        value: localCopy((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy as T;
  }
  return value;
}

/** Values a damaged field may get: wrong types, edge numbers, near-miss strings, undefined, NaN. */
const REPLACEMENTS: readonly unknown[] = [
  null,
  undefined,
  '',
  'x',
  '0',
  '9:00',
  '26:00',
  '48:00',
  '7:5',
  ' 9:00',
  '１２',
  0,
  -0,
  1,
  -1,
  2,
  3,
  7,
  1.5,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  20260230,
  20260906,
  1234567,
  true,
  false,
  [],
  {},
  [1],
  [''],
  { a: 1 },
  'A4-B1-C2-00-1E-FF',
];

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], found: Path[] = []): Path[] {
  if (value === null || typeof value !== 'object') return found;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((entry, index): [number, unknown] => [index, entry])
    : Object.entries(value);
  for (const [key, entry] of entries) {
    const path = [...prefix, key];
    found.push(path);
    pathsOf(entry, path, found);
  }
  return found;
}

/** A copy of `value` with 1–3 fields damaged (replaced, deleted, duplicated, nudged) anywhere in it. */
export function damagedArbitrary<T>(value: T): fc.Arbitrary<unknown> {
  const paths = pathsOf(value);
  if (paths.length === 0) return fc.constant(localCopy(value));
  const damage = fc.record({
    path: fc.constantFrom(...paths),
    kind: fc.integer({ min: 0, max: 5 }),
    replacement: fc.constantFrom(...REPLACEMENTS),
    extraKey: fc.constantFrom('extra', '__proto__', 'constructor', 'toString'),
  });
  return fc.array(damage, { minLength: 1, maxLength: 3 }).map((damages) => {
    const copy = localCopy(value) as unknown;
    for (const { path, kind, replacement, extraKey } of damages) {
      let parent = copy as Record<string | number, unknown>;
      let reachable = true;
      for (const key of path.slice(0, -1)) {
        const next = parent[key];
        if (next === null || typeof next !== 'object') {
          reachable = false;
          break;
        }
        parent = next as Record<string | number, unknown>;
      }
      if (!reachable) continue;
      const last = path[path.length - 1] as string | number;
      if (kind === 0 && !Array.isArray(parent)) delete parent[last];
      else if (kind === 1 && Array.isArray(parent)) parent.push(localCopy(parent[Number(last)]));
      else if (kind === 2 && !Array.isArray(parent))
        Object.defineProperty(parent, extraKey, { value: 1, enumerable: true });
      else if (kind === 3 && typeof parent[last] === 'number') parent[last] += 7;
      else parent[last] = localCopy(replacement);
    }
    return copy;
  });
}
