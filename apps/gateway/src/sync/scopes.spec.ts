import { SYNC_SCOPES } from '@app/kernel';
import { PUNCHES_RECONCILER } from './punches/punches.scope.js';
import { ROSTERS_RECONCILER } from './rosters/rosters.scope.js';
import { RULES_RECONCILER } from './rules/rules.reconciler.js';
import { SCOPES } from './scopes.js';

describe('SCOPES (the gateway registry of scope reconcilers)', () => {
  it('registers every SyncScope, and nothing else', () => {
    expect(SCOPES.scopes()).toEqual([...SYNC_SCOPES]);
    for (const scope of SYNC_SCOPES) expect(typeof SCOPES.get(scope).run).toBe('function');
  });

  it('an unknown scope is a clear error', () => {
    expect(() => SCOPES.get('leave')).toThrow('no reconciler is registered for sync scope "leave"');
  });

  it('only a rules run narrows its unreadable records to the requested groups', () => {
    expect(SYNC_SCOPES.map((scope) => [scope, SCOPES.get(scope).unreadableOfRequestedOnly])).toEqual([
      ['rules', true],
      ['rosters', false],
      ['punches', false],
    ]);
  });

  it('keeps the order of the halves of a two-way run: rules and rosters from Feishu first, punches from WeCom', () => {
    expect(RULES_RECONCILER.twoWay).toEqual(['feishu_to_wecom', 'wecom_to_feishu']);
    expect(ROSTERS_RECONCILER.twoWay).toEqual(['feishu_to_wecom', 'wecom_to_feishu']);
    expect(PUNCHES_RECONCILER.twoWay).toEqual(['wecom_to_feishu', 'feishu_to_wecom']);
  });
});
