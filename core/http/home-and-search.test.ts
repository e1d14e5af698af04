import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string, zh = en) => ({ en, 'zh-CN': zh });
/** Deals with a stage, an amount and a due day; notes with a private body. Sellers read and edit only their own deals. */
const deal = {
  kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title', searchFields: ['title', 'code'],
  fields: {
    title: { type: 'text', required: true }, code: { type: 'text' }, amount: { type: 'decimal' }, due: { type: 'date' },
    stage: { type: 'enum', options: [{ value: 'open' }, { value: 'won' }] }, secret: { type: 'text' },
  },
};
const memo = { kind: 'entity', name: 'memo', label: label('Memo'), titleField: 'subject', fields: { subject: { type: 'text', required: true } } };
const seller = {
  kind: 'role', name: 'seller', label: label('Seller'),
  entities: { deal: { create: true, read: 'own', update: 'own', delete: 'own', fields: { secret: 'hidden' } } },
};
const me = { var: '$user.id' };
const tiles = [
  {
    kind: 'home_tile', name: 'due_deals', label: label('My deals due', '我的到期商机'), empty: label('Nothing due', '没有到期'), order: 2, entity: 'deal', show: 'list',
    filter: { and: [{ '==': [{ var: 'owner_id' }, me] }, { '>=': [{ days_between: [{ var: 'due' }, { var: '$today' }] }, 0] }] }, fields: ['amount', 'secret'], sort: 'due',
  },
  { kind: 'home_tile', name: 'pipeline', label: label('Pipeline by stage'), order: 1, entity: 'deal', show: 'group', groupBy: 'stage', sum: 'amount' },
  { kind: 'home_tile', name: 'memos', label: label('Memos'), order: 3, entity: 'memo', show: 'count' },
  { kind: 'home_tile', name: 'approvals', label: label('Approvals'), order: 4, source: 'approvals' },
];
type Call = ReturnType<typeof api>;
const PASSWORD = 'Home-Pass-2026';

