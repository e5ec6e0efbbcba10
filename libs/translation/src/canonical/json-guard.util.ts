/*
 * Allocation-free boolean guards over untrusted JSON, for the mappers' fast path.
 *
 * Why not zod here: the vendor read schemas are loose (read-modify-write must keep vendor-only fields), and
 * zod's safeParse builds a payload object per field, an issue array per value and a copy of every object and
 * array it visits. A profile of the translation benchmark put about a third of the time in it. A guard only
 * answers "would the schema accept this?", so the mappers ask the guard first and read the input in place;
 * only when the guard says no (or cannot tell) do they run the zod schema, whose issues become the loss
 * report exactly as before. The contract each guard keeps: guard(x) === true ⇒ schema.safeParse(x) succeeds
 * with data the mapper reads the same way. A guard may say no to something the schema accepts (the mapper
 * then just takes the slow path), never the reverse; the guard specs check this against the schemas.
 *
 * Each primitive mirrors one zod 4 primitive:
 *  - z.string()            → typeof "string"
 *  - z.number()            → a finite number (zod 4 refuses NaN and ±Infinity)
 *  - z.int() / .int()      → Number.isSafeInteger (zod 4's "safeint" format)
 *  - z.boolean()           → typeof "boolean"
 *  - z.object / looseObject → a PLAIN object (prototype Object.prototype or null). zod takes any non-array
 *    object, but a class instance could answer property reads differently from the copy zod makes, so it is
 *    left to zod. Unknown keys are accepted (loose keeps them, plain z.object strips them; the mappers never
 *    read them).
 *  - z.array               → a plain array (prototype Array.prototype), for the same reason.
 *  - .optional()           → undefined (absent or present as undefined) or the inner guard.
 */

export type Guard = (value: unknown) => boolean;

export const isString: Guard = (value) => typeof value === 'string';
export const isNonEmptyString: Guard = (value) => typeof value === 'string' && value.length > 0;
export const isFiniteNumber: Guard = (value) => typeof value === 'number' && Number.isFinite(value);
export const isSafeInt: Guard = (value) => Number.isSafeInteger(value);
export const isBoolean: Guard = (value) => typeof value === 'boolean';

/** z.int().min(min).max(max). */
export function safeIntBetween(min: number, max: number): Guard {
  return (value) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** The guard each optional() wrapper stands for, so objectOf can test the inner guard without the wrapper call. */
const optionalInner = new WeakMap<Guard, Guard>();

export function optional(guard: Guard): Guard {
  const wrapper: Guard = (value) => value === undefined || guard(value);
  optionalInner.set(wrapper, guard);
  return wrapper;
}

/** z.union of literals: one of these exact values (===, as zod's literal check). */
export function oneOf(...values: readonly (string | number | boolean | null)[]): Guard {
  return (value) => values.includes(value as string | number | boolean | null);
}

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function isPlainArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

/*
 * The primitive guards are also known by number, so the loops below test them inline: most fields of a
 * vendor object are strings, integers and booleans, and a call per field through a different closure each
 * time (which V8 cannot inline) was most of a guard's cost.
 */
const CALL = 0;
const STRING = 1;
const NON_EMPTY_STRING = 2;
const SAFE_INT = 3;
const BOOLEAN = 4;
const FINITE_NUMBER = 5;
const PRIMITIVES = new Map<Guard, number>([
  [isString, STRING],
  [isNonEmptyString, NON_EMPTY_STRING],
  [isSafeInt, SAFE_INT],
  [isBoolean, BOOLEAN],
  [isFiniteNumber, FINITE_NUMBER],
]);

/** guard(value) for a defined value, a primitive tested inline. */
function passes(kind: number, guard: Guard, value: unknown): boolean {
  switch (kind) {
    case STRING:
      return typeof value === 'string';
    case NON_EMPTY_STRING:
      return typeof value === 'string' && value.length > 0;
    case SAFE_INT:
      return Number.isSafeInteger(value);
    case BOOLEAN:
      return typeof value === 'boolean';
    case FINITE_NUMBER:
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return guard(value);
  }
}

/** z.array(item) with an optional .min(minLength). */
export function arrayOf(item: Guard, minLength = 0): Guard {
  const kind = PRIMITIVES.get(item) ?? CALL;
  return (value) => {
    if (!isPlainArray(value) || value.length < minLength) return false;
    for (let index = 0; index < value.length; index += 1) {
      const entry = value[index];
      // A hole or an undefined entry: none of the element schemas here takes undefined.
      if (entry === undefined ? !item(undefined) : !passes(kind, item, entry)) return false;
    }
    return true;
  };
}

/** z.array(z.string()) (with .min(minLength) on each string, as z.string().min(1) ids have). */
export function stringArray(minLength = 0): Guard {
  return (value) => {
    if (!isPlainArray(value)) return false;
    for (let index = 0; index < value.length; index += 1) {
      const entry = value[index];
      if (typeof entry !== 'string' || entry.length < minLength) return false;
    }
    return true;
  };
}

interface Field {
  /** PRIMITIVES' number of the guard, or CALL. */
  readonly kind: number;
  /** The guard for a defined value (an optional() wrapper is unwrapped). */
  readonly guard: Guard;
  /** Whether undefined passes (optional(), or a guard that takes it). */
  readonly allowsUndefined: boolean;
}

/**
 * z.object / z.looseObject with this shape: every listed key's value passes its guard (wrap optional keys in
 * optional()). `refine` runs last, on the whole object, like an object-level superRefine.
 */
export function objectOf(
  shape: Readonly<Record<string, Guard>>,
  refine?: (value: Readonly<Record<string, unknown>>) => boolean,
): Guard {
  // The value's own keys are walked (a vendor object carries a fraction of the keys its schema knows) and each
  // one's guard looked up in a prototype-free table, so an input key such as "constructor" finds nothing.
  const table = Object.create(null) as Record<string, Field | undefined>;
  let requiredCount = 0;
  for (const key of Object.keys(shape)) {
    const given = shape[key] as Guard;
    const inner = optionalInner.get(given);
    const guard = inner ?? given;
    const allowsUndefined = inner !== undefined || given(undefined);
    // A key whose guard refuses undefined must be present: zod reports it missing otherwise.
    if (!allowsUndefined) requiredCount += 1;
    table[key] = { kind: PRIMITIVES.get(guard) ?? CALL, guard, allowsUndefined };
  }
  return (value) => {
    if (!isPlainObject(value)) return false;
    let present = 0;
    for (const key in value) {
      const field = table[key];
      if (field === undefined) continue;
      const entry = value[key];
      if (entry === undefined) {
        if (!field.allowsUndefined) return false;
        continue;
      }
      if (!passes(field.kind, field.guard, entry)) return false;
      if (!field.allowsUndefined) present += 1;
    }
    // Every required key was seen with a value its guard passed.
    if (present !== requiredCount) return false;
    return refine === undefined || refine(value);
  };
}
