import request from 'supertest';
import { MappingStore } from '@app/mapping-store';
import { createTestApp, TEST_API_TOKEN, type TestApp } from '../support/test-app.js';

// PUT/GET /api/v1/mappings/{users,departments} through the real app (auth, global pipe, filter) on a fresh
// database. Each describe block owns its app, so totals and listings are exact; ids are plain lowercase
// letters and digits so that the database's collation orders them as JavaScript does.

const auth = { Authorization: `Bearer ${TEST_API_TOKEN}` };

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: string[];
}

function users(...pairs: [string, string][]): { feishuUserId: string; wecomUserId: string }[] {
  return pairs.map(([feishuUserId, wecomUserId]) => ({ feishuUserId, wecomUserId }));
}

function departments(...pairs: [string, string][]): { feishuDepartmentId: string; wecomPartyId: string }[] {
  return pairs.map(([feishuDepartmentId, wecomPartyId]) => ({ feishuDepartmentId, wecomPartyId }));
}

function useApp(): { http: () => ReturnType<typeof request>; store: () => MappingStore } {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp();
  });
  afterAll(() => harness.close());
  return {
    http: () => request(harness.app.getHttpServer()),
    store: () => harness.app.get(MappingStore),
  };
}

describe('/api/v1/mappings: auth', () => {
  const { http } = useApp();

  it.each([
    ['PUT', '/api/v1/mappings/users'],
    ['GET', '/api/v1/mappings/users'],
    ['PUT', '/api/v1/mappings/departments'],
    ['GET', '/api/v1/mappings/departments'],
  ])('%s %s answers 401 without a token, and with a wrong one', async (method, path) => {
    const call = (headers: Record<string, string>) =>
      method === 'PUT' ? http().put(path).set(headers).send([]) : http().get(path).set(headers);
    const missing = await call({}).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await call({ Authorization: 'Bearer not-the-token' }).expect(401);
    await call(auth).expect(200);
  });
});