/** The home page's tiles and the search across entities, each one query under the user's row scope. */
describe('home tiles and search everywhere', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  const users: Record<string, Call> = {};
  let today = '';

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'myday');
    admin = api(url, made.token);
    for (const doc of [deal, memo]) expect((await admin('PUT', `/api/studio/entity/${doc.name}`, doc)).status).toBeLessThan(300);
    expect((await admin('PUT', '/api/studio/role/seller', seller)).status).toBeLessThan(300);
    for (const tile of tiles) {
      const r = await admin('PUT', `/api/studio/home_tile/${tile.name}`, tile);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    const published = await admin('POST', '/api/studio/publish', {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    for (const login of ['ann', 'bob']) {
      const res = await admin('POST', '/api/users', { email: `${login}@myday.test`, password: PASSWORD, name: login, roles: ['seller'] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      users[login] = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'myday', email: `${login}@myday.test`, password: PASSWORD })).body.token as string);
    }
    today = (await users.ann('GET', '/api/home')).body.today as string;
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const make = async (who: Call, data: Record<string, unknown>) => {
      const res = await who('POST', '/api/records/deal', data);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const first = await make(users.ann, { title: '苏州恒信精密机械 扩产项目', code: 'D-1', amount: 1000, due: day(0), stage: 'open' });
    // A word only in a field hidden from sellers, on Ann's own deal.
    expect((await admin('PATCH', `/api/records/deal/${first}`, { secret: 'Hidden-word' }, { 'If-Match': '1' })).status).toBe(200);
    await make(users.ann, { title: 'Ann overdue 100%_deal', code: 'D-2', amount: 250, due: day(-3), stage: 'open' });
    await make(users.ann, { title: 'Ann later', code: 'D-3', amount: 50, due: day(5), stage: 'won' });
    await make(users.bob, { title: '杭州云栖 恒信 合作', code: 'D-4', amount: 7000, due: day(0), stage: 'open' });
    expect((await admin('POST', '/api/records/memo', { subject: '恒信 kickoff memo' })).status).toBe(201);
  }, 600_000);
  afterAll(async () => server?.close());

  it("answers a rep's tiles in their order, from their own records only, with today in the tenant's zone", async () => {
    const res = await users.ann('GET', '/api/home');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The memo tile is left out: a seller may not read memos at all.
    expect(res.body.tiles.map((t: { name: string }) => t.name)).toEqual(['pipeline', 'due_deals', 'approvals']);
    const [pipeline, due, approvals] = res.body.tiles;
    expect(pipeline).toMatchObject({ show: 'group', groupBy: 'stage', sum: 'amount', count: 3 });
    expect(pipeline.groups).toEqual([{ value: 'open', count: 2, sum: 1250 }, { value: 'won', count: 1, sum: 50 }]);
    expect(due).toMatchObject({ entity: 'deal', show: 'list', count: 2, titleField: 'title', empty: label('Nothing due', '没有到期') });
    expect(due.records.map((r: { title: string }) => r.title)).toEqual(['Ann overdue 100%_deal', '苏州恒信精密机械 扩产项目']);
    // A field hidden from sellers is left out of the tile, not a failure of the page.
    expect(due.fields).toEqual(['amount']);
    expect(due.records.every((r: Record<string, unknown>) => !('secret' in r))).toBe(true);
    expect(approvals).toMatchObject({ source: 'approvals', count: 0, records: [] });
    const bob = (await users.bob('GET', '/api/home')).body.tiles;
    expect(bob[0].groups).toEqual([{ value: 'open', count: 1, sum: 7000 }]);
    expect(bob[1].records.map((r: { title: string }) => r.title)).toEqual(['杭州云栖 恒信 合作']);
    const all = (await admin('GET', '/api/home')).body.tiles;
    expect(all.map((t: { name: string }) => t.name)).toEqual(['pipeline', 'due_deals', 'memos', 'approvals']);
    expect(all[2]).toMatchObject({ show: 'count', count: 1 });
    // The admin reads every field; the tile is still "my" deals, and the admin owns none.
    expect(all[1]).toMatchObject({ fields: ['amount', 'secret'], count: 0, records: [] });
  });

  it('finds Chinese text across entities in one answer grouped by entity, and a rep never finds another rep\'s records', async () => {
    const adminFound = await admin('GET', `/api/search?q=${encodeURIComponent('恒信')}`);
    expect(adminFound.status).toBe(200);
    expect(adminFound.body.groups.map((g: { entity: string; records: unknown[] }) => [g.entity, g.records.length])).toEqual([['deal', 2], ['memo', 1]]);
    const ann = await users.ann('GET', `/api/search?q=${encodeURIComponent('恒信')}`);
    expect(ann.body.groups).toEqual([{ entity: 'deal', more: false, records: [{ id: expect.any(String), title: '苏州恒信精密机械 扩产项目', detail: null }] }]);
    const bob = await users.bob('GET', `/api/search?q=${encodeURIComponent('恒信')}`);
    expect(bob.body.groups.flatMap((g: { records: { title: string }[] }) => g.records.map((r) => r.title))).toEqual(['杭州云栖 恒信 合作']);
    // A field hidden from sellers is not searched for them.
    expect((await users.ann('GET', '/api/search?q=Hidden-word')).body.groups).toEqual([]);
  });

  it('takes % and _ literally, caps the records per entity and refuses a text that is too long', async () => {
    expect((await users.ann('GET', `/api/search?q=${encodeURIComponent('100%_')}`)).body.groups[0].records.map((r: { title: string }) => r.title)).toEqual(['Ann overdue 100%_deal']);
    expect((await users.ann('GET', `/api/search?q=${encodeURIComponent('%')}`)).body.groups[0].records).toHaveLength(1);
    const capped = await users.ann('GET', '/api/search?q=ann&limit=1');
    expect(capped.body.groups[0]).toMatchObject({ entity: 'deal', more: true });
    expect(capped.body.groups[0].records).toHaveLength(1);
    expect((await users.ann('GET', '/api/search?q=')).body.groups).toEqual([]);
    const long = await users.ann('GET', `/api/search?q=${'x'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.body.errors[0]).toMatchObject({ field: 'q' });
    expect((await users.ann('GET', '/api/search?q=a&limit=0')).status).toBe(400);
  });

  it('lists the records a user opened last across entities, newest first, only while they may still read them', async () => {
    const ids = async (who: Call, q: string) => ((await who('GET', `/api/search?q=${encodeURIComponent(q)}`)).body.groups as { records: { id: string }[] }[]).flatMap((g) => g.records.map((r) => r.id));
    const [mine] = await ids(users.ann, '苏州恒信');
    const [later] = await ids(users.ann, 'Ann later');
    const [bobs] = await ids(users.bob, '杭州云栖');
    const [memo] = await ids(admin, 'kickoff');
    const note = (who: Call, entity: string, id: string) => who('POST', '/api/recent', { entity, id });
    expect((await users.ann('GET', '/api/recent')).body).toEqual({ data: [] });
    expect((await note(users.ann, 'deal', mine)).status).toBe(204);
    expect((await note(users.ann, 'deal', later)).status).toBe(204);
    // Another rep's deal and an entity she may not read are not hers to note.
    expect((await note(users.ann, 'deal', bobs)).status).toBe(404);
    expect((await note(users.ann, 'memo', memo)).status).toBe(403);
    const bad = await users.ann('POST', '/api/recent', { entity: '', id: 'x' });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['entity', 'id']]);
    expect((await users.ann('GET', '/api/recent?limit=0')).status).toBe(400);
    // Opening the first again moves it to the top; the admin's own list is theirs alone.
    expect((await note(users.ann, 'deal', mine)).status).toBe(204);
    expect((await note(admin, 'memo', memo)).status).toBe(204);
    const list = (await users.ann('GET', '/api/recent')).body.data as { entity: string; id: string; title: string; viewedAt: string }[];
    expect(list.map((r) => [r.entity, r.title])).toEqual([['deal', '苏州恒信精密机械 扩产项目'], ['deal', 'Ann later']]);
    expect(Date.parse(list[0].viewedAt)).toBeGreaterThanOrEqual(Date.parse(list[1].viewedAt));
    expect(((await admin('GET', '/api/recent?limit=1')).body.data as { entity: string }[]).map((r) => r.entity)).toEqual(['memo']);
    // Given to Bob, the deal leaves Ann's list; deleted, it leaves every list.
    const bob = (await users.bob('GET', '/api/auth/me')).body.user.id as string;
    const owned = await admin('GET', `/api/records/deal/${later}`);
    expect((await admin('PATCH', `/api/records/deal/${later}`, { owner_id: bob }, { 'If-Match': String(owned.body.version) })).status).toBe(200);
    expect(((await users.ann('GET', '/api/recent')).body.data as { title: string }[]).map((r) => r.title)).toEqual(['苏州恒信精密机械 扩产项目']);
    expect((await admin('DELETE', `/api/records/deal/${mine}`)).status).toBeLessThan(300);
    expect((await users.ann('GET', '/api/recent')).body.data).toEqual([]);
  });
});
