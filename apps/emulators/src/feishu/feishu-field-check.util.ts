import { type FeishuFieldViolation, paramInvalid } from './feishu-emulator.errors.js';

// Type and range checks for request bodies, collecting every violation with its path so the 1220001 answer
// names the fields (Feishu's error.field_violations, REFERENCE A1).

export type FieldKind = 'string' | 'bool' | 'int' | 'number' | 'string[]' | 'object' | 'object[]';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function matchesKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return isObject(value);
    case 'object[]':
      return Array.isArray(value) && value.every(isObject);
  }
}

const CLOCK_TIME = /^(\d{1,2}):([0-5]\d)$/;

/** Minutes after midnight of "H:mm"/"HH:mm"; next-day values up to 47:59 ("26:00" = 02:00 next day). */
export function clockMinutes(value: unknown, allowNextDay = true): number | null {
  if (typeof value !== 'string') return null;
  const match = CLOCK_TIME.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  const max = allowNextDay ? 47 * 60 + 59 : 23 * 60 + 59;
  return minutes <= max ? minutes : null;
}

export class FieldCheck {
  readonly violations: FeishuFieldViolation[] = [];

  fail(field: string, description: string): void {
    this.violations.push({ field, description });
  }

  /** Checks `object[key]` against `kind`; returns whether it is present and well-typed. */
  field(object: JsonObject, key: string, path: string, kind: FieldKind, required = false): boolean {
    const value = object[key];
    if (value === undefined || value === null) {
      if (required) this.fail(`${path}.${key}`, `is required (${kind})`);
      return false;
    }
    if (!matchesKind(value, kind)) {
      this.fail(`${path}.${key}`, `must be ${kind}, got ${JSON.stringify(value)}`);
      return false;
    }
    return true;
  }

  fields(
    object: JsonObject,
    path: string,
    kinds: Readonly<Record<string, FieldKind>>,
    required: readonly string[] = [],
  ): void {
    for (const [key, kind] of Object.entries(kinds)) this.field(object, key, path, kind, required.includes(key));
  }

  intRange(object: JsonObject, key: string, path: string, min: number, max: number): void {
    const value = object[key];
    if (typeof value === 'number' && Number.isInteger(value) && (value < min || value > max)) {
      this.fail(`${path}.${key}`, `must be within ${min}-${max}, got ${value}`);
    }
  }

  oneOf(object: JsonObject, key: string, path: string, allowed: readonly number[]): void {
    const value = object[key];
    if (typeof value === 'number' && !allowed.includes(value)) {
      this.fail(`${path}.${key}`, `must be one of ${allowed.join('/')}, got ${value}`);
    }
  }

  clock(object: JsonObject, key: string, path: string, allowNextDay = true): number | null {
    const value = object[key];
    if (value === undefined) return null;
    const minutes = clockMinutes(value, allowNextDay);
    if (minutes === null) {
      this.fail(
        `${path}.${key}`,
        `must be a time "H:mm"${allowNextDay ? ' (next day as "26:00")' : ' within the day'}, got ${JSON.stringify(value)}`,
      );
    }
    return minutes;
  }

  /** Throws 1220001 naming the first violation (and listing all in field_violations) if there are any. */
  throwIfAny(): void {
    const first = this.violations[0];
    if (first) throw paramInvalid(`${first.field} ${first.description}`, this.violations);
  }
}
