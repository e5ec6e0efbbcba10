import { QueryFailedError } from 'typeorm';

/** A write collided with a natural key held by another row (e.g. a WeCom user already mapped elsewhere). */
export class MappingConflictError extends Error {
  constructor(
    readonly constraint: string,
    readonly detail: string,
  ) {
    super(`${detail || 'duplicate key'} (${constraint})`);
    this.name = 'MappingConflictError';
  }
}

/** A compare-and-set on a cursor lost: someone else advanced it first. */
export class CursorMovedError extends Error {
  constructor(key: string, expectedVersion: number | null) {
    super(`Cursor ${key} is no longer at version ${expectedVersion ?? '(none)'}; another run advanced it`);
    this.name = 'CursorMovedError';
  }
}

interface PostgresDriverError {
  code?: string;
  constraint?: string;
  detail?: string;
}

const UNIQUE_VIOLATION = '23505';

/** Turns the driver's unique-violation into a typed error; everything else passes through unchanged. */
export function translateStoreError(error: unknown): unknown {
  if (error instanceof QueryFailedError) {
    const driverError = error.driverError as PostgresDriverError;
    if (driverError.code === UNIQUE_VIOLATION) {
      return new MappingConflictError(driverError.constraint ?? 'unique', driverError.detail ?? '');
    }
  }
  return error;
}

export async function withStoreErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateStoreError(error);
  }
}

/** One batch names the same id twice; nothing of the batch was written. */
export class DuplicateInBatchError extends Error {
  constructor(
    readonly field: string,
    readonly value: string,
    readonly indexes: readonly [number, number],
  ) {
    super(`${field} "${value}" appears twice in one batch (rows ${indexes[0]} and ${indexes[1]})`);
    this.name = 'DuplicateInBatchError';
  }
}

/** Throws DuplicateInBatchError for the first value of `field` that repeats in `values`. */
export function assertUniqueInBatch(field: string, values: readonly string[]): void {
  const firstIndex = new Map<string, number>();
  values.forEach((value, index) => {
    const earlier = firstIndex.get(value);
    if (earlier !== undefined) throw new DuplicateInBatchError(field, value, [earlier, index]);
    firstIndex.set(value, index);
  });
}

/** No identity match has this id. */
export class MatchNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`Identity match ${id} does not exist`);
    this.name = 'MatchNotFoundError';
  }
}

/**
 * A decision on an identity match that the state of the store refuses (nothing was written):
 * `status_changed`: the match is no longer in the status the decision was made on (someone decided first, or a
 * match run replaced it); `manual_mapping`: a hand-made mapping holds either id, and hand-made mappings win;
 * `mapping_taken`: the other side's id is mapped to someone else by an earlier match.
 */
export class MatchDecisionConflictError extends Error {
  constructor(
    readonly id: string,
    readonly reason: 'status_changed' | 'manual_mapping' | 'mapping_taken',
    detail: string,
  ) {
    super(`Identity match ${id}: ${detail}`);
    this.name = 'MatchDecisionConflictError';
  }
}

/** A decision that does not apply to the match whatever the store holds (rejecting an unmatched one). */
export class MatchDecisionInvalidError extends Error {
  constructor(
    readonly id: string,
    detail: string,
  ) {
    super(`Identity match ${id}: ${detail}`);
    this.name = 'MatchDecisionInvalidError';
  }
}
