import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  normaliseCheckinGroupUnits,
  splitExceptionTypes,
  wecomAddCheckinOptionRequestSchema,
  wecomAddCheckinRecordRequestSchema,
  wecomCheckinDataSchema,
  wecomCheckinDayDataSchema,
  wecomCheckinGroupReadSchema,
  wecomGetCheckinDataResponseSchema,
  wecomGetCheckinDayDataResponseSchema,
  wecomGetCheckinScheduleListResponseSchema,
  wecomGetCorpCheckinOptionResponseSchema,
  wecomUserScheduleSchema,
} from './index.js';

// Every WeCom example payload in test/fixtures/vendor-examples (copied from
// fudiwei/DotNetCore.SKIT.FlurlHttpClient.Wechat, see the README there; the same JSON as
// /work/shared/vendor-examples, re-indented) against the typed models, with the reading of each example
// written next to its test. Responses must parse with the read models — the list schemas and, since the client
// reads lists element by element, each element schema — and lose nothing: every key of the example is in the
// parsed value (read models are loose). Requests are checked against the strict write schemas, with the
// outcome the doc gives them.

const EXAMPLES = join(process.cwd(), 'test/fixtures/vendor-examples');

function example(name: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as unknown;
}

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** Paths of `input` (objects and arrays, recursively) that are missing from `output`. */
function lostPaths(input: unknown, output: unknown, path = ''): string[] {
  if (typeof input !== 'object' || input === null) return [];
  if (typeof output !== 'object' || output === null) return [path];
  const lost: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!(key in output)) lost.push(at);
    else lost.push(...lostPaths(value, (output as Record<string, unknown>)[key], at));
  }
  return lost;
}

/** Parses with the element schema, element by element, as the client does. */
function elements<S extends z.ZodType>(list: unknown, schema: S): z.output<S>[] {
  return (list as unknown[]).map((element) => schema.parse(element));
}

const CORP_OPTION = 'wecom-getcorpcheckinoption-response-SKIT.FlurlHttpClient.Wechat.json';
const ADD_OPTION = 'wecom-add_checkin_option-request-SKIT.FlurlHttpClient.Wechat.json';
const SCHEDULES = 'wecom-getcheckinschedulist-response-SKIT.FlurlHttpClient.Wechat.json';
const PUNCHES = 'wecom-getcheckindata-response-SKIT.FlurlHttpClient.Wechat.json';
const DAY_DATA = 'wecom-getcheckin_daydata-response-SKIT.FlurlHttpClient.Wechat.json';
const ADD_RECORD = 'wecom-add_checkin_record-request-SKIT.FlurlHttpClient.Wechat.json';

