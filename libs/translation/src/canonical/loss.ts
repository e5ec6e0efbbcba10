import type { Loss, LossSeverity } from '@app/kernel';

export type { Loss, LossSeverity };

/** Collects losses while a mapper works; messages are written for an HR reader: which field, what we did, why. */
export class LossReport {
  private readonly entries: Loss[] = [];

  add(loss: Loss): void {
    this.entries.push(loss);
  }

  info(field: string, message: string, sourceValue?: unknown, targetValue?: unknown): void {
    this.add(withValues({ field, severity: 'info', message }, sourceValue, targetValue));
  }

  approximated(field: string, message: string, sourceValue?: unknown, targetValue?: unknown): void {
    this.add(withValues({ field, severity: 'approximated', message }, sourceValue, targetValue));
  }

  dropped(field: string, message: string, sourceValue?: unknown): void {
    this.add(withValues({ field, severity: 'dropped', message }, sourceValue, undefined));
  }

  blocking(field: string, message: string, sourceValue?: unknown): void {
    this.add(withValues({ field, severity: 'blocking', message }, sourceValue, undefined));
  }

  get hasBlocking(): boolean {
    return this.entries.some((loss) => loss.severity === 'blocking');
  }

  list(): readonly Loss[] {
    return [...this.entries];
  }
}

function withValues(loss: Loss, sourceValue: unknown, targetValue: unknown): Loss {
  return {
    ...loss,
    ...(sourceValue === undefined ? {} : { sourceValue }),
    ...(targetValue === undefined ? {} : { targetValue }),
  };
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
