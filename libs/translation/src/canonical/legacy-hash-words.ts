import { hash } from 'node:crypto';

/*
 * The input of the canonical-rule/v2 and v3 content hashes, kept only so that hashes stored under those formats
 * can still be compared (rule-hash.ts, legacyRuleContentHashes): a stream of 32-bit words, hashed with SHA-256
 * as little-endian bytes. A word's low 4 bits are its tag, the other 28 its payload.
 *   null → NULL; true → TRUE; false → FALSE
 *   a number → SMALL_INT with the value as payload (an integer in −2^27 … 2^27−1; -0 as 0)
 *            | INT, then the value (another integer in int32 range) | NAN | FLOAT, then its float64 bits (2 words)
 *   a string → STRING8 with the length as payload, then its units four per word (the first in the low byte),
 *              when every unit is below 256; else STRING16, then its units two per word (the first in the low
 *              half). A length of 2^28−1 or more is written as 2^28−1 and followed by a word with the length.
 *   a list → LIST, each item (undefined or a hole as null), END
 *   an object → OBJECT, then each member whose value is not undefined, in code-unit order of the names: its
 *     name, its value; then END. A name in CANONICAL_MEMBER_NAMES is KEY with its index as payload; any other
 *     name is written as a string.
 *   anything else (undefined, a function, a symbol, a bigint) → NULL.
 * rule-hash.pins.spec.ts holds it to what the encoder that wrote these hashes gave.
 */

const NULL = 1;
const TRUE = 2;
const FALSE = 3;
const SMALL_INT = 4;
const INT = 5;
const NAN = 6;
const FLOAT = 7;
const STRING8 = 8;
const STRING16 = 9;
const LIST = 10;
const OBJECT = 11;
const END = 12;
const KEY = 13;
const LONG_LENGTH = 2 ** 28 - 1;

/** The member names written as one word each: v2's list, then v3's additions (an index is part of the format). */
const CANONICAL_MEMBER_NAMES = [
  'address',
  'allowed',
  'beginSec',
  'bssid',
  'date',
  'dayStartSec',
  'daysLimit',
  'departmentIds',
  'earliestOffSec',
  'earliestOnSec',
  'earlyLeaveGraceSec',
  'endSec',
  'excludedUserIds',
  'faceLiveness',
  'faceRecognition',
  'flexibleArrival',
  'followsHolidayCalendar',
  'forEarly',
  'forLate',
  'forMissing',
  'forOther',
  'free',
  'gpsLocations',
  'idSpace',
  'key',
  'kind',
  'lateGraceSec',
  'lateOffLateOn',
  'latestOffSec',
  'latestOnSec',
  'latitude',
  'longitude',
  'maxEarlySec',
  'maxLateSec',
  'members',
  'monthlyLimit',
  'name',
  'noPunchOff',
  'noPunchOn',
  'note',
  'offLateSec',
  'offSec',
  'onLateSec',
  'onSec',
  'outOfRange',
  'overtimeEnabled',
  'photoRequired',
  'punchWindow',
  'radiusMeters',
  'remedy',
  'requiredWorkSec',
  'rest',
  'sections',
  'seriousLateSec',
  'shiftKey',
  'shifts',
  'specialOffdays',
  'specialWorkdays',
  'ssid',
  'timeZone',
  'userIds',
  'week',
  'wifiLocations',
  'workdays',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  'afterOffSec',
  'beforeOnSec',
  'forNormal',
  'holiday',
  'overtime',
  'punchReminder',
  'restDay',
  'restDayPunch',
  'workday',
];

const KEY_INDEX = new Map(CANONICAL_MEMBER_NAMES.map((name, index) => [name, index]));

/** SHA-256 (hex) of the words of `values`, one after the other. */
export function legacyWordsSha256(...values: readonly unknown[]): string {
  const words: number[] = [];
  for (const value of values) writeValue(words, value);
  const bytes = Buffer.alloc(words.length * 4);
  words.forEach((word, index) => bytes.writeUInt32LE(word >>> 0, index * 4));
  return hash('sha256', bytes, 'hex');
}

function tagged(tag: number, payload: number): number {
  return (payload << 4) | tag;
}

function writeValue(words: number[], value: unknown): void {
  if (value === null) words.push(NULL);
  else if (value === true) words.push(TRUE);
  else if (value === false) words.push(FALSE);
  else if (typeof value === 'number') writeNumber(words, value);
  else if (typeof value === 'string') writeString(words, value);
  else if (Array.isArray(value)) {
    words.push(LIST);
    for (let index = 0; index < value.length; index += 1) writeValue(words, value[index]);
    words.push(END);
  } else if (typeof value === 'object') {
    const record = value as Readonly<Record<string, unknown>>;
    words.push(OBJECT);
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      const index = KEY_INDEX.get(key);
      if (index === undefined) writeString(words, key);
      else words.push(tagged(KEY, index));
      writeValue(words, record[key]);
    }
    words.push(END);
  } else words.push(NULL);
}

function writeNumber(words: number[], value: number): void {
  if ((value | 0) === value) {
    if (value >= -(2 ** 27) && value < 2 ** 27) words.push(tagged(SMALL_INT, value));
    else words.push(INT, value);
  } else if (Number.isNaN(value)) words.push(NAN);
  else {
    const bits = new DataView(new ArrayBuffer(8));
    bits.setFloat64(0, value, true);
    words.push(FLOAT, bits.getUint32(0, true), bits.getUint32(4, true));
  }
}

function writeString(words: number[], value: string): void {
  let narrow = true;
  for (let index = 0; index < value.length && narrow; index += 1) narrow = value.charCodeAt(index) < 256;
  const tag = narrow ? STRING8 : STRING16;
  if (value.length < LONG_LENGTH) words.push(tagged(tag, value.length));
  else words.push(tagged(tag, LONG_LENGTH), value.length);
  const perWord = narrow ? 4 : 2;
  const bits = 32 / perWord;
  for (let start = 0; start < value.length; start += perWord) {
    let word = 0;
    for (let index = start; index < start + perWord && index < value.length; index += 1) {
      word |= value.charCodeAt(index) << ((index - start) * bits);
    }
    words.push(word);
  }
}
