import type { UnreadableRecord } from '@app/kernel';
import { UnreadableRecords } from './unreadable-records.js';

const RULE: UnreadableRecord = {
  vendor: 'wecom',
  endpoint: 'POST /cgi-bin/checkin/getcorpcheckinoption',
  kind: 'checkin rule',
  recordId: '4242',
  index: 3,
  field: 'checkindate',
  reason: 'checkindate: Invalid input: expected array, received string',
};

describe('UnreadableRecords', () => {
  it('makes one failed item per record, naming vendor, record and field', () => {
    const records = new UnreadableRecords();
    records.sink(RULE);
    expect(records.items()).toEqual([
      {
        sourceId: '4242',
        targetId: null,
        action: 'failed',
        losses: [
          {
            field: 'checkindate',
            severity: 'blocking',
            message:
              'WeCom checkin rule 4242 could not be read: checkindate: Invalid input: expected array, received string',
          },
        ],
        error: expect.stringMatching(
          /^WeCom checkin rule 4242 could not be read: checkindate: .*\. Nothing was written for it; every other record was synced\. Correct the record in WeCom/,
        ),
      },
    ]);
  });

  it('reports a record read twice in one run once (a relist, both halves of a scheduled run)', () => {
    const records = new UnreadableRecords();
    records.sink(RULE);
    records.sink({ ...RULE, index: 7 });
    records.sink({ ...RULE, recordId: '4243' });
    records.sink({ ...RULE, vendor: 'feishu', kind: 'attendance group' });
    expect(records.items().map((entry) => entry.sourceId)).toEqual(['4242', '4243', '4242']);
    expect(records.size).toBe(3);
  });

  it('tells records without an id apart by answer and position, and names them by position', () => {
    const records = new UnreadableRecords();
    records.sink({ ...RULE, recordId: null, index: 0 });
    records.sink({ ...RULE, recordId: null, index: 1 });
    records.sink({ ...RULE, recordId: null, index: 1 });
    expect(records.items().map((entry) => entry.sourceId)).toEqual(['#1', '#2']);
  });

  it('finds a set-aside record by vendor, kind and id', () => {
    const records = new UnreadableRecords();
    records.sink(RULE);
    records.sink({ ...RULE, recordId: null, index: 9 });
    expect(records.find('wecom', 'checkin rule', '4242')).toBe(RULE);
    expect(records.find('wecom', 'punch', '4242')).toBeUndefined();
    expect(records.find('feishu', 'checkin rule', '4242')).toBeUndefined();
    expect([...records.idsOf('wecom', 'checkin rule')]).toEqual(['4242']);
  });
});
