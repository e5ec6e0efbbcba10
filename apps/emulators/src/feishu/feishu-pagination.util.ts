import { paramInvalid } from './feishu-emulator.errors.js';

export interface Page<T> {
  readonly items: T[];
  readonly has_more: boolean;
  /** Only present while has_more is true (group/list doc page; PART D item 1). */
  readonly page_token?: string;
}

/**
 * page_size 1–50 (default 10) and an opaque page_token, as the list endpoints document (REFERENCE A4).
 * The token encodes which list it belongs to, so a token from another list is refused.
 */
export function paginate<T>(items: readonly T[], list: string, query: Record<string, unknown>): Page<T> {
  const size = pageSize(query['page_size']);
  const offset = offsetOf(query['page_token'], list);
  const slice = items.slice(offset, offset + size);
  const next = offset + size;
  if (next < items.length) {
    return { items: slice, has_more: true, page_token: Buffer.from(`${list}:${next}`).toString('base64url') };
  }
  return { items: slice, has_more: false };
}

function pageSize(value: unknown): number {
  if (value === undefined || value === '') return 10;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 50) {
    throw paramInvalid(`page_size must be an integer 1-50, got ${JSON.stringify(value)}`, [
      { field: 'page_size', description: 'must be 1-50' },
    ]);
  }
  return size;
}

function offsetOf(token: unknown, list: string): number {
  if (token === undefined || token === '') return 0;
  const decoded = typeof token === 'string' ? Buffer.from(token, 'base64url').toString() : '';
  const match = /^(.+):(\d+)$/.exec(decoded);
  if (!match || match[1] !== list) {
    throw paramInvalid('page_token is invalid', [{ field: 'page_token', description: 'is not a token of this list' }]);
  }
  return Number(match[2]);
}
