import { splitDayRange } from './feishu-batching.util.js';
import { parseBatchDelReasons, parseDailyShiftMessage } from './feishu-partial-failure.util.js';

describe('batching', () => {
  it('splits a 35-day range into 30 + 5 days across a month end, inclusive', () => {
    expect(splitDayRange(20250115, 20250218, 30)).toEqual([
      { from: 20250115, to: 20250213 },
      { from: 20250214, to: 20250218 },
    ]);
    expect(splitDayRange(20240228, 20240301, 30)).toEqual([{ from: 20240228, to: 20240301 }]);
  });

  it('refuses impossible dates and reversed ranges', () => {
    expect(() => splitDayRange(20250230, 20250301, 30)).toThrow(RangeError);
    expect(() => splitDayRange(20250301, 20250201, 30)).toThrow(RangeError);
  });
});

describe('partial failures in msg', () => {
  it('reads the user_daily_shifts message as JSON or in the unquoted doc form', () => {
    expect(parseDailyShiftMessage('success')).toEqual({ rejections: [], unparsed: null });
    expect(parseDailyShiftMessage('{"e1001":["20250301","20250302"]}').rejections).toEqual([
      { userId: 'e1001', days: ['20250301', '20250302'] },
    ]);
    expect(parseDailyShiftMessage('{e1001:[2025-03-01,2025-03-02], e1002:[2025-03-05]}').rejections).toEqual([
      { userId: 'e1001', days: ['2025-03-01', '2025-03-02'] },
      { userId: 'e1002', days: ['2025-03-05'] },
    ]);
  });

  it('surfaces a message it cannot read instead of dropping it', () => {
    expect(parseDailyShiftMessage('partly failed')).toEqual({ rejections: [], unparsed: 'partly failed' });
  });

  it('reads batch_del reasons per id, falling back to the whole message', () => {
    expect([...parseBatchDelReasons('{"1":"gone"}', ['1', '2'])]).toEqual([
      ['1', 'gone'],
      ['2', '{"1":"gone"}'],
    ]);
  });
});
