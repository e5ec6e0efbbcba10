// WeCom answers are JSON inspected loosely in assertions; typing each one would only restate the emulator.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wecomCheckinDataSchema, wecomCheckinGroupReadSchema } from '@app/wecom/model';
import type { RunningServer } from '../common/emulator-server.js';
import { SAMPLE_CREDENTIALS } from '../sample-company/people.js';
import { WecomEmulator } from './index.js';

// The WeCom example REQUESTS of test/fixtures/vendor-examples (SKIT.FlurlHttpClient.Wechat's samples, see the
// README there) sent to the emulator over HTTP: each is accepted, or refused with the errcode and reason the
// doc gives (wecom-checkin-option-rules.md, "doc"; REFERENCE B1/B7). Where an example breaks several rules,
// each break is sent on its own, the others repaired, so the test names every reason and does not depend on
// the order the emulator checks them in. What the emulator then reads back must parse with the gateway's read
// models (libs/wecom/src/model).

/** 2026-03-18 12:00 China time. */
const NOW_MS = Date.UTC(2026, 2, 18, 4, 0, 0);
const { corpId, corpSecret } = SAMPLE_CREDENTIALS.wecom;
const EXAMPLES = join(process.cwd(), 'test/fixtures/vendor-examples');

type Answer = Record<string, any>;

function example(name: string): Answer {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Answer;
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start() {
  const emulator = new WecomEmulator({ clock: () => NOW_MS, rateLimits: false });
  const server = await emulator.listen();
  running.push(server);
  const tokenAnswer = (await (
    await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`)
  ).json()) as { access_token: string };
  const post = async (api: string, body: unknown): Promise<Answer> => {
    const response = await fetch(`${server.url}/cgi-bin/checkin/${api}?access_token=${tokenAnswer.access_token}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  return { emulator, post };
}

describe('add_checkin_option: the SKIT request example', () => {
  const request = example('wecom-add_checkin_option-request-SKIT.FlurlHttpClient.Wechat.json');

  /** The example's three rule breaks, each one repairable on its own. */
  const repairs = {
    // doc L410-413 "整分钟" and 301093 L647: the windows must be whole minutes; SKIT's 35000/37000/43000/43400
    // are not (the doc's own example has 35040/37020/43140/43800, which are).
    windows: (group: Answer): void => {
      Object.assign(group.checkindate[0].checkintime[0], {
        earliest_work_sec: 35_040,
        latest_work_sec: 37_020,
        earliest_off_work_sec: 43_140,
        latest_off_work_sec: 43_800,
      });
    },
    // doc L538-539 and 301093 L684: open_face_live_detect needs use_face_detect (SKIT sends it false).
    face: (group: Answer): void => {
      group.use_face_detect = true;
    },
    // doc L578-581 and 301093 L674: restdayconf and holidayconf are required next to workdayconf.
    overtime: (group: Answer): void => {
      Object.assign(group.ot_info_v2, {
        restdayconf: { allow_ot: false, type: 2 },
        holidayconf: { allow_ot: false, type: 2 },
      });
    },
  } as const;

  function withRepairs(...names: (keyof typeof repairs)[]): Answer {
    const body = structuredClone(request);
    for (const name of names) repairs[name](body.group as Answer);
    return body;
  }

  it('as published: refused with 301093, its windows not being whole minutes', async () => {
    const { post, emulator } = await start();
    const before = emulator.rules().length;
    const answer = await post('add_checkin_option', request);
    expect(answer.errcode).toBe(301093);
    expect(answer.errmsg).toContain('checkin time invalid, value has to be a multiple of 60');
    expect(emulator.rules()).toHaveLength(before);
  });

  it.each([
    ['windows', ['face', 'overtime'], 'checkin time invalid, value has to be a multiple of 60'],
    ['face', ['windows', 'overtime'], 'invalid face detect, open_face_live_detect requires use_face_detect first'],
    ['overtime', ['windows', 'face'], 'invalid ot_info_v2, workdayconf/restdayconf/holidayconf is necessary'],
  ] as const)(
    'with only the %s break left: refused with 301093 and its own reason',
    async (_break, repaired, reason) => {
      const { post } = await start();
      const answer = await post('add_checkin_option', withRepairs(...repaired));
      expect(answer.errcode).toBe(301093);
      expect(answer.errmsg).toContain(reason);
    },
  );

  it('with the rule repaired: refused with 301021 while its people are not in the directory, then accepted', async () => {
    const { post, emulator } = await start();
    const repaired = withRepairs('windows', 'face', 'overtime');
    // The range and white list name people of SKIT's tenant (gongjuren, tester, canno): WeCom refuses
    // unknown userids (301021, REFERENCE B1; the emulator's reading, checkin-option.handler.ts checkPeople).
    const unknown = await post('add_checkin_option', repaired);
    expect(unknown.errcode).toBe(301021);
    expect(unknown.errmsg).toMatch(/gongjuren|tester|canno/);

    emulator.addUsers(['gongjuren', 'tester', 'canno', 'brant']);
    expect(await post('add_checkin_option', repaired)).toEqual({ errcode: 0, errmsg: 'ok' });

    // The rule reads back, and the gateway's read model takes it whole: `range.partyid` (SKIT's spelling,
    // which the emulator stores as sent) becomes party_id; nothing else is dropped.
    const rules = (await post('getcorpcheckinoption', {})).group as Answer[];
    const created = rules.find((rule) => rule.groupname === '打卡规则1')!;
    const parsed = wecomCheckinGroupReadSchema.parse(created);
    for (const key of Object.keys(created)) expect(parsed).toHaveProperty([key]);
    expect(Object.keys(parsed.range ?? {}).sort()).toEqual(['party_id', 'tagid', 'userid']);
    expect(parsed).toMatchObject({
      grouptype: 1,
      range: { party_id: [], userid: ['gongjuren', 'tester'], tagid: [2] },
      open_face_live_detect: true,
      use_face_detect: true,
      ot_info_v2: { workdayconf: { allow_ot: true, type: 0 } },
    });
    expect(parsed.checkindate?.[0]?.checkintime?.[0]).toMatchObject({ time_id: 1, earliest_work_sec: 35_040 });
  });
});

describe('add_checkin_record: the SKIT request example', () => {
  const request = example('wecom-add_checkin_record-request-SKIT.FlurlHttpClient.Wechat.json');

  it('is a valid record (B7 limits); refused with 301021 while "userId" is not in the directory, then stored', async () => {
    const { post, emulator } = await start();
    const before = emulator.checkinData().length;
    const unknown = await post('add_checkin_record', request);
    expect(unknown.errcode).toBe(301021);
    expect(unknown.errmsg).toContain('userId');
    expect(emulator.checkinData()).toHaveLength(before);

    emulator.addUsers(['userId']);
    expect(await post('add_checkin_record', request)).toEqual({ errcode: 0, errmsg: 'ok' });

    // Read back through getcheckindata; the row parses with the gateway's punch model.
    const record = request.records[0] as Answer;
    const read = await post('getcheckindata', {
      opencheckindatatype: 3,
      starttime: record.checkin_time - 60,
      endtime: record.checkin_time + 60,
      useridlist: ['userId'],
    });
    expect(read.errcode).toBe(0);
    const rows = (read.checkindata as unknown[]).map((row) => wecomCheckinDataSchema.parse(row));
    expect(rows).toEqual([
      expect.objectContaining({
        userid: 'userId',
        checkin_time: 1_705_899_000,
        location_title: '1234',
        wifimac: 'a2:8b:7f:c0:27:4b',
        lat: 22_234_233,
        lng: 1_233_123,
      }),
    ]);
  });
});
