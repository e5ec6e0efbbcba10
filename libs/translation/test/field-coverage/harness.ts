import type { z } from 'zod';
import type { Loss } from '../../src/canonical/loss.js';
import type { CoverageTable, FieldFate } from '../../src/field-coverage/field-fate.js';
import {
  applyPatch,
  clone,
  DELETE,
  diffPaths,
  getAt,
  isQuiet,
  jsonLeafPaths,
  lastSegment,
  lossAt,
  lossConcerns,
  lossNames,
  perturb,
  related,
  setAt,
  show,
  valuesAt,
  type Patch,
} from './paths.js';
import { schemaFieldPaths } from './zod-fields.js';

/*
 * The behaviour harness of the field-coverage spec: holds each declared fate to what the mapper does.
 *  - read, translated: changing the field (from a rich valid base input) changes the mapper's output, at the
 *    declared canonical field;
 *  - read, dropped / approximated: with the field set, the mapper reports a loss naming it (its last segment,
 *    or the declared lossField); with no lossField declared the loss must come from this field (it is not
 *    there when the field is absent);
 *  - read, dropped without a loss / not_applicable: changing the field changes neither the output nor the
 *    losses concerning it, filed at it or at a parent of it (lossConcerns: "group.spe_workdays[0].checkintime[0]"
 *    concerns "spe_workdays[].checkintime[].remind_work_sec"), so a mapper that starts using it, or reporting
 *    it, makes the declaration fail;
 *  - write, translated / approximated from X: changing canonical X (on a canonical base) changes the written
 *    field (approximated: and a loss is reported); not_applicable: changing any canonical field (an enum to
 *    each of its other values, WriteHarness.enums) leaves it alone; canonical fields not written: dropped ones
 *    report a loss, the others leave the output alone.
 * Every problem names the table, the field and what disagrees, so the one-line declaration can be fixed.
 */

export interface Outcome {
  readonly ok: boolean;
  /** The mapper's output (JSON-like); compared as a whole. */
  readonly value: unknown;
  readonly losses: readonly Loss[];
}

/** A value, or a function `(current value, whole set-up input) => value`. */
export type Value = unknown;

export interface ReadOverride {
  /** The base input variant to start from (default: the first that has the field). */
  readonly base?: string;
  /** The element of each "[]" on the way (default 0 each). */
  readonly index?: readonly number[];
  /** Applied to the base first (concrete paths relative to the record; DELETE removes). */
  readonly setup?: Patch;
  /** The changed (translated) / set (dropped) value instead of the generic one. */
  readonly value?: Value;
  /** The "field not set" value for the loss-cause check (default: absent). */
  readonly quiet?: unknown;
}

export interface ReadHarness {
  readonly table: CoverageTable;
  readonly schemas: readonly z.ZodType[];
  /** Variant name → the record (the part of the mapper input the table's paths are relative to). */
  readonly bases: Readonly<Record<string, unknown>>;
  run(record: unknown, variant: string): Outcome;
  readonly overrides?: Readonly<Record<string, ReadOverride>>;
}

export interface WriteOverride {
  readonly base?: string;
  /** The element of each "[]" of the canonical path (default 0 each). */
  readonly index?: readonly number[];
  /** Applied to the canonical base first (for every canonical path of the field). */
  readonly setup?: Patch;
  /** Per canonical path: the new value (or a function of the current one) and a setup of its own. */
  readonly values?: Readonly<Record<string, Value>>;
  readonly setups?: Readonly<Record<string, Patch>>;
}

export interface WriteHarness {
  readonly table: CoverageTable;
  readonly schemas: readonly z.ZodType[];
  /** Variant name → a canonical value the writer accepts. */
  readonly bases: Readonly<Record<string, unknown>>;
  /** value: the written payload, shaped so the table's paths read it (arrays are walked). */
  run(canonical: unknown, variant: string): Outcome;
  /** By vendor field path; for canonicalNotWritten entries by canonical path. */
  readonly overrides?: Readonly<Record<string, WriteOverride>>;
  /**
   * Enum-valued canonical fields (by canonical path, "[]" for elements) → every valid value: a generic change
   * ('allowed' → 'allowed-x') is no value the writer knows, so the not_applicable checks try each other value
   * instead (canonical-enums.ts).
   */
  readonly enums?: Readonly<Record<string, readonly unknown[]>>;
}

