import { alertText } from './alert-notifier.service.js';

describe('alertText for conflicts', () => {
  const base = { event: 'conflict', runId: 'r1', conflictId: 'c1', feishuGroupId: 'g1', wecomRuleId: null } as const;

  it('says a content conflict is two changed sides, resolved by a winner', () => {
    expect(alertText({ ...base, wecomRuleId: '7' })).toBe(
      '[attendance sync] conflict c1: Feishu group g1 and WeCom rule 7 both changed; resolve with ' +
        'POST /api/v1/conflicts/c1/resolve',
    );
  });

  it('says a name conflict is a same-named object the gateway did not make, resolved by adopt/overwrite/skip', () => {
    const text = alertText({ ...base, found: { vendor: 'wecom', id: '6016', name: '总部固定班' } });
    expect(text).toContain('Feishu group g1 would be synced to "总部固定班"');
    expect(text).toContain('WeCom rule 6016 already has that name');
    expect(text).toContain('{"resolution": "adopt"|"overwrite"|"skip"}');
  });
});
