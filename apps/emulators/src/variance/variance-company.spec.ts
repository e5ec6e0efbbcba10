import fc from 'fast-check';
import type { UnreadableRecord } from '@app/kernel';
import { FeishuClient, feishuUserDailyShiftSchema, feishuUserFlowSchema } from '@app/feishu';
import { WecomClient, wecomCheckinDataSchema, wecomCheckinGroupReadSchema, wecomUserScheduleSchema } from '@app/wecom';
import type { z } from 'zod';
import { SeededRandom } from '../common/seeded-random.js';
import { SAMPLE_CREDENTIALS, SAMPLE_PEOPLE } from '../sample-company/people.js';
import { type RunningEmulators, startEmulators } from '../start-emulators.js';
import { dayStart, DAY_SECONDS } from '../wecom/china-time.util.js';
import { feishuRosterDay, feishuUserFlow } from './feishu-variance.arbitraries.js';
import { mangle, type VarianceKind } from './record-mangle.util.js';
import { loadVarianceCompany, VARIANCE_SHIFT_WORKERS } from './variance-company.loader.js';
import type { JsonObject } from './variance-fields.util.js';
import { wecomCheckinRow, wecomCheckinRule, wecomScheduleEntries } from './wecom-variance.arbitraries.js';

// The variance generators against the gateway's own reading of the docs (the read schemas of @app/wecom and
// @app/feishu, which its clients apply element by element): every generated record is readable, every mangled
// one is not, and the field the reader names is the one `mangle` broke. Then the whole company, loaded into
// running emulators and read back through the vendor clients: exactly the broken records are set aside.

const NOW = Math.floor(Date.parse('2026-06-15T10:00:00+08:00') / 1000);
const DAYS = ['2026-06-29', '2026-06-30', '2026-07-01'];
const SECTION = {
  time_id: 1,
  work_sec: 32_400,
  off_work_sec: 64_800,
  remind_work_sec: 32_400,
  remind_off_work_sec: 64_800,
};

const KINDS: readonly {
  readonly name: string;
  readonly kind: VarianceKind;
  readonly arbitrary: fc.Arbitrary<JsonObject>;
  readonly schema: z.ZodType;
}[] = [
  ...([1, 2, 3] as const).map((grouptype) => ({
    name: `WeCom checkin rule of grouptype ${grouptype}`,
    kind: 'checkin rule' as const,
    // getcorpcheckinoption answers rules with their groupid (the emulator assigns it).
    arbitrary: wecomCheckinRule(grouptype, {
      name: '变体',
      userids: ['u1', 'u2'],
      partyIds: ['2'],
      nowSeconds: NOW,
    }).map((rule) => ({ groupid: 6001, ...rule })),
    schema: wecomCheckinGroupReadSchema,
  })),
  {
    name: 'WeCom punch row',
    kind: 'punch',
    arbitrary: wecomCheckinRow({ userids: ['u1', 'u2'], from: NOW - DAY_SECONDS, to: NOW }),
    schema: wecomCheckinDataSchema,
  },
  {
    name: 'WeCom monthly schedule',
    kind: 'monthly schedule',
    arbitrary: wecomScheduleEntries({
      groupid: 6002,
      groupname: '变体排班',
      userids: ['u1'],
      schedules: [{ schedule_id: 21, schedule_name: '早班', time_section: [SECTION] }],
      days: DAYS,
    }).map((entries) => entries[0]!),
    schema: wecomUserScheduleSchema,
  },
  {
    name: 'Feishu flow',
    kind: 'flow',
    // user_flows/query answers flows with their record_id (the emulator assigns it).
    arbitrary: feishuUserFlow({ userIds: ['e1001'], from: NOW - DAY_SECONDS, to: NOW }).map((flow) => ({
      ...flow,
      record_id: '7000000000000000001',
    })),
    schema: feishuUserFlowSchema,
  },
  {
    name: 'Feishu roster day',
    kind: 'roster day',
    arbitrary: feishuRosterDay({
      groupId: '7000000000000000002',
      shiftIds: ['7000000000000000003'],
      userIds: ['e2001'],
      days: DAYS,
    }),
    schema: feishuUserDailyShiftSchema,
  },
];

describe('variance generators, read by the gateway', () => {
  it.each(KINDS.map((entry) => [entry.name, entry] as const))('every generated %s is readable', (_kind, entry) => {
    fc.assert(
      fc.property(entry.arbitrary, (record) => {
        const parsed = entry.schema.safeParse(record);
        expect(parsed.success ? null : parsed.error.issues).toBeNull();
      }),
      { seed: 16, numRuns: 60 },
    );
  });

  it.each(KINDS.map((entry) => [entry.name, entry] as const))(
    'a mangled %s is unreadable, at the field mangle names',
    (_kind, entry) => {
      fc.assert(
        fc.property(entry.arbitrary, fc.nat(), (record, seed) => {
          const broken = mangle(record, new SeededRandom(seed), entry.kind);
          const parsed = entry.schema.safeParse(broken.record);
          expect(parsed.success).toBe(false);
          expect(parsed.error!.issues[0]!.path.map(String).join('.')).toBe(broken.field);
          // Only a copy is broken.
          expect(entry.schema.safeParse(record).success).toBe(true);
        }),
        { seed: 17, numRuns: 60 },
      );
    },
  );
});

