import fc from 'fast-check';
import { renderRule } from '../../../../apps/emulators/src/wecom/checkin-option.handler.js';
import { wecomCheckinGroupReadSchema } from '@app/wecom/model';
import { representableRuleArbitrary } from '../../test/canonical-rule.arbitrary.js';
import { damagedArbitrary, wecomReadOf } from '../../test/vendor-inputs.js';
import { sparseReadArbitrary } from '../../test/wecom-sparse-read.js';
import { WECOM_CHECKIN_GROUP_READ_SHAPE, isWecomCheckinGroupReadInput } from './wecom-read.guard.js';

// The guard stands in for wecomCheckinGroupReadSchema on the mapper's fast path: it must never accept what
// the schema refuses, and it should accept what WeCom actually sends (and what the client's parse hands on).

const wecomReadArbitrary = representableRuleArbitrary()
  .map((rule) => wecomReadOf(rule, renderRule))
  .filter((read) => read !== null);

describe('WeCom read guard', () => {
  it('knows the same top-level keys as the read schema', () => {
    expect(Object.keys(WECOM_CHECKIN_GROUP_READ_SHAPE).sort()).toEqual(
      Object.keys(wecomCheckinGroupReadSchema.shape).sort(),
    );
  });

  it('accepts what WeCom answers for any rule it can hold, before and after the client parses it', () => {
    fc.assert(
      fc.property(wecomReadArbitrary, (read) => {
        expect(isWecomCheckinGroupReadInput(read)).toBe(true);
        expect(isWecomCheckinGroupReadInput(wecomCheckinGroupReadSchema.parse(read))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Sparse reads (issue #16): every field the schema lets be absent left out at random, unknown keys added.
  const sparseArbitrary = wecomReadArbitrary.chain((read) => sparseReadArbitrary(read, wecomCheckinGroupReadSchema));

  it('accepts every doc-legal sparse read, as the schema does, and the schema keeps the unknown keys', () => {
    fc.assert(
      fc.property(sparseArbitrary, (read) => {
        expect(isWecomCheckinGroupReadInput(read)).toBe(true);
        const parsed = wecomCheckinGroupReadSchema.parse(read);
        for (const key of Object.keys(read as object)) expect(parsed).toHaveProperty([key]);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('on damaged sparse reads, says exactly what the schema says', () => {
    fc.assert(
      fc.property(
        sparseArbitrary.chain((read) => damagedArbitrary(read)),
        (rule) => {
          expect(isWecomCheckinGroupReadInput(rule)).toBe(wecomCheckinGroupReadSchema.safeParse(rule).success);
        },
      ),
      { seed: 1, numRuns: 2000 },
    );
  });

  it('accepts a damaged rule only when the schema does', () => {
    fc.assert(
      fc.property(
        wecomReadArbitrary.chain((read) => damagedArbitrary(read)),
        (rule) => {
          if (isWecomCheckinGroupReadInput(rule))
            expect(wecomCheckinGroupReadSchema.safeParse(rule).success).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Fields the translation reads since issue #17, as WeCom answers them: the guard and the schema agree.
  it.each<[string, Record<string, unknown>]>([
    [
      'a 2024 answer (WxJava issue #3323): newer windows, reminders, limit_aheadtime 0, late rule',
      {
        checkindate: [
          {
            workdays: [1, 2, 3, 4, 5],
            checkintime: [
              {
                time_id: 1,
                work_sec: 32400,
                off_work_sec: 64800,
                remind_work_sec: 31800,
                remind_off_work_sec: 64800,
                earliest_work_sec: 21600,
                latest_work_sec: 64740,
                earliest_off_work_sec: 32460,
                latest_off_work_sec: 107940,
              },
            ],
            noneed_offwork: false,
            limit_aheadtime: 0,
            allow_flex: false,
            late_rule: {
              offwork_after_time: 3600,
              onwork_flex_time: 3600,
              allow_offwork_after_time: true,
              timerules: [{ offwork_after_time: 18000, onwork_flex_time: 3600 }],
            },
          },
        ],
        allow_checkin_offworkday: false,
      },
    ],
    [
      'ot_info_v2 with the admin’s overtime details',
      {
        ot_info_v2: {
          workdayconf: {
            allow_ot: true,
            type: 1,
            checkin: { ot_time_start: 1800, ot_time_min: 1800, ot_time_max: 14400 },
            vacation: { trans_ratio: 100, sync_vacation: true },
          },
          restdayconf: { allow_ot: false },
        },
      },
    ],
    [
      'legacy schedule limits (ms and s)',
      {
        grouptype: 2,
        schedulelist: [
          {
            schedule_id: 229,
            schedule_name: '早班',
            time_section: [{ time_id: 1, work_sec: 32400, off_work_sec: 43200 }],
            limit_aheadtime: 14400000,
            limit_offtime: 14400,
          },
        ],
      },
    ],
  ])('accepts %s, as the schema does', (_name, fields) => {
    const read = { grouptype: 1, groupid: 1, groupname: 'x', ...fields };
    expect(isWecomCheckinGroupReadInput(read)).toBe(true);
    expect(wecomCheckinGroupReadSchema.safeParse(read).success).toBe(true);
  });

  it('accepts both spellings of the departments, numbers among them, as the schema does', () => {
    const base = { grouptype: 1, groupid: 1, groupname: 'x' };
    for (const range of [{ party_id: ['1', 2] }, { partyid: [3] }, { userid: ['u'], tagid: [1] }]) {
      expect(isWecomCheckinGroupReadInput({ ...base, range })).toBe(true);
      expect(wecomCheckinGroupReadSchema.safeParse({ ...base, range }).success).toBe(true);
    }
    expect(isWecomCheckinGroupReadInput({ ...base, range: { party_id: [1.5] } })).toBe(false);
  });

  it('accepts any other value only when the schema does', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, maxDepth: 3 }), (value) => {
        if (isWecomCheckinGroupReadInput(value)) {
          expect(wecomCheckinGroupReadSchema.safeParse(value).success).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
