import type { z } from 'zod';

/*
 * The field list of a wire model, read off its zod (v4) schema: every leaf as a dotted path, array elements as
 * "[]" ("checkindate[].checkintime[].work_sec"). Wrappers are looked through (optional, nullable, default,
 * catch, readonly, pipe/transform: the input side, lazy); refinements are checks on the same schema in zod 4,
 * so they need nothing. An object is not a leaf (its fields are), nor is an array of objects (its elements'
 * fields are); an array of scalars, a union of scalars and an object with no declared keys are leaves.
 */

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly getter?: () => z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under optional/nullable/default/pipe/… wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 20; depth += 1) {
    const def = defOf(current);
    if (
      def.innerType &&
      ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)
    ) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else if (def.type === 'lazy' && def.getter) {
      current = def.getter();
    } else {
      return current;
    }
  }
  return current;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(schema);
  if (def.type !== 'object') return null;
  return (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
}

/** The leaf paths of `schema`, sorted. */
export function schemaFieldPaths(schema: z.ZodType): string[] {
  const paths = new Set<string>();
  walk(schema, '', paths);
  return [...paths].sort();
}

function walk(schema: z.ZodType, path: string, out: Set<string>): void {
  const inner = unwrapSchema(schema);
  const def = defOf(inner);
  const shape = shapeOf(inner);
  if (shape) {
    const keys = Object.keys(shape);
    if (keys.length === 0 && path) out.add(path);
    for (const key of keys) walk(shape[key] as z.ZodType, path ? `${path}.${key}` : key, out);
    return;
  }
  if (def.type === 'array' && def.element) {
    const element = unwrapSchema(def.element);
    if (shapeOf(element) || defOf(element).type === 'array') walk(element, `${path}[]`, out);
    else out.add(path);
    return;
  }
  if (def.type === 'union' && def.options?.some((option) => shapeOf(unwrapSchema(option)))) {
    for (const option of def.options) walk(option, path, out);
    return;
  }
  out.add(path);
}
