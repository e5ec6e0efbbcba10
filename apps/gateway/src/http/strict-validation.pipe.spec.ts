import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { MAX_INPUT_DEPTH, nestedDeeperThan, StrictValidationPipe } from './strict-validation.pipe.js';

class PatchDto {
  @IsIn(['a', 'b'])
  direction!: string;

  @IsOptional()
  @IsIn(['x'])
  note?: string;
}

const pipe = new StrictValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const body: ArgumentMetadata = { type: 'body', metatype: PatchDto };
const query: ArgumentMetadata = { type: 'query', metatype: PatchDto };

async function refusal(value: unknown, metadata = body): Promise<string[]> {
  const error = await pipe.transform(value, metadata).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(BadRequestException);
  const message = ((error as BadRequestException).getResponse() as { message: string | string[] }).message;
  return Array.isArray(message) ? message : [message];
}

/** What JSON.parse or the query parser would hand over: `key` as an own property, even `__proto__`. */
function withOwn(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...base };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

describe('StrictValidationPipe', () => {
  it('passes a valid body through as the DTO instance', async () => {
    const result = await pipe.transform({ direction: 'a' }, body);
    expect(result).toBeInstanceOf(PatchDto);
    expect(result).toEqual(Object.assign(new PatchDto(), { direction: 'a' }));
  });

  it('still refuses ordinary unknown fields, as the ValidationPipe does', async () => {
    expect(await refusal({ direction: 'a', other: 1 })).toEqual(['property other should not exist']);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf'])(
    'refuses %s, which the base pipe and class-transformer drop without a word',
    async (key) => {
      expect(await refusal(withOwn({ direction: 'a' }, key, 1))).toEqual([`property ${key} should not exist`]);
      expect(await refusal(withOwn({ direction: 'a' }, key, 1), query)).toEqual([`property ${key} should not exist`]);
    },
  );

  it('refuses bodies nested deeper than the limit before transforming them (no stack overflow, no 500)', async () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(await refusal(deep)).toEqual([`Request body is nested more than ${MAX_INPUT_DEPTH} levels deep`]);
    expect(await refusal({ direction: 'a', note: deep })).toEqual([
      `Request body is nested more than ${MAX_INPUT_DEPTH} levels deep`,
    ]);
  });

  it('leaves values it does not validate (no DTO) untouched', async () => {
    const rows = [{ a: 1 }];
    expect(await pipe.transform(rows, { type: 'body', metatype: Array })).toBe(rows);
    expect(await pipe.transform('abc', { type: 'param', metatype: String })).toBe('abc');
  });
});

describe('nestedDeeperThan', () => {
  it('counts levels of objects and arrays, not of scalars', () => {
    expect(nestedDeeperThan('text', 1)).toBe(false);
    expect(nestedDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestedDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(nestedDeeperThan({ a: [1] }, 2)).toBe(false);
    expect(nestedDeeperThan([[[[]]]], 3)).toBe(true);
    expect(nestedDeeperThan([[[[]]]], 4)).toBe(false);
  });
});