/** run(), with a mapper that throws (on an input no vendor sends) read as a refusal. */
function safeRun(harness: { run(input: unknown, variant: string): Outcome }, input: unknown, variant: string): Outcome {
  try {
    return harness.run(input, variant);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, value: null, losses: [{ field: '(thrown)', severity: 'blocking', message }] };
  }
}

// ---- model ↔ declarations -----------------------------------------------------------------------------------------

export function modelFields(schemas: readonly z.ZodType[]): string[] {
  return [...new Set(schemas.flatMap((schema) => schemaFieldPaths(schema)))].sort();
}

export function undeclaredFields(table: CoverageTable, schemas: readonly z.ZodType[]): string[] {
  return modelFields(schemas)
    .filter((path) => !(path in table.fields))
    .map((path) => `${table.id}: wire-model field \`${path}\` has no declared fate`);
}

export function staleDeclarations(table: CoverageTable, schemas: readonly z.ZodType[]): string[] {
  const fields = new Set(modelFields(schemas));
  return Object.keys(table.fields)
    .filter((path) => !fields.has(path))
    .map((path) => `${table.id}: \`${path}\` is declared but the wire model has no such field (stale declaration)`);
}

// ---- reading ------------------------------------------------------------------------------------------------------

function describeLosses(losses: readonly Loss[]): string {
  return losses.length === 0
    ? 'none'
    : losses.map((loss) => `${loss.field} [${loss.severity}] ${loss.message}`).join(' | ');
}

function blocking(outcome: Outcome): string {
  return describeLosses(outcome.losses.filter((loss) => loss.severity === 'blocking'));
}

function resolve(value: Value, current: unknown, root: unknown): unknown {
  return typeof value === 'function' ? (value as (current: unknown, root: unknown) => unknown)(current, root) : value;
}

/**
 * A loss's identity for "is it new": its field with the element marks normalised ("shifts[229]", "[0]", ".0" →
 * "[]") and its message, so a loss that only moved to another element or id (a shift's key changed, so the
 * loss about its name is filed under the new key) is the same loss.
 */
function lossKey(loss: Loss): string {
  const field = loss.field.replace(/\[[^\]]*\]/g, '[]').replace(/\.\d+(?=\.|\[|$)/g, '[]');
  return `${field}\u0000${loss.message}`;
}

/** Losses of `after` that `names` picks and `before` does not have (as many times). */
function newLossesNaming(before: Outcome, after: Outcome, names: (loss: Loss) => boolean): Loss[] {
  const seen = new Map<string, number>();
  for (const loss of before.losses) seen.set(lossKey(loss), (seen.get(lossKey(loss)) ?? 0) + 1);
  const fresh: Loss[] = [];
  for (const loss of after.losses) {
    const count = seen.get(lossKey(loss)) ?? 0;
    if (count > 0) seen.set(lossKey(loss), count - 1);
    else if (names(loss)) fresh.push(loss);
  }
  return fresh;
}

/** The override's base, else the first variant that holds the field (after the override's setup). */
function chooseVariant(
  bases: Readonly<Record<string, unknown>>,
  path: string,
  override: { base?: string; index?: readonly number[]; setup?: Patch } | undefined,
): string | null {
  if (override?.base !== undefined) return override.base;
  const names = Object.keys(bases);
  return (
    names.find((name) => {
      const base = clone(bases[name]);
      applyPatch(base, override?.setup);
      return getAt(base, path, override?.index) !== undefined;
    }) ?? null
  );
}

export interface ReadCheckResult {
  readonly problems: string[];
  /** Canonical paths the outputs of the bases hold (for the stale-canonical check). */
  readonly canonicalPaths: Set<string>;
}

