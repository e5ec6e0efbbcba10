import { feishuIdempotentIdFor, GATEWAY_FLOW_MARK, isGatewayImportedFlow, wecomPunchKey } from './punch-keys.js';

// Expectations written out independently of the functions (issue #22): distinctness across people and seconds,
// and pinned values a change to the key format must break (a changed key re-imports every punch).

const PEOPLE = ['zhangwei', 'lina', 'zhangwei1', 'a@1', 'a', '张伟'];
const SECONDS = [1_763_600_000, 1_763_600_001, 1_763_600_060, 1_763_686_400];

describe('wecomPunchKey', () => {
  it('is person and second, in that order', () => {
    expect(wecomPunchKey('zhangwei', 1_763_600_000)).toBe('zhangwei@1763600000');
  });

  it('differs for every person and every second, including ids that contain the separator', () => {
    const keys = PEOPLE.flatMap((person) => SECONDS.map((second) => wecomPunchKey(person, second)));
    expect(new Set(keys).size).toBe(PEOPLE.length * SECONDS.length);
  });
});

describe('feishuIdempotentIdFor', () => {
  it('is the gateway mark and 32 hex digits of sha256("wecom|" + key), pinned', () => {
    // `printf 'wecom|zhangwei@1763600000' | sha256sum`, first 32 digits.
    expect(feishuIdempotentIdFor('zhangwei@1763600000')).toBe('gw1-99e08ef2d94d6f3ed88987c55afc17d4');
  });

  it('differs for every person and every second', () => {
    const ids = PEOPLE.flatMap((person) =>
      SECONDS.map((second) => feishuIdempotentIdFor(wecomPunchKey(person, second))),
    );
    expect(new Set(ids).size).toBe(PEOPLE.length * SECONDS.length);
    for (const id of ids) expect(id).toMatch(/^gw1-[0-9a-f]{32}$/);
  });
});

describe('isGatewayImportedFlow', () => {
  it.each([
    [{ idempotent_id: 'gw1-abc' }, true],
    [{ external_id: 'gw1-abc' }, true],
    [{ idempotent_id: 'other', external_id: 'gw1-abc' }, true],
    [{ idempotent_id: 'gw1-abc', external_id: 'other' }, true],
    [{ idempotent_id: 'other', external_id: 'x-gw1-' }, false],
    [{ idempotent_id: 'GW1-abc' }, false],
    [{}, false],
    [{ idempotent_id: undefined, external_id: undefined }, false],
  ])('%j → %s', (flow, expected) => {
    expect(isGatewayImportedFlow(flow)).toBe(expected);
  });

  it('uses the mark the ids are made with', () => {
    expect(GATEWAY_FLOW_MARK).toBe('gw1-');
  });
});
