import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wecomCheckinToPunch, wecomReadToCanonical } from '@app/translation';
import { WecomClient } from '@app/wecom';

// The WeCom doc examples (test/fixtures/vendor-examples, from fudiwei/DotNetCore.SKIT.FlurlHttpClient.Wechat as
// its README says) served by a plain HTTP server to the real client, not the emulator: what the client parses
// from a vendor's own answer, and what the mappers make of it (issue #22). The emulator renders answers the
// gateway's own way; these are the vendor's.

const EXAMPLES = join(process.cwd(), 'test/fixtures/vendor-examples');
const ANSWERS: Record<string, string> = {
  '/cgi-bin/checkin/getcorpcheckinoption': 'wecom-getcorpcheckinoption-response-SKIT.FlurlHttpClient.Wechat.json',
  '/cgi-bin/checkin/getcheckindata': 'wecom-getcheckindata-response-SKIT.FlurlHttpClient.Wechat.json',
  '/cgi-bin/checkin/getcheckinschedulist': 'wecom-getcheckinschedulist-response-SKIT.FlurlHttpClient.Wechat.json',
};

let server: Server;
let baseUrl: string;
const requests: { path: string; body: unknown }[] = [];

function answer(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  let text = '';
  request.on('data', (chunk: Buffer) => (text += chunk.toString()));
  request.on('end', () => {
    requests.push({ path: url.pathname, body: text === '' ? null : (JSON.parse(text) as unknown) });
    const file = ANSWERS[url.pathname];
    const body =
      url.pathname === '/cgi-bin/gettoken'
        ? JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: 'example-token', expires_in: 7200 })
        : file
          ? readFileSync(join(EXAMPLES, file), 'utf8')
          : JSON.stringify({ errcode: 404, errmsg: `no example for ${url.pathname}` });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  });
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function client(): WecomClient {
  return new WecomClient({ corpId: 'ww-example', corpSecret: 'example-secret', baseUrl });
}

describe('WeCom doc examples through the real client and the mappers', () => {
  it('getcorpcheckinoption: the rule is read, and the mapper reads its two working times', async () => {
    const unreadable: unknown[] = [];
    const rules = await client().getCorpCheckinOptions({ onUnreadable: (record) => unreadable.push(record) });
    expect(unreadable).toEqual([]);
    expect(rules.map((rule) => rule.groupid)).toEqual([69]);
    const canonical = wecomReadToCanonical(rules[0]!);
    if (!canonical.ok) throw new Error(`refused: ${JSON.stringify(canonical.losses)}`);
    const rule = canonical.value;
    // The doc's reading (README of the examples): a fixed rule, 10:00–12:00 and 14:00–20:00 on weekdays, one
    // special workday and one special offday, two GPS places and two Wi-Fi access points.
    expect(rule).toMatchObject({ kind: 'fixed', name: '打卡规则1', idSpace: 'wecom' });
    expect(rule.shifts).toHaveLength(1);
    expect(rule.shifts[0]!.sections.map(({ onSec, offSec }) => [onSec, offSec])).toEqual([
      [10 * 3600, 12 * 3600],
      [14 * 3600, 20 * 3600],
    ]);
    const weekdays = rule.shifts[0]!.key;
    expect(rule.week).toEqual({ 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: null, 7: null });
    expect(rule.specialWorkdays.map((day) => day.date)).toEqual(['2017-12-02']);
    expect(rule.specialOffdays.map((day) => day.date)).toEqual(['2017-12-01']);
    expect(rule.gpsLocations.map((place) => place.name)).toEqual(['T.I.T创意园', '腾讯成都大厦']);
    expect(rule.wifiLocations.map((wifi) => wifi.bssid)).toEqual(['70:10:5c:7d:f6:d5', 'c0:7b:bc:37:f8:d3']);
    // What the canonical model cannot hold exactly is reported, never dropped silently.
    expect(canonical.losses.every((loss) => loss.message.length > 0)).toBe(true);
    expect(canonical.losses.some((loss) => loss.severity === 'blocking')).toBe(false);
  });

  it('getcheckindata: both punches are read and mapped, keyed by person and second', async () => {
    const unreadable: unknown[] = [];
    const rows = await client().getCheckinData(
      { starttime: 1_492_617_600, endtime: 1_492_617_700, useridlist: ['james', 'paul'] },
      { onUnreadable: (record) => unreadable.push(record) },
    );
    expect(unreadable).toEqual([]);
    expect(requests.find((request) => request.path === '/cgi-bin/checkin/getcheckindata')?.body).toMatchObject({
      starttime: 1_492_617_600,
      endtime: 1_492_617_700,
      useridlist: ['james', 'paul'],
    });
    const punches = rows.map((row) => {
      const read = wecomCheckinToPunch(row);
      if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.losses)}`);
      return read.value;
    });
    expect(punches.map(({ sourceKey, kind, isField, verdicts }) => ({ sourceKey, kind, isField, verdicts }))).toEqual([
      { sourceKey: 'james@1492617610', kind: 'on_duty', isField: false, verdicts: ['地点异常'] },
      { sourceKey: 'paul@1492617620', kind: 'outing', isField: true, verdicts: ['时间异常'] },
    ]);
    // lat/lng come ×1e6 (30547645 → 30.547645); 0,0 is no position.
    expect(punches[1]!.position).toEqual({ lat: 30.547645, lng: 104.063236 });
    expect(punches[0]!.position).toBeNull();
    expect(punches[0]!.wifi).toEqual({ ssid: '办公一区', bssid: '3c:46:d8:0c:7a:70' });
  });

  it('getcheckinschedulist: the month is read with its shifts and rest day', async () => {
    const schedules = await client().getCheckinScheduleList({
      // November 2020 in China time: one call (one calendar month per call).
      starttime: 1_604_160_000,
      endtime: 1_606_752_000 - 1,
      useridlist: ['james'],
    });
    expect(schedules.map(({ userid, yearmonth }) => ({ userid, yearmonth }))).toEqual([
      { userid: 'james', yearmonth: 202011 },
    ]);
    const days = schedules[0]!.schedule.scheduleList.map((day) => [
      day.day,
      day.schedule_info.schedule_name,
      day.schedule_info.time_section.map((section) => [section.work_sec, section.off_work_sec]),
    ]);
    expect(days).toEqual([
      [25, '早班', [[9 * 3600, 12 * 3600]]],
      [26, '晚班', [[18 * 3600, 22 * 3600]]],
      [30, '休息', []],
    ]);
  });
});