export function checkReadBehaviour(harness: ReadHarness): ReadCheckResult {
  const { table } = harness;
  const problems: string[] = [];
  const canonicalPaths = new Set<string>();
  for (const [variant, base] of Object.entries(harness.bases)) {
    const outcome = safeRun(harness, clone(base), variant);
    if (!outcome.ok) problems.push(`${table.id}: base input "${variant}" is refused: ${blocking(outcome)}`);
    else for (const path of jsonLeafPaths(outcome.value)) canonicalPaths.add(path);
  }
  for (const [path, fate] of Object.entries(table.fields)) {
    if (fate.exempt !== undefined) continue;
    const problem = checkReadField(harness, path, fate);
    if (problem !== null) problems.push(`${table.id} \`${path}\` (${fateText(fate)}): ${problem}`);
  }
  for (const [path, fate] of Object.entries(table.fields)) {
    if (fate.fate !== 'translated' && fate.fate !== 'approximated') continue;
    for (const canonical of fate.canonical) {
      if (![...canonicalPaths].some((known) => related(known, canonical))) {
        problems.push(
          `${table.id} \`${path}\`: declared canonical field \`${canonical}\` is not in the mapper's output (stale canonical name?)`,
        );
      }
    }
  }
  return { problems, canonicalPaths };
}

function fateText(fate: FieldFate): string {
  switch (fate.fate) {
    case 'translated':
      return `declared translated ↔ ${fate.canonical.join(', ')}`;
    case 'approximated':
      return `declared approximated ↔ ${fate.canonical.join(', ')}`;
    case 'dropped':
      return fate.loss === null
        ? 'declared dropped without a loss'
        : `declared dropped, loss ${fate.lossField ?? 'naming it'}`;
    case 'not_applicable':
      return 'declared not_applicable';
  }
}

function checkReadField(harness: ReadHarness, path: string, fate: FieldFate): string | null {
  const override = harness.overrides?.[path];
  const variant = chooseVariant(harness.bases, path, override);
  if (variant === null || !(variant in harness.bases)) {
    return `no base input holds it: add it to a base in the spec or give an override (base/setup/value)`;
  }
  const context = clone(harness.bases[variant]);
  applyPatch(context, override?.setup);
  const index = override?.index ?? [];
  const current = getAt(context, path, index);
  const withValue = (value: unknown): Outcome => {
    const input = clone(context);
    setAt(input, path, value, index);
    return safeRun(harness, input, variant);
  };
  const before = safeRun(harness, clone(context), variant);

  if (fate.fate === 'translated') {
    const change =
      override && 'value' in override ? { value: resolve(override.value, current, context) } : perturb(current);
    if (change === null) return `no generic change for ${show(current)} (base "${variant}"): add an override value`;
    if (!before.ok) return `the base "${variant}" (with the setup) is refused: ${blocking(before)}`;
    const after = withValue(change.value);
    if (!after.ok) {
      return `changing it from ${show(current)} to ${show(change.value)} makes the input refused (${blocking(after)}): add an override with a valid value`;
    }
    const diffs = [...diffPaths(before.value, after.value)];
    if (diffs.length === 0) {
      return `changing it from ${show(current)} to ${show(change.value)} (base "${variant}") leaves the mapper's output unchanged`;
    }
    if (!diffs.some((diff) => fate.canonical.some((canonical) => related(diff, canonical)))) {
      return `changing it from ${show(current)} to ${show(change.value)} changes the output at ${diffs.join(', ')}, not at the declared ${fate.canonical.join(', ')}`;
    }
    return null;
  }

  const loud = (): { value: unknown } | null => {
    if (override && 'value' in override) return { value: resolve(override.value, current, context) };
    return isQuiet(current) ? perturb(current) : { value: current };
  };

  if ((fate.fate === 'dropped' && fate.loss !== null) || fate.fate === 'approximated') {
    const set = loud();
    if (set === null) return `no generic non-default value for ${show(current)}: add an override value`;
    const after = withValue(set.value);
    if (fate.lossField !== undefined) {
      if (!after.losses.some((loss) => lossNames(loss, fate.lossField!))) {
        return `with it set to ${show(set.value)} (base "${variant}") the mapper reports no loss naming \`${fate.lossField}\`; losses: ${describeLosses(after.losses)}`;
      }
      return null;
    }
    const quiet = withValue(override && 'quiet' in override ? override.quiet : DELETE);
    const fresh = newLossesNaming(quiet, after, (loss) => lossNames(loss, lastSegment(path)));
    if (fresh.length === 0) {
      const already = after.losses.filter((loss) => lossNames(loss, lastSegment(path)));
      return already.length > 0
        ? `the loss naming it is reported even when the field is absent (${describeLosses(already)}): declare the lossField it shares, or a quiet override`
        : `with it set to ${show(set.value)} (base "${variant}") the mapper reports no loss naming \`${lastSegment(path)}\`; losses: ${describeLosses(after.losses)}`;
    }
    return null;
  }

  // dropped without a loss, or not_applicable: the mapper must ignore it. A loss the change brings or takes away
  // concerns it when it is filed at the field or at a parent of it (a section, an umbrella object).
  const change =
    override && 'value' in override ? { value: resolve(override.value, current, context) } : perturb(current);
  if (change === null) return `no generic change for ${show(current)} (base "${variant}"): add an override value`;
  const after = withValue(change.value);
  const concerns = (loss: Loss): boolean => lossConcerns(loss, path);
  const reported = [
    ...newLossesNaming(before, after, concerns),
    ...newLossesNaming(after, before, concerns),
    ...before.losses.filter((loss) => lossAt(loss, path)),
  ];
  if (reported.length > 0) {
    return `the mapper reports a loss for it (changing it from ${show(current)} to ${show(change.value)}: ${describeLosses(reported)}): declare it dropped/approximated with that loss`;
  }
  const diffs = [...diffPaths(before.value, after.value)];
  if (before.ok !== after.ok || diffs.length > 0) {
    return `changing it from ${show(current)} to ${show(change.value)} changes the output (${before.ok !== after.ok ? `refused: ${blocking(after.ok ? before : after)}` : diffs.join(', ')}): declare it translated/approximated`;
  }
  return null;
}

