import { BadRequestException, PayloadTooLargeException, type PipeTransform } from '@nestjs/common';
import { validateSync } from 'class-validator';
import type { MappingKind } from './mapping-kinds.js';

/**
 * Rows one PUT may carry. The upsert is one statement, so a request is all or nothing; 10,000 rows keep that
 * statement and the 2 MB body limit (app.setup.ts) comfortable even with ids of the longest length, while a
 * large company's directory still goes up in a handful of requests.
 */
export const MAX_ROWS_PER_REQUEST = 10_000;

/** Problems spelled out in one 400; the rest are counted, so a wrong file does not produce a 1 MB answer. */
const MAX_LISTED_PROBLEMS = 20;

class Problems {
  private readonly listed: string[] = [];
  private count = 0;

  add(problem: string): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    this.count++;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  messages(): string[] {
    const more = this.count - this.listed.length;
    return more > 0 ? [...this.listed, `…and ${more} more problem${more === 1 ? '' : 's'}`] : this.listed;
  }
}

/**
 * Validates a bulk-mapping body: a JSON array (the global ValidationPipe does not look inside top-level
 * arrays) of at most MAX_ROWS_PER_REQUEST objects, each checked with class-validator against the kind's row
 * DTO, unknown fields refused, no id twice on either side. Every message names the row and field, as
 * `[3].wecomUserId must be a non-empty string`. Nothing reaches the store unless every row is good.
 */
export class MappingRowsPipe<Row extends object> implements PipeTransform<unknown, Row[]> {
  private readonly shape: string;

  constructor(private readonly kind: MappingKind<Row>) {
    this.shape = `{"${kind.feishuField}": "…", "${kind.wecomField}": "…"}`;
  }

  transform(body: unknown): Row[] {
    if (!Array.isArray(body)) {
      throw new BadRequestException(
        `The request body must be a JSON array of ${this.shape} objects, sent as Content-Type: application/json`,
      );
    }
    if (body.length > MAX_ROWS_PER_REQUEST) {
      throw new PayloadTooLargeException(
        `At most ${MAX_ROWS_PER_REQUEST} ${this.kind.noun} mappings per request, got ${body.length}: ` +
          'split them over several requests',
      );
    }
    const problems = new Problems();
    const rows = body.map((item: unknown, index) => this.row(item, index, problems));
    this.checkUnique(rows, problems);
    if (!problems.empty) throw new BadRequestException({ message: problems.messages() });
    return rows.filter((row): row is Row => row !== null);
  }

  private row(item: unknown, index: number, problems: Problems): Row | null {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.add(`[${index}] must be an object ${this.shape}`);
      return null;
    }
    // Unknown fields are found here rather than by class-validator's whitelist, which lets a "__proto__" key
    // through; only the two known fields are copied onto the row that is validated and stored.
    const fields = item as Record<string, unknown>;
    const known = [this.kind.feishuField, this.kind.wecomField];
    let unknownFields = 0;
    for (const key of Object.keys(fields)) {
      if (known.includes(key)) continue;
      unknownFields++;
      problems.add(`[${index}].${key} is not a known field (expected ${known.join(' and ')})`);
    }
    const row = new this.kind.rowType();
    for (const key of known) {
      Object.defineProperty(row, key, {
        value: Object.hasOwn(fields, key) ? fields[key] : undefined,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    const errors = validateSync(row, { validationError: { target: false, value: false } });
    for (const error of errors) {
      for (const message of Object.values(error.constraints ?? {})) problems.add(`[${index}].${message}`);
    }
    return errors.length === 0 && unknownFields === 0 ? row : null;
  }

  /**
   * Both columns are unique in the store, so an id twice in one batch is a mistake in the upload whichever
   * row was meant; the store would refuse it anyway, but without the API's field names.
   */
  private checkUnique(rows: readonly (Row | null)[], problems: Problems): void {
    const { noun } = this.kind;
    const sides = [
      { field: this.kind.feishuField, idOf: this.kind.feishuId, vendor: 'Feishu' },
      { field: this.kind.wecomField, idOf: this.kind.wecomId, vendor: 'WeCom' },
    ];
    for (const { field, idOf, vendor } of sides) {
      const firstRow = new Map<string, number>();
      rows.forEach((row, index) => {
        if (row === null) return;
        const id = idOf(row);
        const earlier = firstRow.get(id);
        if (earlier === undefined) {
          firstRow.set(id, index);
        } else {
          problems.add(
            `[${index}].${field} repeats [${earlier}].${field} (${JSON.stringify(id)}): ` +
              `each ${vendor} ${noun} may appear only once per request`,
          );
        }
      });
    }
  }
}
