// Feishu reports some partial failures in `msg` of a code-0 answer (REFERENCE A4, PART D item 6). Pure.

/** The users and days a user_daily_shifts batch_create did not apply. */
export interface FeishuDailyShiftRejection {
  readonly userId: string;
  /** The days as Feishu wrote them. */
  readonly days: readonly string[];
}

export interface ParsedDailyShiftMessage {
  readonly rejections: readonly FeishuDailyShiftRejection[];
  /** msg when it reported a failure we could not read, so that it is surfaced, never swallowed. */
  readonly unparsed: string | null;
}

const SUCCESS_MESSAGES = new Set(['', 'success', 'ok']);

/**
 * Reads the `{人员:[日期,日期]}` message of a code-0 user_daily_shifts/batch_create ([NS-ATT] doc comment).
 * The exact spelling is not documented, so both JSON (`{"u1":["20240501"]}`) and the unquoted form of the
 * doc comment (`{u1:[20240501,20240502]}`) are read.
 */
export function parseDailyShiftMessage(msg: string): ParsedDailyShiftMessage {
  const trimmed = msg.trim();
  if (SUCCESS_MESSAGES.has(trimmed.toLowerCase())) return { rejections: [], unparsed: null };
  const fromJson = tryJsonRejections(trimmed);
  if (fromJson) return { rejections: fromJson, unparsed: null };
  const rejections: FeishuDailyShiftRejection[] = [];
  for (const match of trimmed.matchAll(/["']?([^{}[\],:"'\s]+)["']?\s*:\s*\[([^\]]*)\]/g)) {
    const userId = match[1] ?? '';
    const days = (match[2] ?? '')
      .split(',')
      .map((day) => day.trim().replace(/^["']|["']$/g, ''))
      .filter(Boolean);
    rejections.push({ userId, days });
  }
  return rejections.length ? { rejections, unparsed: null } : { rejections: [], unparsed: msg };
}

function tryJsonRejections(text: string): FeishuDailyShiftRejection[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const out: FeishuDailyShiftRejection[] = [];
  for (const [userId, days] of Object.entries(parsed)) {
    if (!Array.isArray(days)) return null;
    out.push({ userId, days: days.map(String) });
  }
  return out;
}

/** The per-id reasons of a batch_del with fail_record_ids: msg holds `{"id":"reason"}` ([NS-ATT]). */
export function parseBatchDelReasons(msg: string, failedIds: readonly string[]): Map<string, string> {
  const reasons = new Map<string, string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(msg);
  } catch {
    parsed = null;
  }
  for (const id of failedIds) {
    const reason =
      parsed && typeof parsed === 'object' && id in parsed ? String((parsed as Record<string, unknown>)[id]) : msg;
    reasons.set(id, reason || 'not deleted (no reason given)');
  }
  return reasons;
}