// ---- writing ------------------------------------------------------------------------------------------------------

export function checkWriteBehaviour(harness: WriteHarness): string[] {
  const { table } = harness;
  const problems: string[] = [];
  const outputs = new Map<string, Outcome>();
  for (const [variant, base] of Object.entries(harness.bases)) {
    const outcome = safeRun(harness, clone(base), variant);
    outputs.set(variant, outcome);
    if (!outcome.ok) problems.push(`${table.id}: canonical base "${variant}" is refused: ${blocking(outcome)}`);
  }

  for (const [path, fate] of Object.entries(table.fields)) {
    if (fate.exempt !== undefined || (fate.fate !== 'translated' && fate.fate !== 'approximated')) continue;
    for (const canonical of fate.canonical) {
      const problem = checkWrittenFrom(harness, outputs, path, canonical, fate);
      if (problem !== null) problems.push(`${table.id} \`${path}\` (${fateText(fate)}): ${problem}`);
    }
  }
  problems.push(...notApplicableWrites(harness, outputs));
  for (const [canonical, fate] of Object.entries(table.canonicalNotWritten ?? {})) {
    if (fate.exempt !== undefined) continue;
    const problem = checkNotWritten(harness, canonical, fate);
    if (problem !== null)
      problems.push(`${table.id} canonical \`${canonical}\` (${fateText(fate)}, not written): ${problem}`);
  }

  return problems;
}

/**
 * The changes the not_applicable checks make to canonical `path` (currently `current`): an enum field (declared
 * in harness.enums) to each of its other valid values, anything else generically (perturb); none when there is
 * no generic change.
 */
function canonicalChanges(harness: WriteHarness, path: string, current: unknown): unknown[] {
  const values = harness.enums?.[path.replace(/\[\d*\]/g, '[]')];
  if (values !== undefined) return values.filter((value) => JSON.stringify(value) !== JSON.stringify(current));
  const change = perturb(current);
  return change === null ? [] : [change.value];
}