describe('loadVarianceCompany', () => {
  let emulators: RunningEmulators;

  beforeAll(async () => {
    emulators = await startEmulators({ wecom: { clock: () => NOW * 1000 }, feishu: { clock: () => NOW * 1000 } });
  });

  afterAll(async () => {
    await emulators?.close();
  });

  it('plants a company the vendor clients read, setting aside exactly the broken record of each kind', async () => {
    const company = loadVarianceCompany(emulators, { seed: 7, mangled: true, nowSeconds: NOW });
    expect(company.mangled.map((entry) => entry.kind)).toEqual([
      'checkin rule',
      'punch',
      'monthly schedule',
      'flow',
      'roster day',
    ]);
    const setAside: UnreadableRecord[] = [];
    const onUnreadable = (record: UnreadableRecord) => setAside.push(record);
    const wecom = new WecomClient({ ...SAMPLE_CREDENTIALS.wecom, baseUrl: emulators.wecom.server.url });
    const feishu = new FeishuClient({
      ...SAMPLE_CREDENTIALS.feishu,
      baseUrl: emulators.feishu.server.url,
      employeeType: 'employee_id',
      deptType: 'open_id',
    });
    const today = dayStart(NOW);
    const rules = await wecom.getCorpCheckinOptions({ onUnreadable });
    const punches = await wecom.getCheckinData(
      { starttime: today - 3 * DAY_SECONDS, endtime: NOW, useridlist: SAMPLE_PEOPLE.map((p) => p.wecomUserId) },
      { onUnreadable },
    );
    const schedules = await wecom.getCheckinScheduleList(
      { starttime: today, endtime: today + 8 * DAY_SECONDS - 1, useridlist: [...VARIANCE_SHIFT_WORKERS] },
      { onUnreadable },
    );
    const flows = await feishu.queryUserFlows({
      userIds: SAMPLE_PEOPLE.map((p) => p.feishuUserId),
      checkTimeFrom: String(today - 3 * DAY_SECONDS),
      checkTimeTo: String(NOW + 1),
      onUnreadable,
    });
    const days = await feishu.queryUserDailyShifts({
      userIds: SAMPLE_PEOPLE.map((p) => p.feishuUserId),
      checkDateFrom: Number(new Date((today + 8 * 3600) * 1000).toISOString().slice(0, 10).replaceAll('-', '')),
      checkDateTo: Number(
        new Date((today + 8 * DAY_SECONDS + 8 * 3600) * 1000).toISOString().slice(0, 10).replaceAll('-', ''),
      ),
      onUnreadable,
    });

    expect(setAside.map((record) => [record.kind, record.recordId, record.field]).sort()).toEqual(
      company.mangled.map((entry) => [entry.kind === 'flow' ? 'punch' : entry.kind, entry.id, entry.field]).sort(),
    );
    // Every other planted record was read.
    const read: Record<VarianceKind, Set<string>> = {
      'checkin rule': new Set(rules.map((rule) => String(rule.groupid))),
      punch: new Set(punches.map((row) => `${row.userid}@${row.checkin_time}`)),
      'monthly schedule': new Set(schedules.map((entry) => `${entry.userid}@${entry.yearmonth}`)),
      flow: new Set(flows.map((flow) => flow.record_id)),
      'roster day': new Set(days.map((day) => `${day.user_id}@${day.month}/${day.day_no}`)),
    };
    const broken = new Set(company.mangled.map((entry) => `${entry.kind}|${entry.id}`));
    const missing = company.planted.filter(
      (entry) => !broken.has(`${entry.kind}|${entry.id}`) && !read[entry.kind].has(entry.id),
    );
    expect(missing).toEqual([]);
  });

  it('is deterministic for a seed', async () => {
    const again = await startEmulators({ wecom: { clock: () => NOW * 1000 }, feishu: { clock: () => NOW * 1000 } });
    const other = await startEmulators({ wecom: { clock: () => NOW * 1000 }, feishu: { clock: () => NOW * 1000 } });
    try {
      const first = loadVarianceCompany(again, { seed: 9, mangled: true, nowSeconds: NOW });
      const second = loadVarianceCompany(other, { seed: 9, mangled: true, nowSeconds: NOW });
      expect(second).toEqual(first);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });
});
