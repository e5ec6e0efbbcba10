import type { z } from 'zod';
import { feishuUserDailyShiftSchema } from '@app/feishu/model';
import { wecomSetCheckinScheduleListRequestSchema, wecomUserScheduleSchema } from '@app/wecom/model';
import {
  canonicalCoverage,
  checkReadBehaviour,
  checkWriteBehaviour,
  staleDeclarations,
  undeclaredFields,
  type Outcome,
  type ReadHarness,
  type WriteHarness,
} from '../../../../../libs/translation/test/field-coverage/harness.js';
import { clone } from '../../../../../libs/translation/test/field-coverage/paths.js';
import {
  feishuDailyShiftBatches,
  feishuRosterDays,
  wecomRosterDays,
  wecomScheduleRequests,
  type RosterWrite,
} from '@app/connectors';
import {
  FEISHU_ROSTER_READ_COVERAGE,
  FEISHU_ROSTER_WRITE_COVERAGE,
  WECOM_ROSTER_READ_COVERAGE,
  WECOM_ROSTER_WRITE_COVERAGE,
} from './roster.coverage.js';
import type { CoverageTable } from '../../../../../libs/translation/src/field-coverage/field-fate.js';

/*
 * Issue #17, rosters: the roster field declarations (roster.coverage.ts) against the wire models and against
 * the roster connectors (libs/translation/test/field-coverage.spec.ts does the rules and punches, and the doc).
 */

const GROUP_ID = '6919358128597097404';
const RULE_ID = 11;
const WINDOW = { from: '2026-01-01', to: '2026-12-31' };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: clone(run()), losses: [] };
  } catch (error) {
    return {
      ok: false,
      value: null,
      losses: [
        { field: '(thrown)', severity: 'blocking', message: error instanceof Error ? error.message : String(error) },
      ],
    };
  }
}

function parsed<T>(schema: z.ZodType<T>, record: unknown, use: (value: T) => unknown): Outcome {
  const result = schema.safeParse(record);
  if (!result.success) {
    return {
      ok: false,
      value: null,
      losses: result.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        severity: 'blocking' as const,
        message: issue.message,
      })),
    };
  }
  return outcome(() => use(result.data));
}

const write: RosterWrite = { sourceUser: 'james', user: 'abd754f7', day: '2026-04-25', shift: '229' };

const feishuRead: ReadHarness = {
  table: FEISHU_ROSTER_READ_COVERAGE,
  schemas: [feishuUserDailyShiftSchema],
  bases: {
    row: {
      group_id: GROUP_ID,
      shift_id: '6919668827865513935',
      month: 202604,
      user_id: 'abd754f7',
      day_no: 21,
      is_clear_schedule: false,
    },
  },
  run: (row) => parsed(feishuUserDailyShiftSchema, row, (value) => feishuRosterDays([value], GROUP_ID, WINDOW)),
};

const wecomRead: ReadHarness = {
  table: WECOM_ROSTER_READ_COVERAGE,
  schemas: [wecomUserScheduleSchema],
  bases: {
    entry: {
      userid: 'james',
      yearmonth: 202604,
      groupid: RULE_ID,
      groupname: '排班',
      schedule: {
        scheduleList: [
          {
            day: 25,
            schedule_info: {
              schedule_id: 229,
              schedule_name: '早班',
              time_section: [
                { id: 1, work_sec: 32400, off_work_sec: 43200, remind_work_sec: 32400, remind_off_work_sec: 43200 },
              ],
            },
          },
        ],
      },
    },
  },
  run: (entry) => parsed(wecomUserScheduleSchema, entry, (value) => wecomRosterDays([value], RULE_ID, WINDOW)),
};

const nextMonth = { values: { day: '2026-05-25' } };

const feishuWrite: WriteHarness = {
  table: FEISHU_ROSTER_WRITE_COVERAGE,
  schemas: [feishuUserDailyShiftSchema],
  bases: { write },
  run: (value) => outcome(() => feishuDailyShiftBatches(GROUP_ID, [value as RosterWrite]).flat()),
  overrides: { month: nextMonth },
};

const wecomWrite: WriteHarness = {
  table: WECOM_ROSTER_WRITE_COVERAGE,
  schemas: [wecomSetCheckinScheduleListRequestSchema],
  bases: { write },
  run: (value) => outcome(() => wecomScheduleRequests(RULE_ID, [value as RosterWrite])),
  overrides: { yearmonth: nextMonth },
};

function report(problems: readonly string[]): string {
  return problems.length === 0 ? '' : `\n${problems.length} disagreement(s):\n${problems.join('\n')}\n`;
}

const TABLES: readonly (readonly [CoverageTable, readonly z.ZodType[]])[] = [
  [FEISHU_ROSTER_READ_COVERAGE, feishuRead.schemas],
  [FEISHU_ROSTER_WRITE_COVERAGE, feishuWrite.schemas],
  [WECOM_ROSTER_READ_COVERAGE, wecomRead.schemas],
  [WECOM_ROSTER_WRITE_COVERAGE, wecomWrite.schemas],
];

describe('roster field coverage (issue #17)', () => {
  it.each(TABLES.map(([table, schemas]) => [table.id, table, schemas] as const))(
    '%s: every field of the wire model has a declared fate, and no declaration is stale',
    (_id, table, schemas) => {
      expect(report([...undeclaredFields(table, schemas), ...staleDeclarations(table, schemas)])).toBe('');
    },
  );

  it.each([feishuRead, wecomRead].map((harness) => [harness.table.id, harness] as const))(
    '%s: the declared fates agree with reading',
    (_id, harness) => {
      expect(report(checkReadBehaviour(harness).problems)).toBe('');
    },
  );

  it.each([feishuWrite, wecomWrite].map((harness) => [harness.table.id, harness] as const))(
    '%s: the declared fates agree with writing, and every RosterWrite field is covered',
    (_id, harness) => {
      expect(
        report([...checkWriteBehaviour(harness), ...canonicalCoverage([harness.table], Object.values(harness.bases))]),
      ).toBe('');
    },
  );
});