/**
 * A field declared not_applicable on the write side is written from nothing canonical: changing any canonical
 * field of a base (generically, an enum to each of its other values, where the writer accepts the change)
 * leaves its values as they were. Below a list (a "[]" on the path, or a payload that is a list), a change in
 * how many values there are (an entry appearing or going) is structure, not a source, and is not counted; a
 * field of the record itself that is written for some values and left out for others is written from them.
 */
function notApplicableWrites(harness: WriteHarness, outputs: ReadonlyMap<string, Outcome>): string[] {
  const notApplicable = Object.entries(harness.table.fields)
    .filter(([, fate]) => fate.fate === 'not_applicable' && fate.exempt === undefined)
    .map(([path]) => path);
  const sources = new Map<string, Set<string>>();
  for (const [variant, base] of Object.entries(harness.bases)) {
    const before = outputs.get(variant);
    if (!before?.ok) continue;
    for (const leaf of jsonLeafPaths(base)) {
      for (const value of canonicalChanges(harness, leaf, getAt(base, leaf))) {
        const input = clone(base);
        setAt(input, leaf, value);
        const after = safeRun(harness, input, variant);
        if (!after.ok) continue;
        for (const path of notApplicable) {
          // As multisets: a reordering of entries (shifts sorted by content) is not a value change.
          const was = valuesAt(before.value, path)
            .map((written) => JSON.stringify(written))
            .sort();
          const now = valuesAt(after.value, path)
            .map((written) => JSON.stringify(written))
            .sort();
          const structure = (path.includes('[]') || Array.isArray(before.value)) && was.length !== now.length;
          if (!structure && JSON.stringify(was) !== JSON.stringify(now)) {
            sources.set(path, (sources.get(path) ?? new Set()).add(leaf));
          }
        }
      }
    }
  }
  return [...sources].map(
    ([path, leaves]) =>
      `${harness.table.id} \`${path}\` (declared not_applicable): its written value changes with canonical ${[...leaves].map((leaf) => `\`${leaf}\``).join(', ')}: declare it translated from that`,
  );
}

/**
 * Every canonical field a writer is given (the leaves of its canonical bases) is written to some field of its
 * tables or declared in canonicalNotWritten; every declared canonical field exists (no stale name).
 */
export function canonicalCoverage(tables: readonly CoverageTable[], bases: readonly unknown[]): string[] {
  const problems: string[] = [];
  const ids = tables.map((table) => table.id).join(' + ');
  const canonicalPaths = new Set<string>();
  for (const base of bases) for (const path of jsonLeafPaths(base)) canonicalPaths.add(path);
  const declared = tables.flatMap((table) => [
    ...Object.values(table.fields).flatMap((fate) =>
      fate.fate === 'translated' || fate.fate === 'approximated' ? fate.canonical : [],
    ),
    ...Object.keys(table.canonicalNotWritten ?? {}),
  ]);
  for (const path of [...canonicalPaths].sort()) {
    if (!declared.some((candidate) => related(candidate, path))) {
      problems.push(
        `${ids}: canonical field \`${path}\` is written to no field and not declared in canonicalNotWritten`,
      );
    }
  }
  for (const candidate of [...new Set(declared)].sort()) {
    if (![...canonicalPaths].some((path) => related(candidate, path))) {
      problems.push(
        `${ids}: canonical field \`${candidate}\` is declared but the canonical model has no such field (stale)`,
      );
    }
  }
  return problems;
}

