import { openTestStore, type TestStore } from '../../../test/support/test-database.js';
import {
  DuplicateInBatchError,
  MappingConflictError,
  MatchDecisionConflictError,
  MatchDecisionInvalidError,
  MatchNotFoundError,
  type IdentityMatchEntry,
  type MappingStore,
} from './index.js';

// The match job's side of the store (issue 21): who made each mapping, the proposals and the decisions on them.

let harness: TestStore;
let store: MappingStore;

beforeAll(async () => {
  harness = await openTestStore();
  store = harness.store;
});

afterAll(async () => {
  await harness.dispose();
});

beforeEach(async () => {
  await harness.sql(`DELETE FROM "identity_matches"`);
  await harness.sql(`DELETE FROM "user_mappings"`);
  await harness.sql(`DELETE FROM "department_mappings"`);
});

async function newRunId(): Promise<string> {
  const run = await store.runs.create({
    direction: 'feishu_to_wecom',
    scope: 'identities',
    dryRun: false,
    triggeredBy: 'api',
    params: {},
  });
  return run.id;
}

describe('mappings with their origin', () => {
  it('writes the match job’s pairs beside hand-made ones, never over them', async () => {
    await store.users.upsertMany([
      { feishuUserId: 'f1', wecomUserId: 'w1' },
      { feishuUserId: 'f2', wecomUserId: 'w2' },
    ]);
    const result = await store.users.upsertMatched([
      { feishu: 'f1', wecom: 'w1', matchedBy: 'email' }, // the hand-made pair itself: unchanged, stays manual
      { feishu: 'f2', wecom: 'w9', matchedBy: 'email' }, // f2 held by hand: refused
      { feishu: 'f8', wecom: 'w2', matchedBy: 'mobile' }, // w2 held by hand: refused
      { feishu: 'f3', wecom: 'w3', matchedBy: 'employee_no' },
    ]);
    expect(result).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 1,
      refused: [
        { feishu: 'f2', wecom: 'w9', matchedBy: 'email' },
        { feishu: 'f8', wecom: 'w2', matchedBy: 'mobile' },
      ],
    });
    expect(await store.users.listAllWithOrigin()).toEqual([
      { feishu: 'f1', wecom: 'w1', origin: 'manual', matchedBy: null },
      { feishu: 'f2', wecom: 'w2', origin: 'manual', matchedBy: null },
      { feishu: 'f3', wecom: 'w3', origin: 'match', matchedBy: 'employee_no' },
    ]);
  });

  it('lets a new match displace an older match, counting what changed', async () => {
    await store.users.upsertMatched([
      { feishu: 'f1', wecom: 'w1', matchedBy: 'email' },
      { feishu: 'f2', wecom: 'w2', matchedBy: 'email' },
    ]);
    const result = await store.users.upsertMatched([
      { feishu: 'f1', wecom: 'w1', matchedBy: 'email' }, // unchanged
      { feishu: 'f3', wecom: 'w2', matchedBy: 'mobile' }, // takes w2 from f2's match
    ]);
    expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 1, refused: [] });
    const again = await store.users.upsertMatched([{ feishu: 'f1', wecom: 'w1', matchedBy: 'mobile' }]);
    expect(again).toEqual({ inserted: 0, updated: 1, unchanged: 0, refused: [] });
    expect(await store.users.listAllWithOrigin()).toEqual([
      { feishu: 'f1', wecom: 'w1', origin: 'match', matchedBy: 'mobile' },
      { feishu: 'f3', wecom: 'w2', origin: 'match', matchedBy: 'mobile' },
    ]);
  });

  it('turns a match-made pair into a hand-made one on upload, and an upload takes a matched WeCom id', async () => {
    await store.users.upsertMatched([
      { feishu: 'f1', wecom: 'w1', matchedBy: 'email' },
      { feishu: 'f2', wecom: 'w2', matchedBy: 'email' },
    ]);
    expect(
      await store.users.upsertMany([
        { feishuUserId: 'f1', wecomUserId: 'w1' },
        { feishuUserId: 'f3', wecomUserId: 'w2' },
      ]),
    ).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await store.users.listAllWithOrigin()).toEqual([
      { feishu: 'f1', wecom: 'w1', origin: 'manual', matchedBy: null },
      { feishu: 'f3', wecom: 'w2', origin: 'manual', matchedBy: null },
    ]);
    // A WeCom id held by hand is still a conflict for another hand-made pair.
    await expect(store.users.upsertMany([{ feishuUserId: 'f4', wecomUserId: 'w1' }])).rejects.toThrow(
      MappingConflictError,
    );
  });

  it('removes only match-made pairs', async () => {
    await store.departments.upsertMany([{ feishuDepartmentId: 'd1', wecomPartyId: '1' }]);
    await store.departments.upsertMatched([{ feishu: 'd2', wecom: '2', matchedBy: 'name_path' }]);
    expect(await store.departments.removeMatched(['d1', 'd2', 'd3'])).toBe(1);
    expect(await store.departments.listAllWithOrigin()).toEqual([
      { feishu: 'd1', wecom: '1', origin: 'manual', matchedBy: null },
    ]);
  });

  it('refuses a batch naming an id twice, and evidence without a match', async () => {
    await expect(
      store.users.upsertMatched([
        { feishu: 'f1', wecom: 'w1', matchedBy: 'email' },
        { feishu: 'f1', wecom: 'w2', matchedBy: 'email' },
      ]),
    ).rejects.toThrow(DuplicateInBatchError);
    await expect(
      harness.sql(
        `INSERT INTO "user_mappings" ("feishu_user_id", "wecom_user_id", "matched_by") VALUES ('a', 'b', 'email')`,
      ),
    ).rejects.toThrow(/ck_user_mappings_evidence/);
    await expect(
      harness.sql(
        `INSERT INTO "user_mappings" ("feishu_user_id", "wecom_user_id", "origin") VALUES ('a', 'b', 'match')`,
      ),
    ).rejects.toThrow(/ck_user_mappings_evidence/);
  });
});

