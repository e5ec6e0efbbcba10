import { type ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';

/**
 * Deepest nesting a request body or query may have. The API's bodies are two levels deep (an object with an
 * array of strings; an array of row objects): 32 leaves room for any future shape and stops the body that is
 * nothing but brackets before the recursive class-transformer runs out of stack on it (a 500).
 */
export const MAX_INPUT_DEPTH = 32;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` nests objects or arrays deeper than `limit` levels; iterative, so any depth is safe. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * The global ValidationPipe, closing two gaps it leaves open with `whitelist` + `forbidNonWhitelisted`:
 *
 * - some keys of the input never reach the whitelist check: the base pipe deletes `__proto__`, `prototype`
 *   and `constructor`, and class-transformer skips any key naming a method the DTO inherits
 *   (`hasOwnProperty`, `toString`, …). So `{"direction":"two_way","hasOwnProperty":1}` or
 *   `?__proto__=1` was accepted as if the field were not there. Every key of the input that did not reach the
 *   validated instance is now refused like any other unknown field.
 * - a body nested thousands of levels deep made class-transformer overflow the stack: a 500 instead of a
 *   400. Bodies and queries deeper than MAX_INPUT_DEPTH are refused before they are transformed.
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const where = metadata.type === 'query' ? 'Query string' : 'Request body';
    if ((metadata.type === 'body' || metadata.type === 'query') && nestedDeeperThan(value, MAX_INPUT_DEPTH)) {
      throw new BadRequestException(`${where} is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    }
    // Read before the base pipe runs: it deletes `__proto__`, `prototype` and `constructor` from the input.
    const keys = isRecord(value) ? Object.keys(value) : [];
    const result: unknown = await super.transform(value, metadata);
    if (keys.length > 0 && typeof result === 'object' && result !== null && result !== value) {
      const dropped = keys.filter((key) => !Object.hasOwn(result, key));
      if (dropped.length > 0) {
        throw new BadRequestException({ message: dropped.map((key) => `property ${key} should not exist`) });
      }
    }
    return result;
  }
}