describe('WeCom vendor examples parse into the typed models', () => {
  it('covers every wecom-*.json example (a new example needs a reading here)', () => {
    const files = readdirSync(EXAMPLES).filter((name) => name.startsWith('wecom-'));
    expect(files.sort()).toEqual([ADD_OPTION, ADD_RECORD, DAY_DATA, PUNCHES, SCHEDULES, CORP_OPTION].sort());
  });

  // Reading: the B4 doc example of a legacy fixed rule. It spells the departments `partyid` (SKIT/silenceper;
  // the doc says party_id) and carries legacy fields in milliseconds; both are normalised.
  it('getcorpcheckinoption: legacy read shape, `partyid`, ms units normalised to seconds', () => {
    const raw = example(CORP_OPTION) as { group: unknown[] };
    const parsed = wecomGetCorpCheckinOptionResponseSchema.parse(raw);
    const [group] = parsed.group;
    expect(group).toMatchObject({ groupid: 69, grouptype: 1, groupname: '打卡规则1' });
    expect(group?.range).toEqual({ party_id: [], userid: ['icef', 'LiJingZhong'], tagid: [2] });
    expect(group?.checkindate?.[0]?.checkintime).toHaveLength(2);
    expect(group?.ot_info?.otcheckinfo?.ot_workingday_restinfo?.cal_ottime_rule?.items).toEqual([
      { ot_time: 18000, rest_time: 3600 },
    ]);
    const normalised = normaliseCheckinGroupUnits(group!);
    expect(normalised.checkindate?.[0]).toMatchObject({ limit_ahead_sec: 10_800, noneed_offwork: true });
    expect(normalised.checkindate?.[0]).not.toHaveProperty('limit_aheadtime');
    expect(normalised.schedulelist?.[0]).toMatchObject({ limit_ahead_sec: 14_400, limit_off_sec: 14_400 });
    expect(normalised.schedulelist?.[0]?.time_section?.[0]).toMatchObject({ time_id: 1, rest_begin_time: 43_200 });

    // Nothing is lost but the `partyid` spelling, which the range reader renames to party_id.
    expect(lostPaths(raw, parsed)).toEqual(['group.0.range.partyid']);
    expect(elements(raw.group, wecomCheckinGroupReadSchema)).toEqual(parsed.group);
  });

  // Reading: the same rule as the 2024 doc page would send it (B4 now shows `open_sp_checkin`), with fields
  // we do not model at every level: a read-modify-write must be able to send them back.
  it('getcorpcheckinoption: keys the model does not know are kept, at every level', () => {
    const raw = example(CORP_OPTION) as { group: Record<string, unknown>[] };
    const rule = structuredClone(raw.group[0]!);
    rule.open_sp_checkin = true;
    const day = (rule.checkindate as Record<string, unknown>[])[0]!;
    day.x_future = { a: 1 };
    (day.checkintime as Record<string, unknown>[])[0]!.x_section_flag = false;
    const schedule = (rule.schedulelist as Record<string, unknown>[])[0]!;
    (schedule.late_rule as Record<string, unknown>).x_late = 1;
    (rule.range as Record<string, unknown>).x_range = ['r'];
    (rule.ot_info as Record<string, unknown>).x_ot = 2;
    const parsed = wecomCheckinGroupReadSchema.parse(rule);
    expect(lostPaths(rule, parsed)).toEqual(['range.partyid']);
    expect(parsed).toMatchObject({ open_sp_checkin: true, range: { x_range: ['r'], party_id: [] } });
  });

  // Reading: KNOWN-BAD as a write, for two shape reasons, each reported with its path instead of being sent:
  //  - `range.partyid`: the create doc's key is `party_id` (SKIT copies silenceper's spelling);
  //  - `ot_info_v2` has only workdayconf: the field table and error 301093 "workdayconf/restdayconf/
  //    holidayconf is necessary" require all three (the doc's own example is the odd one out).
  // With both fixed the shape parses. WeCom would still refuse it for two reasons that are rules, not shape,
  // and so not the write schema's business: earliest_work_sec 35000 (and the other windows) are not whole
  // minutes (301093 "value has to be a multiple of 60"; the doc's own example has 35040), and
  // open_face_live_detect is on without use_face_detect (301093). The emulator spec
  // (apps/emulators/src/wecom/wecom-emulator-vendor-examples.spec.ts) sends it and checks each refusal.
  it('add_checkin_option request: known-bad `range.partyid` and partial ot_info_v2', () => {
    const request = example(ADD_OPTION) as {
      group: { range: Record<string, unknown>; ot_info_v2: { workdayconf: unknown } };
    };
    expect(issuesOf(wecomAddCheckinOptionRequestSchema, request)).toEqual([
      'group.range: Unrecognized key: "partyid"',
      'group.ot_info_v2.restdayconf: Invalid input: expected object, received undefined',
      'group.ot_info_v2.holidayconf: Invalid input: expected object, received undefined',
    ]);

    const { partyid, ...range } = request.group.range;
    const conf = { allow_ot: false, type: 2 };
    const corrected = {
      ...request,
      group: {
        ...request.group,
        range: { ...range, party_id: partyid },
        ot_info_v2: { ...request.group.ot_info_v2, restdayconf: conf, holidayconf: conf },
      },
    };
    const parsed = wecomAddCheckinOptionRequestSchema.parse(corrected);
    expect(parsed.group.checkindate?.[0]?.checkintime[0]).toMatchObject({ time_id: 1, earliest_work_sec: 35_000 });
    expect(parsed.group.ot_info_v2.workdayconf).toEqual({ allow_ot: true, type: 0 });
    // Write schemas stay strict at every level: an unknown key deep inside is refused too.
    const typo = structuredClone(corrected);
    (typo.group.ot_info_v2.workdayconf as Record<string, unknown>).allowot = true;
    expect(issuesOf(wecomAddCheckinOptionRequestSchema, typo)).toEqual([
      'group.ot_info_v2.workdayconf: Unrecognized key: "allowot"',
    ]);
  });

  // Reading: the B8 doc example; `scheduleList` is camelCase, sections use `id`, day 30 is a rest day.
  it('getcheckinschedulist: camelCase scheduleList, `id` sections, rest day', () => {
    const raw = example(SCHEDULES) as { schedule_list: unknown[] };
    const parsed = wecomGetCheckinScheduleListResponseSchema.parse(raw);
    const days = parsed.schedule_list[0]?.schedule.scheduleList ?? [];
    expect(days.map((d) => [d.day, d.schedule_info.schedule_id, d.schedule_info.schedule_name])).toEqual([
      [25, 229, '早班'],
      [26, 171, '晚班'],
      [30, 0, '休息'],
    ]);
    expect(days[0]?.schedule_info.time_section[0]).toMatchObject({ id: 1, work_sec: 32_400 });
    expect(days[2]?.schedule_info.time_section).toEqual([]);
    expect(lostPaths(raw, parsed)).toEqual([]);
    expect(elements(raw.schedule_list, wecomUserScheduleSchema)).toEqual(parsed.schedule_list);
  });

  // Reading: B8 has no field table; an entry is identified by userid + yearmonth, and lists that are not there
  // hold nothing.
  it('getcheckinschedulist: a sparse entry reads with empty lists', () => {
    expect(wecomUserScheduleSchema.parse({ userid: 'james', yearmonth: 202011 })).toEqual({
      userid: 'james',
      yearmonth: 202011,
      schedule: { scheduleList: [] },
    });
    expect(
      wecomUserScheduleSchema.parse({
        userid: 'james',
        yearmonth: 202011,
        schedule: { scheduleList: [{ day: 30, schedule_info: { schedule_id: 0 } }] },
      }).schedule.scheduleList,
    ).toEqual([{ day: 30, schedule_info: { schedule_id: 0, time_section: [] } }]);
    expect(issuesOf(wecomUserScheduleSchema, { userid: 'james' })).toEqual([
      'yearmonth: Invalid input: expected number, received undefined',
    ]);
  });

  // Reading: the B6 doc example; Chinese literals, lat/lng only on the outing record.
  it('getcheckindata: Chinese checkin/exception types, lat/lng × 1e6 where present', () => {
    const raw = example(PUNCHES) as { checkindata: unknown[] };
    const parsed = wecomGetCheckinDataResponseSchema.parse(raw);
    expect(parsed.checkindata.map((r) => [r.userid, r.checkin_type, r.exception_type])).toEqual([
      ['james', '上班打卡', '地点异常'],
      ['paul', '外出打卡', '时间异常'],
    ]);
    expect(parsed.checkindata[0]?.lat).toBeUndefined();
    expect(parsed.checkindata[1]).toMatchObject({ lat: 30_547_645, lng: 104_063_236, schedule_id: 3 });
    expect(splitExceptionTypes('时间异常;地点异常;新类型')).toEqual({
      known: ['时间异常', '地点异常'],
      unrecognised: ['新类型'],
    });
    expect(lostPaths(raw, parsed)).toEqual([]);
    expect(elements(raw.checkindata, wecomCheckinDataSchema)).toEqual(parsed.checkindata);
  });

  // Reading: a punch is userid + checkin_time, what kind it is and its exception text ("" when normal, B6);
  // the rest may be absent. An unknown checkin_type makes that row unreadable (naming the field), not the list:
  // the client reads rows one by one.
  it('getcheckindata: a sparse row reads; an unknown checkin_type refuses that row only', () => {
    const sparse = { userid: 'a', checkin_type: '下班打卡', exception_type: '', checkin_time: 1_492_617_610 };
    expect(wecomCheckinDataSchema.parse({ ...sparse, x_new: 1 })).toEqual({ ...sparse, x_new: 1 });
    expect(issuesOf(wecomCheckinDataSchema, { ...sparse, checkin_type: '加班打卡' })).toEqual([
      'checkin_type: Invalid option: expected one of "上班打卡"|"下班打卡"|"外出打卡"',
    ]);
  });

  // Reading: the B9 doc example, apparently captured from a Tencent test tenant; parsed for reconciliation.
  it('getcheckin_daydata: day report', () => {
    const raw = example(DAY_DATA) as { datas: unknown[] };
    const parsed = wecomGetCheckinDayDataResponseSchema.parse(raw);
    expect(parsed.datas[0]?.base_info).toMatchObject({ acctid: 'ZhangSan', record_type: 1 });
    expect(parsed.datas[0]?.summary_info?.lastest_time).toBe(38_858);
    expect(parsed.datas[0]?.exception_infos?.map((e) => e.exception)).toEqual([1, 2]);
    expect(lostPaths(raw, parsed)).toEqual([]);
    expect(elements(raw.datas, wecomCheckinDayDataSchema)).toEqual(parsed.datas);
  });

  // Reading: the B7 doc/SDK sample; a complete, valid write. (The emulator refuses it with 301021 until its
  // userid "userId" is in the directory: see the emulator spec.)
  it('add_checkin_record request: the write shape', () => {
    const parsed = wecomAddCheckinRecordRequestSchema.parse(example(ADD_RECORD));
    expect(parsed.records[0]).toMatchObject({ userid: 'userId', device_type: 1, wifimac: 'a2:8b:7f:c0:27:4b' });
  });

  it('rejects wrong types and missing identities, naming the path', () => {
    expect(
      issuesOf(wecomGetCheckinDataResponseSchema, {
        errcode: 0,
        errmsg: 'ok',
        checkindata: [{ userid: 'a', checkin_type: 'on duty', exception_type: '', checkin_time: '1492617610' }],
      }),
    ).toEqual([
      'checkindata.0.checkin_type: Invalid option: expected one of "上班打卡"|"下班打卡"|"外出打卡"',
      'checkindata.0.checkin_time: Invalid input: expected number, received string',
    ]);
    expect(
      issuesOf(wecomGetCorpCheckinOptionResponseSchema, { errcode: 0, errmsg: 'ok', group: [{ groupid: 1 }] }),
    ).toEqual([
      'group.0.grouptype: Invalid input: expected number, received undefined',
      'group.0.groupname: Invalid input: expected string, received undefined',
    ]);
  });
});
