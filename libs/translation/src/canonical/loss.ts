import type { Loss, LossSeverity } from '@app/kernel';

export type { Loss, LossSeverity };

/** Collects losses while a mapper works; messages are written for an HR reader: which field, what we did, why. */
export class LossReport {
  private readonly entries: Loss[] = [];
  private blockingSeen = false;

  add(loss: Loss): void {
    this.entries.push(loss);
    if (loss.severity === 'blocking') this.blockingSeen = true;
  }

  info(field: string, message: string, sourceValue?: unknown, targetValue?: unknown): void {
    this.add(lossOf(field, 'info', message, sourceValue, targetValue));
  }

  approximated(field: string, message: string, sourceValue?: unknown, targetValue?: unknown): void {
    this.add(lossOf(field, 'approximated', message, sourceValue, targetValue));
  }

  dropped(field: string, message: string, sourceValue?: unknown): void {
    this.add(lossOf(field, 'dropped', message, sourceValue, undefined));
  }

  blocking(field: string, message: string, sourceValue?: unknown): void {
    this.add(lossOf(field, 'blocking', message, sourceValue, undefined));
  }

  get hasBlocking(): boolean {
    return this.blockingSeen;
  }

  list(): readonly Loss[] {
    return [...this.entries];
  }
}

/** One loss, its keys always in this order; a value that is undefined is left out rather than set. */
function lossOf(
  field: string,
  severity: LossSeverity,
  message: string,
  sourceValue: unknown,
  targetValue: unknown,
): Loss {
  // Four literals rather than spreads: a mapper reports dozens of losses per rule, and spreading a fresh
  // object per optional value was a measurable share of the translation benchmark.
  if (sourceValue === undefined) {
    return targetValue === undefined ? { field, severity, message } : { field, severity, message, targetValue };
  }
  return targetValue === undefined
    ? { field, severity, message, sourceValue }
    : { field, severity, message, sourceValue, targetValue };
}

/** A translation either yields a payload (with whatever it could not carry exactly), or refuses with reasons. */
export type Translation<T> =
  | { readonly ok: true; readonly value: T; readonly losses: readonly Loss[] }
  | { readonly ok: false; readonly losses: readonly Loss[] };

export function translated<T>(value: T, report: LossReport): Translation<T> {
  return report.hasBlocking ? { ok: false, losses: report.list() } : { ok: true, value, losses: report.list() };
}

export function refused<T>(report: LossReport): Translation<T> {
  return { ok: false, losses: report.list() };
}
