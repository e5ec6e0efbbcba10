/*
 * Field coverage (issue #17): every field of a vendor wire model declares what the gateway does with it, next
 * to the mapper that does it. Plain typed data, pure: docs/field-coverage.md is rendered from these tables
 * (scripts/field-coverage.ts), and libs/translation/test/field-coverage.spec.ts holds them to the wire models
 * (every field declared, no stale declaration) and to the mappers' behaviour (a field declared translated
 * really changes the output, a dropped one really reports a loss, …).
 *
 * Paths: dotted, array elements as "[]": "checkindate[].checkintime[].work_sec". Canonical paths likewise
 * ("shifts[].sections[].onSec"); "." means the record as a whole (whether there is one).
 */

export type Fate = 'translated' | 'approximated' | 'dropped' | 'not_applicable';

/** Where a field was checked by hand because the behaviour harness cannot check it: counted and listed. */
interface Exemptable {
  /** Why the behaviour check cannot run for this field, and where it is checked instead. */
  readonly exempt?: string;
}

export interface TranslatedFate extends Exemptable {
  readonly fate: 'translated';
  /** Reading: the canonical field(s) it becomes. Writing: the canonical field(s) it is written from. */
  readonly canonical: readonly string[];
  readonly note?: string;
}

export interface ApproximatedFate extends Exemptable {
  readonly fate: 'approximated';
  readonly canonical: readonly string[];
  /** Summary of the loss the mapper reports. */
  readonly loss: string;
  /** The loss's `field` when it is not the field itself (an umbrella loss such as "ot_info_v2"). */
  readonly lossField?: string;
}

export interface DroppedFate extends Exemptable {
  readonly fate: 'dropped';
  /** Summary of the loss the mapper reports; null: it reports none (a silent drop, listed as such). */
  readonly loss: string | null;
  /** The loss's `field` when it is not the field itself (an umbrella loss such as "anti_cheat_punch_config"). */
  readonly lossField?: string;
  /** For a silent drop: what is lost and why nobody is told. */
  readonly note?: string;
}

export interface NotApplicableFate extends Exemptable {
  readonly fate: 'not_applicable';
  /** The doc's reason: read-only id, write-only request option, display-only setting, constant, … */
  readonly reason: string;
}

export type FieldFate = TranslatedFate | ApproximatedFate | DroppedFate | NotApplicableFate;

export type Direction = 'read' | 'write';

/** One wire model in one direction: its fields' fates. */
export interface CoverageTable {
  /** Stable id, e.g. "feishu-group-read". */
  readonly id: string;
  /** The doc section it belongs to, e.g. "Feishu group". */
  readonly section: string;
  readonly direction: Direction;
  /** The wire model, e.g. "feishuGroupSchema (GET /groups/:group_id)". */
  readonly wireModel: string;
  /** The mapper, e.g. "feishuToCanonical (libs/translation/src/feishu/feishu-to-canonical.mapper.ts)". */
  readonly mapper: string;
  /** The canonical side, e.g. "CanonicalRule". */
  readonly canonicalModel: string;
  /** Vendor field path → fate. */
  readonly fields: Readonly<Record<string, FieldFate>>;
  /**
   * Writing only: canonical fields that no vendor field is written from, with their fate (a loss, or why
   * they need no vendor field). Together with `fields` every canonical field the writer is given is covered.
   */
  readonly canonicalNotWritten?: Readonly<Record<string, FieldFate>>;
}

// ---- one-line constructors ----------------------------------------------------------------------------------

type Options<T> = Omit<T, 'fate' | 'canonical' | 'loss' | 'reason'>;

function list(canonical: string | readonly string[]): readonly string[] {
  return typeof canonical === 'string' ? [canonical] : canonical;
}

/** Carried exactly: reading, to `canonical`; writing, from `canonical`. */
export function translated(canonical: string | readonly string[], options: Options<TranslatedFate> = {}): FieldFate {
  return { fate: 'translated', canonical: list(canonical), ...options };
}

/** Carried, but only approximately for some values, with a loss saying so. */
export function approximated(
  canonical: string | readonly string[],
  loss: string,
  options: Options<ApproximatedFate> = {},
): FieldFate {
  return { fate: 'approximated', canonical: list(canonical), loss, ...options };
}

/** Not carried; the mapper reports a loss (summarised here) when the field is set. */
export function dropped(loss: string, options: Options<DroppedFate> = {}): FieldFate {
  return { fate: 'dropped', loss, ...options };
}

/** Not carried and NO loss is reported: what the code does today, listed so it can be fixed or justified. */
export function droppedSilently(
  note: string,
  options: Omit<Options<DroppedFate>, 'note' | 'lossField'> = {},
): FieldFate {
  return { fate: 'dropped', loss: null, note, ...options };
}

/** Nothing to carry: a read-only id, a write-only request option, a display-only setting, a constant … */
export function notApplicable(reason: string, options: Options<NotApplicableFate> = {}): FieldFate {
  return { fate: 'not_applicable', reason, ...options };
}

/** `fate` for every path in `paths` (for families of fields that share one fate; an explicit key after it wins). */
export function sameFate(paths: readonly string[], fate: FieldFate): Record<string, FieldFate> {
  const out: Record<string, FieldFate> = {};
  for (const path of paths) out[path] = fate;
  return out;
}

/** `fates` with every key prefixed: the same block of fields under several parents. */
export function under(prefix: string, fates: Readonly<Record<string, FieldFate>>): Record<string, FieldFate> {
  const out: Record<string, FieldFate> = {};
  for (const [path, fate] of Object.entries(fates)) out[`${prefix}${path}`] = fate;
  return out;
}
