import fc from 'fast-check';
import type { z } from 'zod';
import { localCopy } from './vendor-inputs.js';

/*
 * Doc-legal SPARSE WeCom reads for the specs (issue #16): a read as WeCom could send it, with any field the
 * read schema declares optional randomly left out, and keys we do not model added here and there. The read
 * schema is the oracle of what may be left out — it encodes the doc's field table (否 and 特定类型必填 are
 * optional; identities and a section's times are not, libs/wecom/src/model/checkin-option.model.ts) — so
 * what this produces is exactly what the schema must accept and the translation must read without throwing.
 */

/** Keys no WeCom model here knows, as a newer WeCom would send them (the 2024 B4 example has the first). */
const UNKNOWN_KEYS = ['open_sp_checkin', 'x_future_flag', 'x_future_list', 'x_future_block'] as const;
const UNKNOWN_VALUES: readonly unknown[] = [true, 0, 'x', [], [1, 2], { nested: { deep: 1 } }, null];

interface ZodDef {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
}

function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { readonly _zod: { readonly def: ZodDef } })._zod.def;
}

/** A small seeded generator (mulberry32): fast-check picks the seed, so runs replay and shrink by seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Sparsity {
  /** Chance that an optional key is left out. */
  readonly omit: number;
  /** Chance that an object gets one unknown key. */
  readonly extra: number;
  readonly next: () => number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sparsify(value: unknown, schema: z.ZodType, sparsity: Sparsity): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return def.innerType === undefined ? value : sparsify(value, def.innerType, sparsity);
    case 'pipe':
      return def.in === undefined ? value : sparsify(value, def.in, sparsity);
    case 'array':
      return Array.isArray(value) && def.element !== undefined
        ? value.map((entry) => sparsify(entry, def.element!, sparsity))
        : value;
    case 'object': {
      if (!isPlainObject(value) || def.shape === undefined) return value;
      const result: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        const field = def.shape[key];
        if (field === undefined) {
          result[key] = entry;
          continue;
        }
        if (field.safeParse(undefined).success && sparsity.next() < sparsity.omit) continue;
        result[key] = sparsify(entry, field, sparsity);
      }
      if (sparsity.next() < sparsity.extra) {
        const key = UNKNOWN_KEYS[Math.floor(sparsity.next() * UNKNOWN_KEYS.length)]!;
        result[key] = localCopy(UNKNOWN_VALUES[Math.floor(sparsity.next() * UNKNOWN_VALUES.length)]);
      }
      return result;
    }
    default:
      return value;
  }
}

/**
 * `read` (a full read, e.g. the emulator's rendering of a rule) with optional fields left out and unknown
 * keys added, as `schema` allows; each value is a fresh copy made of this realm's objects (see localCopy).
 */
export function sparseReadArbitrary(read: unknown, schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc
    .record({
      seed: fc.integer(),
      omit: fc.constantFrom(0.1, 0.5, 0.9, 1),
      extra: fc.constantFrom(0, 0.3),
    })
    .map(({ seed, omit, extra }) => sparsify(localCopy(read), schema, { omit, extra, next: random(seed) }));
}

/** The keys that `sparseReadArbitrary` may add. */
export const SPARSE_UNKNOWN_KEYS: readonly string[] = UNKNOWN_KEYS;