const entries: IdentityMatchEntry[] = [
  { feishuId: 'f1', wecomId: 'w1', matchedBy: 'email', status: 'proposed' },
  {
    feishuId: 'f2',
    wecomId: null,
    matchedBy: null,
    status: 'ambiguous',
    candidates: [
      { feishuId: 'f2', wecomId: 'w2', matchedBy: 'mobile' },
      { feishuId: 'f2', wecomId: 'w3', matchedBy: 'mobile' },
    ],
    reason: '2 WeCom people share this mobile number',
    reasonCode: 'shared_by_wecom',
    reasonParams: { count: 2, basis: 'mobile' },
  },
  { feishuId: 'f3', wecomId: null, matchedBy: null, status: 'unmatched', reason: 'no attribute found a match' },
  { feishuId: null, wecomId: 'w9', matchedBy: null, status: 'unmatched' },
  { feishuId: 'f4', wecomId: 'w4', matchedBy: 'email', status: 'accepted', decidedBy: 'auto' },
];

describe('identity matches', () => {
  it('lists a run’s result in review order, filtered and paged', async () => {
    const runId = await newRunId();
    expect(await store.identityMatches.replace('user', entries, runId)).toEqual({ written: 5, removed: 0 });
    await store.identityMatches.replace(
      'department',
      [{ feishuId: 'd1', wecomId: '1', matchedBy: 'name_path', status: 'proposed' }],
      runId,
    );
    const { items, total } = await store.identityMatches.list({ kind: 'user' }, 10, 0);
    expect(total).toBe(5);
    expect(items.map((m) => [m.status, m.feishuId, m.wecomId])).toEqual([
      ['ambiguous', 'f2', null],
      ['proposed', 'f1', 'w1'],
      ['unmatched', 'f3', null],
      ['unmatched', null, 'w9'],
      ['accepted', 'f4', 'w4'],
    ]);
    expect(items[0]).toMatchObject({
      kind: 'user',
      candidates: entries[1]!.candidates,
      reason: '2 WeCom people share this mobile number',
      reasonCode: 'shared_by_wecom',
      reasonParams: { count: 2, basis: 'mobile' },
      runId,
      decidedBy: null,
      decidedAt: null,
    });
    expect(items[4]).toMatchObject({ decidedBy: 'auto', decidedAt: expect.any(Date) });
    // An entry without a code (its reason or not) has no parameters either.
    expect(items[2]).toMatchObject({ reason: 'no attribute found a match', reasonCode: null, reasonParams: null });
    // A run that words a reason differently only in its parameters writes the row again.
    const reworded = entries.map((entry) =>
      entry.feishuId === 'f2' ? { ...entry, reasonParams: { count: 3, basis: 'mobile' as const } } : entry,
    );
    expect(await store.identityMatches.replace('user', reworded, runId)).toEqual({ written: 1, removed: 0 });
    expect((await store.identityMatches.list({}, 2, 1)).items.map((m) => m.feishuId)).toEqual(['f1', 'd1']);
    expect((await store.identityMatches.list({}, 2, 10)).total).toBe(6);
    expect((await store.identityMatches.list({ status: 'unmatched' }, 10, 0)).total).toBe(2);
    // By id, the candidates' ids included, any case.
    expect((await store.identityMatches.list({ q: 'W3' }, 10, 0)).items.map((m) => m.feishuId)).toEqual(['f2']);
    expect((await store.identityMatches.list({ q: 'w9' }, 10, 0)).items.map((m) => m.wecomId)).toEqual(['w9']);
    const [first, second] = (await store.identityMatches.list({}, 2, 0)).items;
    expect(await store.identityMatches.getMany([second!.id, 'nope', first!.id])).toEqual([second, first]);
  });

  it('replaces what is undecided and keeps decisions unless an entry says otherwise', async () => {
    const run1 = await newRunId();
    await store.identityMatches.replace('user', entries, run1);
    const [f1] = (await store.identityMatches.list({ q: 'f1' }, 1, 0)).items;
    const rejected = await store.identityMatches.decide(f1!.id, 'proposed', 'reject', 'operator');
    expect(rejected).toMatchObject({ status: 'rejected', wecomId: 'w1', matchedBy: 'email', decidedBy: 'operator' });

    const run2 = await newRunId();
    const accepted4 = (await store.identityMatches.listAll('user')).find((m) => m.feishuId === 'f4')!;
    const result = await store.identityMatches.replace(
      'user',
      [
        { feishuId: 'f3', wecomId: 'w3', matchedBy: 'mobile', status: 'proposed' },
        { feishuId: 'f4', wecomId: 'w4', matchedBy: 'email', status: 'accepted', decidedBy: 'auto' }, // as it was
      ],
      run2,
    );
    // f2 and w9 (undecided, not named) went; f3 was written over; f4 is as it was.
    expect(result).toEqual({ written: 1, removed: 2 });
    const all = await store.identityMatches.listAll('user');
    expect(all.map((m) => [m.feishuId, m.wecomId, m.status])).toEqual([
      ['f1', 'w1', 'rejected'],
      ['f3', 'w3', 'proposed'],
      ['f4', 'w4', 'accepted'],
    ]);
    expect(all.find((m) => m.feishuId === 'f3')!.runId).toBe(run2);
    expect(all.find((m) => m.feishuId === 'f4')).toEqual(accepted4);
    expect(all.find((m) => m.feishuId === 'f1')!.runId).toBe(run1);

    // An entry may override a decision; forget drops rows whatever their status.
    await store.identityMatches.replace(
      'user',
      [{ feishuId: 'f4', wecomId: null, matchedBy: null, status: 'unmatched' }],
      run2,
    );
    expect((await store.identityMatches.listAll('user')).find((m) => m.feishuId === 'f4')).toMatchObject({
      status: 'unmatched',
      decidedBy: null,
      decidedAt: null,
    });
    expect(await store.identityMatches.forget('user', ['f1', 'f4'])).toBe(2);

    // (f3, undecided and not named, went with that replace.)
    expect(await store.identityMatches.listAll('user')).toEqual([]);

    // A run that is deleted leaves its rows, without their run.
    await store.identityMatches.replace('user', [entries[0]!], run2);
    await harness.sql(`DELETE FROM "sync_runs" WHERE "id" = $1`, [run2]);
    expect((await store.identityMatches.listAll('user')).map((m) => m.runId)).toEqual([null]);
  });

  it('refuses an entry set naming a person twice', async () => {
    await expect(
      store.identityMatches.replace('user', [entries[0]!, { ...entries[0]!, wecomId: 'w7' }], null),
    ).rejects.toThrow(DuplicateInBatchError);
  });

  it('accepts a proposal with its mapping, in one transaction, on the status it was seen in', async () => {
    await store.identityMatches.replace('user', entries, null);
    const [f1] = (await store.identityMatches.list({ q: 'f1' }, 1, 0)).items;
    const accepted = await store.identityMatches.decide(
      f1!.id,
      'proposed',
      { accept: { wecomId: 'w1', matchedBy: 'email' } },
      'operator',
    );
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: 'operator', wecomId: 'w1' });
    expect(await store.users.listAllWithOrigin()).toEqual([
      { feishu: 'f1', wecom: 'w1', origin: 'match', matchedBy: 'email' },
    ]);
    // Someone else decided first: 409, nothing written.
    const stale = store.identityMatches.decide(f1!.id, 'proposed', 'reject', 'operator');
    await expect(stale).rejects.toThrow(MatchDecisionConflictError);
    await expect(stale).rejects.toMatchObject({ reason: 'status_changed' });
    // Rejecting the accepted match removes the mapping it made.
    await store.identityMatches.decide(f1!.id, 'accepted', 'reject', 'operator');
    expect(await store.users.listAllWithOrigin()).toEqual([]);
  });

  it('accepts one candidate of an ambiguous match, or rejects them all', async () => {
    await store.identityMatches.replace('user', entries, null);
    const [f2] = (await store.identityMatches.list({ status: 'ambiguous' }, 1, 0)).items;
    const rejected = await store.identityMatches.decide(f2!.id, 'ambiguous', 'reject', 'operator');
    expect(rejected).toMatchObject({ status: 'rejected', wecomId: null, matchedBy: null });
    expect(rejected.candidates).toHaveLength(2);
    const accepted = await store.identityMatches.decide(
      f2!.id,
      'rejected',
      { accept: { wecomId: 'w3', matchedBy: 'mobile' } },
      'operator',
    );
    expect(accepted).toMatchObject({ status: 'accepted', wecomId: 'w3', matchedBy: 'mobile' });
    expect(await store.users.toWecom(['f2'])).toEqual(new Map([['f2', 'w3']]));
  });

  it('withdraws an accepted id from the other undecided matches that offer it', async () => {
    const claim = (feishuId: string, wecomId: string) => ({ feishuId, wecomId, matchedBy: 'email' as const });
    await store.identityMatches.replace(
      'user',
      [
        // Two Feishu people claim wa; fb's value also names wb, so fb keeps a choice once wa is taken.
        {
          feishuId: 'fa',
          wecomId: null,
          matchedBy: null,
          status: 'ambiguous',
          candidates: [claim('fa', 'wa'), claim('fc', 'wa')],
        },
        {
          feishuId: 'fb',
          wecomId: null,
          matchedBy: null,
          status: 'ambiguous',
          candidates: [claim('fb', 'wa'), claim('fb', 'wb')],
        },
        {
          feishuId: 'fc',
          wecomId: null,
          matchedBy: null,
          status: 'ambiguous',
          candidates: [claim('fa', 'wa'), claim('fc', 'wa')],
        },
        { feishuId: 'fd', wecomId: 'wa', matchedBy: 'mobile', status: 'proposed' },
        { feishuId: 'fe', wecomId: 'we', matchedBy: 'email', status: 'proposed' },
        { feishuId: null, wecomId: 'wa', matchedBy: null, status: 'unmatched', reason: 'no Feishu person found' },
        { feishuId: 'ff', wecomId: null, matchedBy: null, status: 'unmatched', candidates: [claim('ff', 'wa')] },
        {
          feishuId: 'fg',
          wecomId: null,
          matchedBy: null,
          status: 'rejected',
          decidedBy: 'operator',
          candidates: [claim('fg', 'wa')],
        },
      ],
      null,
    );
    await store.identityMatches.replace(
      'department',
      [{ feishuId: 'fc', wecomId: 'wa', matchedBy: 'name_path', status: 'proposed' }],
      null,
    );
    const before = new Map((await store.identityMatches.listAll('user')).map((m) => [m.feishuId ?? m.wecomId, m]));
    await store.identityMatches.decide(
      before.get('fa')!.id,
      'ambiguous',
      { accept: { wecomId: 'wa', matchedBy: 'email' } },
      'operator',
    );
    expect(await store.identityMatches.withdrawClaims('user', [{ feishuId: 'fa', wecomId: 'wa' }])).toBe(4);

    const after = new Map(
      (await store.identityMatches.listAll('user')).map((m) => [m.feishuId ?? `(${m.wecomId})`, m]),
    );
    expect([...after.keys()]).toEqual(['fa', 'fb', 'fc', 'fd', 'fe', 'ff', 'fg']);
    // The other claimant: no longer offered wa, its claim kept as evidence, the reason naming the holder.
    expect(after.get('fc')).toMatchObject({
      status: 'unmatched',
      wecomId: null,
      matchedBy: null,
      candidates: [claim('fc', 'wa')],
      reason: 'the WeCom person with the same email (wa) is already matched to Feishu fa',
      reasonCode: 'held_by_match',
      reasonParams: { basis: 'email', wecomId: 'wa', feishuId: 'fa' },
      decidedBy: null,
    });
    // A choice left: still ambiguous, without wa.
    expect(after.get('fb')).toMatchObject({ status: 'ambiguous', candidates: [claim('fb', 'wb')] });
    // A proposal of wa: withdrawn the same way.
    expect(after.get('fd')).toMatchObject({
      status: 'unmatched',
      wecomId: null,
      candidates: [{ feishuId: 'fd', wecomId: 'wa', matchedBy: 'mobile' }],
      reason: 'the WeCom person with the same mobile number (wa) is already matched to Feishu fa',
      reasonCode: 'held_by_match',
    });
    // Untouched: another pair, an unmatched one (it offers nothing), a decision, and the other kind.
    for (const id of ['fe', 'ff', 'fg']) expect(after.get(id)).toEqual(before.get(id));
    expect(await store.identityMatches.listAll('department')).toMatchObject([{ status: 'proposed', wecomId: 'wa' }]);
    // Nothing left to withdraw: a second call changes nothing.
    expect(await store.identityMatches.withdrawClaims('user', [{ feishuId: 'fa', wecomId: 'wa' }])).toBe(0);
    expect(await store.identityMatches.withdrawClaims('user', [])).toBe(0);
  });

  it('refuses an acceptance a hand-made or another matched mapping stands in the way of, writing nothing', async () => {
    await store.identityMatches.replace('user', entries, null);
    const byFeishu = new Map((await store.identityMatches.listAll('user')).map((m) => [m.feishuId, m]));
    await store.users.upsertMany([{ feishuUserId: 'f9', wecomUserId: 'w1' }]);
    const manual = store.identityMatches.decide(
      byFeishu.get('f1')!.id,
      'proposed',
      { accept: { wecomId: 'w1', matchedBy: 'email' } },
      'operator',
    );
    await expect(manual).rejects.toMatchObject({ name: 'MatchDecisionConflictError', reason: 'manual_mapping' });
    expect(byFeishu.get('f1')!.status).toBe('proposed');
    expect((await store.identityMatches.getMany([byFeishu.get('f1')!.id]))[0]!.status).toBe('proposed');

    await store.users.upsertMatched([{ feishu: 'f8', wecom: 'w3', matchedBy: 'email' }]);
    const taken = store.identityMatches.decide(
      byFeishu.get('f3')!.id,
      'unmatched',
      { accept: { wecomId: 'w3', matchedBy: 'employee_no' } },
      'operator',
    );
    await expect(taken).rejects.toMatchObject({ reason: 'mapping_taken' });
    expect(await store.users.toFeishu(['w3'])).toEqual(new Map([['w3', 'f8']]));
  });

  it('says what cannot be decided at all', async () => {
    await store.identityMatches.replace('user', entries, null);
    const byKey = new Map((await store.identityMatches.listAll('user')).map((m) => [m.feishuId ?? m.wecomId, m]));
    await expect(store.identityMatches.decide(byKey.get('f3')!.id, 'unmatched', 'reject', 'operator')).rejects.toThrow(
      MatchDecisionInvalidError,
    );
    await expect(
      store.identityMatches.decide(
        byKey.get('w9')!.id,
        'unmatched',
        { accept: { wecomId: 'w9', matchedBy: 'email' } },
        'operator',
      ),
    ).rejects.toThrow(MatchDecisionInvalidError);
    await expect(
      store.identityMatches.decide('00000000-0000-4000-8000-000000000000', 'proposed', 'reject', 'operator'),
    ).rejects.toThrow(MatchNotFoundError);
    await expect(store.identityMatches.decide('not-a-uuid', 'proposed', 'reject', 'operator')).rejects.toThrow(
      MatchNotFoundError,
    );
  });

  it('writes departments’ acceptances to the department mappings', async () => {
    await store.identityMatches.replace(
      'department',
      [{ feishuId: 'd1', wecomId: '1', matchedBy: 'mapped_parent', status: 'proposed' }],
      null,
    );
    const [d1] = await store.identityMatches.listAll('department');
    await store.identityMatches.decide(
      d1!.id,
      'proposed',
      { accept: { wecomId: '1', matchedBy: 'mapped_parent' } },
      'auto',
    );
    expect(await store.departments.listAllWithOrigin()).toEqual([
      { feishu: 'd1', wecom: '1', origin: 'match', matchedBy: 'mapped_parent' },
    ]);
    expect(await store.users.count()).toBe(0);
  });

  it('holds the rows to their shape', async () => {
    const insert = (columns: string, values: string) =>
      harness.sql(`INSERT INTO "identity_matches" ("kind", "status", ${columns}) VALUES ('user', ${values})`);
    await expect(insert(`"feishu_id"`, `'proposed', 'f1'`)).rejects.toThrow(/ck_identity_matches_pair/);
    await expect(insert(`"feishu_id", "wecom_id"`, `'unmatched', 'f1', 'w1'`)).rejects.toThrow(
      /ck_identity_matches_evidence/,
    );
    await expect(insert(`"wecom_id"`, `'unmatched', NULL`)).rejects.toThrow(/ck_identity_matches_has_an_id/);
    await expect(insert(`"feishu_id", "wecom_id", "matched_by"`, `'accepted', 'f1', 'w1', 'email'`)).rejects.toThrow(
      /ck_identity_matches_decided/,
    );
    await expect(insert(`"feishu_id", "decided_by", "decided_at"`, `'unmatched', 'f1', 'auto', now()`)).rejects.toThrow(
      /ck_identity_matches_decided/,
    );
    await insert(`"feishu_id"`, `'unmatched', 'f1'`);
    await expect(insert(`"feishu_id"`, `'ambiguous', 'f1'`)).rejects.toThrow(/uq_identity_matches_feishu/);
    await insert(`"wecom_id"`, `'unmatched', 'w1'`);
    await expect(insert(`"wecom_id"`, `'unmatched', 'w1'`)).rejects.toThrow(/uq_identity_matches_wecom/);
    // The same WeCom id on a row with a Feishu id is another row.
    await insert(`"feishu_id", "wecom_id", "matched_by"`, `'proposed', 'f2', 'w1', 'email'`);
  });
});