function checkWrittenFrom(
  harness: WriteHarness,
  outputs: ReadonlyMap<string, Outcome>,
  path: string,
  canonical: string,
  fate: FieldFate,
): string | null {
  const override = harness.overrides?.[path];
  const index = override?.index ?? [];
  const variant =
    override?.base ??
    Object.keys(harness.bases).find(
      (name) =>
        getAt(harness.bases[name], canonical, index) !== undefined &&
        valuesAt(outputs.get(name)?.value, path).length > 0,
    ) ??
    Object.keys(harness.bases).find((name) => getAt(harness.bases[name], canonical, index) !== undefined);
  if (variant === undefined || !(variant in harness.bases)) {
    return `no canonical base holds \`${canonical}\`: add an override (base/setup)`;
  }
  const context = clone(harness.bases[variant]);
  applyPatch(context, override?.setup);
  applyPatch(context, override?.setups?.[canonical]);
  const current = getAt(context, canonical, index);
  const given = override?.values;
  const change =
    given && canonical in given ? { value: resolve(given[canonical], current, context) } : perturb(current);
  if (change === null) return `no generic change for \`${canonical}\` = ${show(current)}: add an override value`;
  const before = safeRun(harness, clone(context), variant);
  const input = clone(context);
  setAt(input, canonical, change.value, index);
  const after = safeRun(harness, input, variant);
  if (!before.ok) return `the canonical base "${variant}" (with the setup) is refused: ${blocking(before)}`;
  if (!after.ok) {
    return `changing \`${canonical}\` from ${show(current)} to ${show(change.value)} is refused (${blocking(after)}): add an override with a valid value`;
  }
  const was = valuesAt(before.value, path);
  const now = valuesAt(after.value, path);
  if (JSON.stringify(was) === JSON.stringify(now)) {
    return `changing \`${canonical}\` from ${show(current)} to ${show(change.value)} (base "${variant}") leaves it at ${show(was)}`;
  }
  if (fate.fate === 'approximated') {
    const target = fate.lossField ?? lastSegment(canonical);
    if (![...before.losses, ...after.losses].some((loss) => lossNames(loss, target))) {
      return `no loss naming \`${target}\` is reported (losses: ${describeLosses(after.losses)})`;
    }
  }
  return null;
}

function checkNotWritten(harness: WriteHarness, canonical: string, fate: FieldFate): string | null {
  const override = harness.overrides?.[canonical];
  const index = override?.index ?? [];
  const variant = chooseVariant(harness.bases, canonical, override);
  if (variant === null || !(variant in harness.bases)) return `no canonical base holds it: add an override`;
  const context = clone(harness.bases[variant]);
  applyPatch(context, override?.setup);
  const current = getAt(context, canonical, index);
  const given = override?.values;
  const loudFate = (fate.fate === 'dropped' && fate.loss !== null) || fate.fate === 'approximated';
  const before = safeRun(harness, clone(context), variant);
  const withValue = (value: unknown): Outcome => {
    const input = clone(context);
    setAt(input, canonical, value, index);
    return safeRun(harness, input, variant);
  };
  if (loudFate) {
    const change =
      given && canonical in given
        ? { value: resolve(given[canonical], current, context) }
        : !isQuiet(current)
          ? { value: current }
          : perturb(current);
    if (change === null) return `no generic value for ${show(current)}: add an override value`;
    const after = withValue(change.value);
    const target =
      (fate.fate === 'dropped' || fate.fate === 'approximated' ? fate.lossField : undefined) ?? lastSegment(canonical);
    if (!after.losses.some((loss) => lossNames(loss, target))) {
      return `with it set to ${show(change.value)} (base "${variant}") no loss naming \`${target}\` is reported; losses: ${describeLosses(after.losses)}`;
    }
    return null;
  }
  // Not written, no loss: every change (an enum: to each of its other values) leaves the payload and the losses
  // concerning it alone.
  const changes =
    given && canonical in given
      ? [resolve(given[canonical], current, context)]
      : canonicalChanges(harness, canonical, current);
  if (changes.length === 0) return `no generic value for ${show(current)}: add an override value`;
  for (const value of changes) {
    const after = withValue(value);
    const fresh = newLossesNaming(before, after, (loss) => lossConcerns(loss, canonical));
    if (fresh.length > 0) {
      return `changing it from ${show(current)} to ${show(value)} now reports a loss (${describeLosses(fresh)}): declare it dropped with that loss`;
    }
    const diffs = [...diffPaths(before.value, after.value)];
    if (before.ok !== after.ok || diffs.length > 0) {
      return `changing it from ${show(current)} to ${show(value)} changes the written payload (${diffs.join(', ') || 'refused'}): some field is written from it`;
    }
  }
  return null;
}
