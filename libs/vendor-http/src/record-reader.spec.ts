import type { UnreadableRecord } from '@app/kernel';
import { describeUnreadableRecord } from '@app/kernel';
import { z } from 'zod';
import { readRecordId, readRecords } from './record-reader.js';

const rule = z.looseObject({ groupid: z.number().int(), groupname: z.string(), type: z.number().int().optional() });

function read(elements: unknown[], observer?: { onUnreadableRecord: (record: UnreadableRecord) => void }) {
  const setAside: UnreadableRecord[] = [];
  const records = readRecords(elements, rule, {
    vendor: 'wecom',
    endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption',
    kind: 'checkin rule',
    idOf: (element) => readRecordId(element, 'groupid'),
    onUnreadable: (record) => setAside.push(record),
    ...(observer ? { observer } : {}),
  });
  return { records, setAside };
}

describe('readRecords', () => {
  it('returns every readable element, in order, with unknown fields kept', () => {
    const { records, setAside } = read([
      { groupid: 1, groupname: 'a', added_later: { x: 1 } },
      { groupid: 2, groupname: 'b' },
    ]);
    expect(records).toEqual([
      { groupid: 1, groupname: 'a', added_later: { x: 1 } },
      { groupid: 2, groupname: 'b' },
    ]);
    expect(setAside).toEqual([]);
  });

  it('sets one odd element aside with its id, position and field, and keeps the others', () => {
    const observed: UnreadableRecord[] = [];
    const { records, setAside } = read(
      [
        { groupid: 1, groupname: 'a' },
        { groupid: 2, groupname: 'b', type: 'x' },
        { groupid: 3, groupname: 'c' },
      ],
      { onUnreadableRecord: (record) => observed.push(record) },
    );
    expect(records.map((record) => record.groupid)).toEqual([1, 3]);
    expect(setAside).toEqual([
      {
        vendor: 'wecom',
        endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption',
        kind: 'checkin rule',
        recordId: '2',
        index: 1,
        field: 'type',
        reason: expect.stringMatching(/^type: .*expected number/),
      },
    ]);
    expect(observed).toEqual(setAside);
    expect(describeUnreadableRecord(setAside[0]!)).toMatch(/^WeCom checkin rule 2 could not be read: type: /);
  });

  it('names a record without a readable id by its position, and never prints its values', () => {
    const { setAside } = read([
      { groupid: 2.5, groupname: 'secret-looking', type: 'secret-looking' },
      'not an object',
      null,
    ]);
    expect(setAside.map((record) => [record.recordId, record.index, record.field])).toEqual([
      [null, 0, 'groupid'],
      [null, 1, '(record)'],
      [null, 2, '(record)'],
    ]);
    expect(setAside[0]!.reason).not.toContain('secret-looking');
    expect(describeUnreadableRecord(setAside[1]!)).toBe(
      `WeCom checkin rule #2 of its answer (no readable id) could not be read: ${setAside[1]!.reason}`,
    );
  });

  it('reads on when the sink or the observer throws', () => {
    const records = readRecords([{ groupid: 'x' }, { groupid: 2, groupname: 'b' }], rule, {
      vendor: 'feishu',
      endpoint: 'e',
      kind: 'k',
      idOf: () => {
        throw new Error('id reader broke');
      },
      onUnreadable: () => {
        throw new Error('sink broke');
      },
      observer: {
        onUnreadableRecord: () => {
          throw new Error('observer broke');
        },
      },
    });
    expect(records).toEqual([{ groupid: 2, groupname: 'b' }]);
  });

  it('readRecordId joins several keys and refuses blanks and non-integers', () => {
    expect(readRecordId({ userid: 'u', checkin_time: 1700000000 }, 'userid', 'checkin_time')).toBe('u@1700000000');
    expect(readRecordId({ userid: '', checkin_time: 1 }, 'userid', 'checkin_time')).toBeNull();
    expect(readRecordId({ groupid: 1.5 }, 'groupid')).toBeNull();
    expect(readRecordId([], 'groupid')).toBeNull();
  });
});
