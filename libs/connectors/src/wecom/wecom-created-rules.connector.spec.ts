import type { WecomCheckinGroupRead, WecomClient } from '@app/wecom';
import { WecomRulesConnector } from './wecom-rules.connector.js';

// add_checkin_option answers no id: a created rule is found by its name in a later list (wecom-rules.connector.ts).
// When several new rules carry the name, the oldest (lowest groupid) is the one adopted, whatever order WeCom
// lists them in (issue #22: adopting the newest passed every test).

const rule = (groupid: number, groupname: string) => ({ groupid, groupname }) as WecomCheckinGroupRead;

function connectorListing(rules: readonly WecomCheckinGroupRead[]): WecomRulesConnector {
  const client = { getCorpCheckinOptions: () => Promise.resolve(rules) } as unknown as WecomClient;
  return new WecomRulesConnector(client);
}

describe('WecomRulesConnector.findCreated', () => {
  it('adopts the oldest of several new rules of the name, listed newest first', async () => {
    const connector = connectorListing([rule(30, 'Office'), rule(20, 'Office'), rule(10, 'Office'), rule(5, 'Shop')]);
    const found = await connector.findCreated(['Office'], new Set(['10']));
    // 10 was there before the add; of 20 and 30, both new, 20 is the oldest.
    expect(found.get('Office')?.groupid).toBe(20);
  });

  it('adopts the oldest of several new rules of the name, listed oldest first', async () => {
    const connector = connectorListing([rule(20, 'Office'), rule(30, 'Office'), rule(40, 'Office')]);
    expect((await connector.findCreated(['Office'], new Set())).get('Office')?.groupid).toBe(20);
  });

  it('answers null for a name whose every rule was already known, and finds each name on its own', async () => {
    const connector = connectorListing([rule(12, 'Shop'), rule(11, 'Office'), rule(9, 'Shop')]);
    const found = await connector.findCreated(['Office', 'Shop', 'Warehouse'], new Set(['11']));
    expect(found.get('Office')).toBeNull();
    expect(found.get('Shop')?.groupid).toBe(9);
    expect(found.get('Warehouse')).toBeNull();
  });

  it('lists the rules of several names oldest first', async () => {
    const connector = connectorListing([rule(7, 'B'), rule(3, 'A'), rule(5, 'B'), rule(1, 'C')]);
    await connector.list();
    expect(connector.named(['B', 'A', 'B']).map((each) => each.groupid)).toEqual([3, 5, 7]);
  });
});