describe('PUT /api/v1/mappings/users', () => {
  const { http, store } = useApp();
  const put = (body: unknown) =>
    http()
      .put('/api/v1/mappings/users')
      .set(auth)
      .send(body as object);
  const badRequest = async (body: unknown): Promise<ErrorBody> => (await put(body).expect(400)).body as ErrorBody;

  it('upserts with counts: insert, the same again unchanged, then a change updated', async () => {
    const batch = users(['fa1', 'wa1'], ['fa2', 'wa2'], ['fa3', 'wa3']);
    expect((await put(batch).expect(200)).body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect((await put(batch).expect(200)).body).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const changed = users(['fa1', 'wa1'], ['fa2', 'wa2b'], ['fa3', 'wa3'], ['fa4', 'wa4']);
    expect((await put(changed).expect(200)).body).toEqual({ inserted: 1, updated: 1, unchanged: 2 });
    expect(await store().users.toWecom(['fa1', 'fa2', 'fa4'])).toEqual(
      new Map([
        ['fa1', 'wa1'],
        ['fa2', 'wa2b'],
        ['fa4', 'wa4'],
      ]),
    );
  });

  it('answers an empty array with zero counts', async () => {
    expect((await put([]).expect(200)).body).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
  });

  it.each([
    ['a missing field', { feishuUserId: 'fb1' }, '[3].wecomUserId must be a non-empty string'],
    ['an empty string', { feishuUserId: 'fb1', wecomUserId: '' }, '[3].wecomUserId must be a non-empty string'],
    ['blanks only', { feishuUserId: 'fb1', wecomUserId: '   ' }, '[3].wecomUserId must be a non-empty string'],
    ['a number', { feishuUserId: 'fb1', wecomUserId: 42 }, '[3].wecomUserId must be a non-empty string'],
    ['null', { feishuUserId: null, wecomUserId: 'wb1' }, '[3].feishuUserId must be a non-empty string'],
    [
      'leading or trailing whitespace',
      { feishuUserId: ' fb1', wecomUserId: 'wb1' },
      '[3].feishuUserId must not start or end with whitespace (ids are stored exactly as sent)',
    ],
    [
      'a control character',
      { feishuUserId: 'fb1', wecomUserId: 'w\u0000b1' },
      '[3].wecomUserId must not contain control characters',
    ],
    [
      'an id over 64 characters',
      { feishuUserId: 'f'.repeat(65), wecomUserId: 'wb1' },
      '[3].feishuUserId must be at most 64 characters long (got 65)',
    ],
    [
      'an unknown field',
      { feishuUserId: 'fb1', wecomUserId: 'wb1', name: '张伟' },
      '[3].name is not a known field (expected feishuUserId and wecomUserId)',
    ],
    ['a row that is not an object', 'fb1,wb1', '[3] must be an object {"feishuUserId": "…", "wecomUserId": "…"}'],
  ])('refuses %s with 400 naming the row and field, writing nothing', async (_name, bad, message) => {
    const batch = [...users(['fgood1', 'wgood1'], ['fgood2', 'wgood2'], ['fgood3', 'wgood3']), bad];
    const body = await badRequest(batch);
    expect(body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    expect(await store().users.toWecom(['fgood1', 'fgood2', 'fgood3'])).toEqual(new Map());
  });

  it('lists every bad field of every row, and counts what it does not spell out', async () => {
    const body = await badRequest([{ feishuUserId: '', wecomUserId: 'wc1' }, { extra: true }]);
    // Within a row, class-validator reports unknown fields first.
    expect(body.details).toEqual([
      '[0].feishuUserId must be a non-empty string',
      '[1].extra is not a known field (expected feishuUserId and wecomUserId)',
      '[1].feishuUserId must be a non-empty string',
      '[1].wecomUserId must be a non-empty string',
    ]);
    expect(body.message).toBe(body.details?.join('; '));

    const many = await badRequest(Array.from({ length: 30 }, () => ({ feishuUserId: 'fc1' })));
    expect(many.details).toHaveLength(21);
    expect(many.details?.[0]).toBe('[0].wecomUserId must be a non-empty string');
    expect(many.details?.[20]).toBe('…and 10 more problems');
  });

  it('refuses a "__proto__" key as an unknown field rather than letting it reach the row', async () => {
    const response = await http()
      .put('/api/v1/mappings/users')
      .set({ ...auth, 'Content-Type': 'application/json' })
      .send('[{"feishuUserId": "fp1", "wecomUserId": "wp1", "__proto__": {"feishuUserId": "fp2"}}]')
      .expect(400);
    expect((response.body as ErrorBody).message).toBe(
      '[0].__proto__ is not a known field (expected feishuUserId and wecomUserId)',
    );
  });

  it.each([
    ['an object', { feishuUserId: 'fd1', wecomUserId: 'wd1' }],
    ['nothing (no JSON content type)', undefined],
  ])('refuses a body that is %s: it must be a JSON array', async (_name, body) => {
    const response =
      body === undefined
        ? await http().put('/api/v1/mappings/users').set(auth).set('Content-Type', 'text/plain').send('fd1,wd1')
        : await put(body);
    expect(response.status).toBe(400);
    expect((response.body as ErrorBody).message).toBe(
      'The request body must be a JSON array of {"feishuUserId": "…", "wecomUserId": "…"} objects, sent as ' +
        'Content-Type: application/json',
    );
  });

  it('refuses an id twice in one batch, on either side, naming both rows', async () => {
    const feishuTwice = await badRequest(users(['fe1', 'we1'], ['fe2', 'we2'], ['fe1', 'we3']));
    expect(feishuTwice.message).toBe(
      '[2].feishuUserId repeats [0].feishuUserId ("fe1"): each Feishu user may appear only once per request',
    );
    const wecomTwice = await badRequest(users(['fe4', 'we4'], ['fe5', 'we4']));
    expect(wecomTwice.message).toBe(
      '[1].wecomUserId repeats [0].wecomUserId ("we4"): each WeCom user may appear only once per request',
    );
    expect(await store().users.toWecom(['fe1', 'fe2', 'fe4', 'fe5'])).toEqual(new Map());
  });

  it('answers 409 naming the id when a WeCom user is already mapped to another Feishu user, writing nothing', async () => {
    await put(users(['owner', 'taken'])).expect(200);
    const response = await put(users(['fresh', 'freshw'], ['intruder', 'taken'])).expect(409);
    const body = response.body as ErrorBody;
    expect(body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(body.details?.[0]).toBe('[1].wecomUserId "taken" is already mapped to feishuUserId "owner"');
    expect(body.message).toMatch(/re-map the current owner to another WeCom id in an earlier request/);
    expect(await store().users.toWecom(['fresh', 'intruder', 'owner'])).toEqual(new Map([['owner', 'taken']]));

    // Re-mapping the owner first frees the id.
    expect((await put(users(['owner', 'ownernew'])).expect(200)).body).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
    expect((await put(users(['intruder', 'taken'])).expect(200)).body).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
  });

  it('takes 10,000 rows of the longest ids in one request, and refuses 10,001 with 413', async () => {
    const id = (side: string, n: number) => `${side}${String(n).padStart(5, '0')}`.padEnd(64, 'x');
    const most = Array.from({ length: 10_000 }, (_, n) => ({ feishuUserId: id('f', n), wecomUserId: id('w', n) }));
    expect((await put(most).expect(200)).body).toEqual({ inserted: 10_000, updated: 0, unchanged: 0 });

    const tooMany = Array.from({ length: 10_001 }, (_, n) => ({ feishuUserId: `fn${n}`, wecomUserId: `wn${n}` }));
    const response = await put(tooMany).expect(413);
    expect((response.body as ErrorBody).message).toBe(
      'At most 10000 user mappings per request, got 10001: split them over several requests',
    );
    expect(await store().users.toWecom(['fn0'])).toEqual(new Map());
  });
});

describe('GET /api/v1/mappings/users', () => {
  const { http } = useApp();
  const get = (query = '') => http().get(`/api/v1/mappings/users${query}`).set(auth);
  const stored = users(['fu05', 'wu05'], ['fu02', 'wu02'], ['fu04', 'wu04'], ['fu01', 'wu01'], ['fu03', 'wu03']);
  const sorted = [...stored].sort((a, b) => (a.feishuUserId < b.feishuUserId ? -1 : 1));

  beforeAll(async () => {
    await http().put('/api/v1/mappings/users').set(auth).send(stored).expect(200);
  });

  it('answers a bare array sorted by the Feishu id, with X-Total-Count; PUT of it changes nothing', async () => {
    const response = await get().expect(200);
    expect(response.body).toEqual(sorted);
    expect(response.headers['x-total-count']).toBe('5');
    const again = await http()
      .put('/api/v1/mappings/users')
      .set(auth)
      .send(response.body as object);
    expect(again.body).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
  });

  it('pages with limit and offset; the header still counts everything', async () => {
    const page = await get('?limit=2&offset=1').expect(200);
    expect(page.body).toEqual(sorted.slice(1, 3));
    expect(page.headers['x-total-count']).toBe('5');
    expect((await get('?limit=10000').expect(200)).body).toEqual(sorted);
    expect((await get('?offset=4').expect(200)).body).toEqual(sorted.slice(4));
    const past = await get('?offset=99').expect(200);
    expect(past.body).toEqual([]);
    expect(past.headers['x-total-count']).toBe('5');
  });

  it.each([
    ['?limit=0', 'limit must be an integer from 1 to 10000'],
    ['?limit=10001', 'limit must be an integer from 1 to 10000'],
    ['?limit=abc', 'limit must be an integer from 1 to 10000'],
    ['?limit=1.5', 'limit must be an integer from 1 to 10000'],
    ['?limit=', 'limit must be an integer from 1 to 10000'],
    ['?limit=1&limit=2', 'limit must be an integer from 1 to 10000'],
    ['?offset=-1', 'offset must be an integer ≥ 0'],
    ['?offset=1e3', 'offset must be an integer ≥ 0'],
    ['?offset=99999999999999999999', 'offset must be an integer ≥ 0'],
    ['?page=2', 'property page should not exist'],
  ])('refuses %s with 400 naming the parameter', async (query, message) => {
    const response = await get(query).expect(400);
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
  });
});

/** PUT and GET of /api/v1/mappings/departments on a describe block's own app. */
function departmentsApi(http: () => ReturnType<typeof request>) {
  return {
    put: (body: unknown) =>
      http()
        .put('/api/v1/mappings/departments')
        .set(auth)
        .send(body as object),
    get: (query = '') => http().get(`/api/v1/mappings/departments${query}`).set(auth),
  };
}

// The listing's totals are exact: this block's app holds only what its one test wrote.
describe('/api/v1/mappings/departments: upsert and list', () => {
  const { http } = useApp();
  const { put, get } = departmentsApi(http);

  it('upserts with counts and lists a bare array sorted by the Feishu id, with X-Total-Count', async () => {
    const batch = departments(['od3', '13'], ['od1', '11'], ['od2', '12']);
    expect((await put(batch).expect(200)).body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect((await put(batch).expect(200)).body).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect((await put(departments(['od2', '22'], ['od4', '14'])).expect(200)).body).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    const listed = await get().expect(200);
    expect(listed.body).toEqual(departments(['od1', '11'], ['od2', '22'], ['od3', '13'], ['od4', '14']));
    expect(listed.headers['x-total-count']).toBe('4');
    expect((await put(listed.body).expect(200)).body).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    const page = await get('?limit=1&offset=3').expect(200);
    expect(page.body).toEqual(departments(['od4', '14']));
    expect(page.headers['x-total-count']).toBe('4');
    expect((await get('?limit=0').expect(400)).body.message).toBe('limit must be an integer from 1 to 10000');
  });
});

// Each test writes what it needs (the 409 its own owner), so any one runs alone and in any order.
describe('/api/v1/mappings/departments: refusals', () => {
  const { http, store } = useApp();
  const { put } = departmentsApi(http);

  it('refuses a bad row with 400 naming the row and field, writing nothing', async () => {
    const response = await put([...departments(['od5', '15']), { feishuDepartmentId: 'od6', wecomPartyId: 16 }]);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: '[1].wecomPartyId must be a non-empty string',
    });
    const unknown = await put([{ feishuDepartmentId: 'od6', wecomPartyId: '16', wecomUserId: 'x' }]).expect(400);
    expect(unknown.body.message).toBe(
      '[0].wecomUserId is not a known field (expected feishuDepartmentId and wecomPartyId)',
    );
    expect(await store().departments.toWecom(['od5', 'od6'])).toEqual(new Map());
  });

  it('refuses an id twice in one batch, naming both rows', async () => {
    const response = await put(departments(['od7', '17'], ['od8', '17'])).expect(400);
    expect(response.body.message).toBe(
      '[1].wecomPartyId repeats [0].wecomPartyId ("17"): each WeCom department may appear only once per request',
    );
  });

  it('answers 409 naming the id when a WeCom party is already mapped to another Feishu department', async () => {
    await put(departments(['od1', '11'])).expect(200);
    const response = await put(departments(['od9', '19'], ['od10', '11'])).expect(409);
    expect(response.body.details[0]).toBe('[1].wecomPartyId "11" is already mapped to feishuDepartmentId "od1"');
    expect(await store().departments.toWecom(['od9', 'od10'])).toEqual(new Map());
  });

  it('refuses more than 10,000 rows with 413', async () => {
    const rows = Array.from({ length: 10_001 }, (_, n) => ({ feishuDepartmentId: `odx${n}`, wecomPartyId: `${n}` }));
    const response = await put(rows).expect(413);
    expect(response.body.message).toBe(
      'At most 10000 department mappings per request, got 10001: split them over several requests',
    );
  });
});
