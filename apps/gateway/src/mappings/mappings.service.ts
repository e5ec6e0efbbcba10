import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import {
  DuplicateInBatchError,
  MappingConflictError,
  MappingStore,
  type UnmappedId,
  type UpsertCounts,
} from '@app/mapping-store';
import type { MappingKind } from './mapping-kinds.js';

/** Conflicting rows spelled out in one 409. */
const MAX_LISTED_CONFLICTS = 20;

/**
 * How far back GET /api/v1/mappings/unmapped reads runs: a month of scheduled runs, past which an id no run has
 * met is taken to have left its group.
 */
export const UNMAPPED_LOOKBACK_DAYS = 30;
const DAY_MS = 86_400_000;

/** Bulk upsert and listing of the id mapping tables, with the store's refusals turned into 4xx answers. */
@Injectable()
export class MappingsService {
  constructor(private readonly store: MappingStore) {}

  async upsert<Row extends object>(kind: MappingKind<Row>, rows: readonly Row[]): Promise<UpsertCounts> {
    const table = kind.table(this.store);
    try {
      // One statement: the whole batch is written, or (on a conflict) none of it.
      return await table.upsertMany(rows);
    } catch (error) {
      if (error instanceof MappingConflictError) {
        throw new ConflictException({ message: await this.explain(kind, rows, error) });
      }
      // MappingRowsPipe refuses repeated ids first, with the API's field names; this is the store's own
      // guard, kept as a 400 should the two ever disagree.
      if (error instanceof DuplicateInBatchError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  list<Row extends object>(
    kind: MappingKind<Row>,
    limit: number,
    offset: number,
    search?: string,
  ): Promise<{ items: Row[]; total: number }> {
    return kind.table(this.store).list(limit, offset, search);
  }

  /** Ids recent runs could not carry for want of a mapping, still unmapped, newest first. */
  unmapped(limit: number, now: Date = new Date()): Promise<UnmappedId[]> {
    return this.store.runs.unmappedIds(new Date(now.getTime() - UNMAPPED_LOOKBACK_DAYS * DAY_MS), limit);
  }

  /**
   * The only unique key an upsert can collide with is the WeCom id (the Feishu id is the upsert's own key):
   * a WeCom id of the batch already belongs to another Feishu id. Name each such row, its id and the
   * current owner, so the caller knows what to re-map first.
   */
  private async explain<Row extends object>(
    kind: MappingKind<Row>,
    rows: readonly Row[],
    error: MappingConflictError,
  ): Promise<string[]> {
    const owners = await kind.table(this.store).toFeishu(rows.map(kind.wecomId));
    const clashes: string[] = [];
    rows.forEach((row, index) => {
      const wecomId = kind.wecomId(row);
      const owner = owners.get(wecomId);
      if (owner === undefined || owner === kind.feishuId(row)) return;
      clashes.push(
        `[${index}].${kind.wecomField} ${JSON.stringify(wecomId)} is already mapped to ` +
          `${kind.feishuField} ${JSON.stringify(owner)}`,
      );
    });
    // The row that collided may have changed hands since (a concurrent PUT): fall back to the store's words.
    if (clashes.length === 0) return [`The ${kind.noun} mappings conflict with existing ones: ${error.message}`];
    const listed = clashes.slice(0, MAX_LISTED_CONFLICTS);
    if (clashes.length > listed.length) listed.push(`…and ${clashes.length - listed.length} more conflicts`);
    listed.push(
      `a WeCom ${kind.noun} maps to one Feishu ${kind.noun} only: re-map the current owner to another WeCom id ` +
        'in an earlier request (nothing was written)',
    );
    return listed;
  }
}
