import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  describeSchemaIssues,
  FEISHU_MIN_IMPORT_CHECK_TIME,
  feishuGroupCreateRequestSchema,
  feishuGroupSchema,
  feishuResponseSchema,
  feishuShiftSchema,
  feishuUserDailyShiftDataSchema,
  feishuUserFlowBatchCreateRequestSchema,
  feishuUserFlowQueryDataSchema,
  feishuUserTaskQueryDataSchema,
  parseFeishuClockTime,
  segmentPunchesNeeded,
} from './index.js';

// Every Feishu example in test/fixtures/vendor-examples (copied from vicenteyu/FeishuNetSdk, see its README)
// is parsed into the typed model. Each test states how we read the example. The known-bad ones must fail
// with an error naming the field, and pass once exactly that field is repaired: that proves the failure is
// the documented defect and nothing else.

const EXAMPLES = join(process.cwd(), 'test/fixtures/vendor-examples');

function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Record<string, unknown>;
}

function failure(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the example to be rejected');
  return describeSchemaIssues(result.error);
}

const covered = new Set<string>();
function reading(file: string, title: string, test: () => void): void {
  covered.add(file);
  it(`${file}: ${title}`, test);
}

describe('Feishu vendor examples', () => {
  reading(
    'feishu-group-create-request-FeishuNetSdk.json',
    'group_type 1 is the CREATE enum (fixed); the 8 placeholder ("xxx") shift ids make it fail',
    () => {
      const body = example('feishu-group-create-request-FeishuNetSdk.json');
      const group = body['group'] as Record<string, unknown>;
      // The README calls group_type 1 undocumented, but 1 = fixed is exactly the create enum (REFERENCE A6).
      expect(group['group_type']).toBe(1);
      const message = failure(feishuGroupCreateRequestSchema, body);
      // A fixed group needs exactly 7 ids Mon→Sun (the doc example has 8, contradicting its own "必须填够 7 个"),
      // and "xxx" is a placeholder, not a shift id.
      expect(message).toContain('group.punch_day_shift_ids: a fixed group needs exactly 7 shift ids');
      expect(message).toContain(
        'group.punch_day_shift_ids: holds values that are not shift ids ("0" = rest day): "xxx"',
      );
      const repaired = {
        ...body,
        group: {
          ...group,
          punch_day_shift_ids: [
            '6919668827865513935',
            '0',
            '6919668827865513935',
            '6919668827865513935',
            '0',
            '0',
            '0',
          ],
        },
      };
      const parsed = feishuGroupCreateRequestSchema.parse(repaired);
      expect(parsed.operator_id).toBe('dd31248a');
      expect(parsed.group.locations?.[0]?.map_type).toBe(1);
    },
  );

  reading(
    'feishu-group-get-response-FeishuNetSdk.json',
    'a fixed group (read group_type 0) whose placeholder shift id and prose new_calendar_id make it fail',
    () => {
      const response = example('feishu-group-get-response-FeishuNetSdk.json');
      const schema = feishuResponseSchema(feishuGroupSchema);
      const message = failure(schema, response);
      // new_calendar_id holds prose ("通过查询考勤组接口获取的new_calendar_id，例如7302191700771358252"): not an id.
      expect(message).toContain('data.new_calendar_id: must be a numeric id string');
      // punch_day_shift_ids is ["xxx"]: a placeholder, and one id instead of the 7 of a fixed group.
      expect(message).toContain(
        'data.punch_day_shift_ids: holds values that are not shift ids ("0" = rest day): "xxx"',
      );
      expect(message).toContain('data.punch_day_shift_ids: a fixed group needs exactly 7 shift ids');
      const data = response['data'] as Record<string, unknown>;
      const repaired = {
        ...response,
        data: {
          ...data,
          new_calendar_id: '7302191700771358252',
          punch_day_shift_ids: [
            '6919668827865513935',
            '6919668827865513935',
            '6919668827865513935',
            '6919668827865513935',
            '6919668827865513935',
            '0',
            '0',
          ],
        },
      };
      const group = schema.parse(repaired).data;
      // READ enum: 0 = fixed. Read-only timestamps are strings; location ids are strings.
      expect(group.group_type).toBe(0);
      expect(group.effect_time).toBe('1611476284');
      expect(group.locations?.[0]?.location_id).toBe('6921213751454744578');
      expect(group.free_punch_cfg?.punch_day).toBe(1111100);
    },
  );

  reading('feishu-shift-get-response-FeishuNetSdk.json', 'a valid shift 9:00–18:00 in its READ shape', () => {
    const shift = feishuResponseSchema(feishuShiftSchema).parse(
      example('feishu-shift-get-response-FeishuNetSdk.json'),
    ).data;
    expect(shift.shift_id).toBe('6919358778597097404');
    expect(shift.punch_time_rule[0]?.on_time).toBe('9:00');
    // READ meaning: no_need_on/no_need_off true = the punches ARE needed (feishu-get-shift.md).
    expect(segmentPunchesNeeded(shift.punch_time_rule[0]!)).toEqual({ on: true, off: true });
    expect(shift.rest_time_rule?.[0]).toEqual({ rest_begin_time: '13:00', rest_end_time: '14:00' });
  });

  reading(
    'feishu-shift-query-response-overnight-placeholder-FeishuNetSdk.json',
    'off_time is the doc placeholder "18:00， 第二天凌晨2点， 26:00", not a time, so it fails',
    () => {
      const response = example('feishu-shift-query-response-overnight-placeholder-FeishuNetSdk.json');
      const schema = feishuResponseSchema(feishuShiftSchema);
      expect(failure(schema, response)).toBe(
        'data.punch_time_rule[0].off_time: must be a time "H:mm" (next day as "26:00"), got "18:00， 第二天凌晨2点， 26:00"',
      );
      // What the placeholder describes: an off time of 02:00 the next day, written "26:00".
      const data = response['data'] as { punch_time_rule: Record<string, unknown>[] };
      const repaired = {
        ...response,
        data: { ...data, punch_time_rule: [{ ...data.punch_time_rule[0], off_time: '26:00' }] },
      };
      const shift = schema.parse(repaired).data;
      expect(parseFeishuClockTime(shift.punch_time_rule[0]!.off_time)).toBe(26 * 60);
      expect(shift.sub_shift_leader_ids).toEqual(['456123']);
    },
  );

  reading(
    'feishu-user_daily_shifts-query-response-FeishuNetSdk.json',
    'one roster day (month int yyyyMM, day_no)',
    () => {
      const data = feishuResponseSchema(feishuUserDailyShiftDataSchema).parse(
        example('feishu-user_daily_shifts-query-response-FeishuNetSdk.json'),
      ).data;
      expect(data.user_daily_shifts).toEqual([
        {
          group_id: '6737202939523236110',
          shift_id: '6753520403404030215',
          month: 202101,
          user_id: 'abd754f7',
          day_no: 21,
        },
      ]);
    },
  );

  reading(
    'feishu-user_flows-batch_create-request-FeishuNetSdk.json',
    'a valid wire shape, though its 2021 check_time is before the import floor',
    () => {
      const body = feishuUserFlowBatchCreateRequestSchema.parse(
        example('feishu-user_flows-batch_create-request-FeishuNetSdk.json'),
      );
      const record = body.flow_records[0]!;
      expect(record.check_time).toBe('1611476284');
      // 1611476284 is 2021-01-24: the shape is right, but Feishu imports only check_time after 2022-01-01
      // (REFERENCE A7), so the emulator refuses to import this record. idempotent_id "****_***" is a placeholder,
      // but a legal string.
      expect(Number(record.check_time)).toBeLessThan(FEISHU_MIN_IMPORT_CHECK_TIME);
      expect(record.idempotent_id).toBe('****_***');
    },
  );

  reading('feishu-user_flows-query-response-FeishuNetSdk.json', 'one valid flow; check_time is a string', () => {
    const data = feishuResponseSchema(feishuUserFlowQueryDataSchema).parse(
      example('feishu-user_flows-query-response-FeishuNetSdk.json'),
    ).data;
    const flow = data.user_flow_results?.[0];
    expect(flow).toMatchObject({
      record_id: '6709359313699356941',
      check_time: '1611476284',
      type: 7,
      external_id: 'record_123',
    });
  });

  reading('feishu-user_tasks-query-response-FeishuNetSdk.json', 'results with nested flows and invalid users', () => {
    const data = feishuResponseSchema(feishuUserTaskQueryDataSchema).parse(
      example('feishu-user_tasks-query-response-FeishuNetSdk.json'),
    ).data;
    expect(data.user_task_results?.[0]?.records?.[0]?.check_in_record?.record_id).toBe('6709359313699356941');
    expect(data.invalid_user_ids).toEqual(['abd754f7']);
  });

  it('reads every feishu-*.json example in the folder', () => {
    const files = readdirSync(EXAMPLES).filter((file) => file.startsWith('feishu-') && file.endsWith('.json'));
    expect(files.filter((file) => !covered.has(file))).toEqual([]);
  });
});
