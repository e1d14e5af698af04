import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
/** Deals a device keeps: the user's own open ones (the filter), at most 3 (the cap). */
const deal = {
  kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title',
  fields: { title: { type: 'text', required: true }, stage: { type: 'text' } },
  offline: { filter: { and: [{ '!=': [{ var: 'stage' }, 'lost'] }, { '==': [{ var: 'owner_id' }, { var: '$user.id' }] }] }, max: 3 },
};
/** Visits a device keeps because their deal is the user's: the set, and the read scope, follow the deal's owner. */
const visit = {
  kind: 'entity', name: 'visit', label: label('Visit'), titleField: 'subject',
  fields: { subject: { type: 'text' }, deal: { type: 'reference', entity: 'deal' } },
  offline: { filter: { '==': [{ var: 'deal.owner_id' }, { var: '$user.id' }] }, max: 100 },
};
const note = { kind: 'entity', name: 'note', label: label('Note'), titleField: 'text', fields: { text: { type: 'text' } } };
const seller = { kind: 'role', name: 'seller', label: label('Seller'), entities: { deal: { create: true, read: 'own', update: 'own', delete: 'own' }, visit: { create: true, read: { '==': [{ var: 'deal.owner_id' }, { var: '$user.id' }] }, update: 'none', delete: 'none' }, note: { create: true, read: 'all', update: 'own', delete: 'none' } } };
const viewer = { kind: 'role', name: 'viewer', label: label('Viewer'), entities: { note: { create: false, read: 'all', update: 'none', delete: 'none' } } };

type Change = { entity: string; id: string; op: 'upsert' | 'remove'; record?: Record<string, unknown> };
type Page = { reset: boolean; changes: Change[]; cursor: string; more: boolean };

describe('the change feed for offline devices (GET /api/sync/changes)', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let slug = 0;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  const freshTenant = async () => {
    const name = `sync_${++slug}`;
    const { token, tenant } = await tenantWithAdmin(db, url, name);
    const admin = api(url, token);
    for (const doc of [deal, visit, note]) await admin('PUT', `/api/studio/entity/${doc.name}`, doc);
    for (const doc of [seller, viewer]) await admin('PUT', `/api/studio/role/${doc.name}`, doc);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const user = async (email: string, roles: string[]) => {
      const id = (await admin('POST', '/api/users', { email, password: 'Sync-Pass-2026!', name: email.split('@')[0], roles })).body.id as string;
      const login = await api(url)('POST', '/api/auth/login', { tenant: name, email, password: 'Sync-Pass-2026!' });
      return { id, call: api(url, login.body.token) };
    };
    return { admin, user, tenant };
  };

  /** Every page until `more` is false, from `since`. */
  const drain = async (call: ReturnType<typeof api>, since?: string, limit = 2) => {
    const pages: Page[] = [];
    let cursor = since;
    for (let i = 0; i < 50; i++) {
      const res = await call('GET', `/api/sync/changes?limit=${limit}${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      pages.push(res.body);
      cursor = res.body.cursor;
      if (!res.body.more) break;
    }
    return { pages, cursor: cursor!, changes: pages.flatMap((p) => p.changes) };
  };

  it('loads the working set page by page: only what the filter and the user\'s scope select, up to the cap', async () => {
    const { user } = await freshTenant();
    const sam = await user('sam@sync.test', ['seller']);
    const kim = await user('kim@sync.test', ['seller']);
    for (const [who, title, stage] of [[sam, 'S1', 'open'], [sam, 'S2', 'lost'], [sam, 'S3', 'open'], [kim, 'K1', 'open'], [sam, 'S4', 'won'], [sam, 'S5', 'open']] as const) {
      expect((await who.call('POST', '/api/records/deal', { title, stage })).status).toBe(201);
    }
    const first = await drain(sam.call);
    expect(first.pages[0].reset).toBe(true);
    expect(first.pages.slice(1).every((p) => !p.reset)).toBe(true);
    expect(first.pages.every((p) => p.changes.length <= 2)).toBe(true);
    const titles = first.changes.map((c) => c.record?.title);
    expect(first.changes.every((c) => c.op === 'upsert' && c.entity === 'deal')).toBe(true);
    expect(titles).toHaveLength(3);
    expect(titles.every((t) => ['S1', 'S3', 'S4', 'S5'].includes(String(t)))).toBe(true);
    const again = await drain(sam.call, first.cursor);
    expect(again.changes).toEqual([]);
    expect(again.pages[0].reset).toBe(false);
  });

  it('then sends the changes since, in commit order: edits as the record reads now, removals when a record is deleted, leaves the scope or the filter', async () => {
    const { admin, user } = await freshTenant();
    const sam = await user('sam@sync.test', ['seller']);
    const kim = await user('kim@sync.test', ['seller']);
    const a = (await sam.call('POST', '/api/records/deal', { title: 'A', stage: 'open' })).body;
    const b = (await sam.call('POST', '/api/records/deal', { title: 'B', stage: 'open' })).body;
    const c = (await sam.call('POST', '/api/records/deal', { title: 'C', stage: 'open' })).body;
    const { cursor } = await drain(sam.call);

    const a2 = (await admin('PATCH', `/api/records/deal/${a.id}`, { title: 'A renamed' }, { 'If-Match': String(a.version) })).body;
    await admin('PATCH', `/api/records/deal/${b.id}`, { stage: 'lost' }, { 'If-Match': String(b.version) });
    expect((await admin('DELETE', `/api/records/deal/${c.id}`, undefined, { 'If-Match': String(c.version) })).status).toBe(204);
    const d = (await sam.call('POST', '/api/records/deal', { title: 'D', stage: 'open' })).body;
    await admin('PATCH', `/api/records/deal/${a.id}`, { owner_id: kim.id }, { 'If-Match': String(a2.version) });

    const next = await drain(sam.call, cursor);
    expect(next.pages[0].reset).toBe(false);
    expect(next.changes.map((ch) => [ch.id, ch.op])).toEqual([
      [b.id, 'remove'],
      [c.id, 'remove'],
      [d.id, 'upsert'],
      [a.id, 'remove'],
    ]);
    expect(next.changes.find((ch) => ch.id === d.id)?.record).toMatchObject({ title: 'D', stage: 'open', version: 1 });
    expect(next.changes.filter((ch) => ch.op === 'remove').every((ch) => ch.record === undefined)).toBe(true);

    const forKim = await drain(kim.call);
    expect(forKim.changes.map((ch) => ch.record?.title)).toEqual(['A renamed']);
  });

  it('does not miss records removed or changed on the server while the device is still loading its working set', async () => {
    const { admin, user } = await freshTenant();
    const sam = await user('sam@sync.test', ['seller']);
    const made = [];
    for (const title of ['A', 'B', 'C']) made.push((await sam.call('POST', '/api/records/deal', { title, stage: 'open' })).body);
    // The device holds what it was sent, page by page, as the app applies them.
    const held = new Map<string, Record<string, unknown>>();
    const apply = (page: Page) => {
      if (page.reset) held.clear();
      for (const ch of page.changes) {
        if (ch.op === 'upsert') held.set(ch.id, ch.record!);
        else held.delete(ch.id);
      }
    };
    const first = (await sam.call('GET', '/api/sync/changes?limit=1')).body as Page;
    apply(first);
    expect(first.more).toBe(true);
    const [had] = [...held.keys()];
    const other = made.find((r) => r.id !== had)!;
    // Mid-load: the record already sent is deleted, another leaves the filter.
    const was = made.find((r) => r.id === had)!;
    expect((await admin('DELETE', `/api/records/deal/${had}`, undefined, { 'If-Match': String(was.version) })).status).toBe(204);
    await admin('PATCH', `/api/records/deal/${other.id}`, { stage: 'lost' }, { 'If-Match': String(other.version) });
    const rest = await drain(sam.call, first.cursor, 1);
    rest.pages.forEach(apply);
    const left = made.filter((r) => r.id !== had && r.id !== other.id).map((r) => r.id);
    expect([...held.keys()].sort()).toEqual(left.sort());
    // Caught up: nothing more comes, and a later deletion still reaches the device.
    expect((await drain(sam.call, rest.cursor, 1)).changes).toEqual([]);
    const last = made.find((r) => r.id === left[0])!;
    expect((await admin('DELETE', `/api/records/deal/${last.id}`, undefined, { 'If-Match': String(last.version) })).status).toBe(204);
    const after = await drain(sam.call, rest.cursor, 1);
    after.pages.forEach(apply);
    expect(after.changes.map((ch) => [ch.id, ch.op])).toEqual([[last.id, 'remove']]);
    expect(held.size).toBe(0);
  });

  it('names in a removal only records the device had: not others\' records that changed, nor ones made and gone since', async () => {
    const { admin, user } = await freshTenant();
    const sam = await user('sam@sync.test', ['seller']);
    const kim = await user('kim@sync.test', ['seller']);
    const mine = (await sam.call('POST', '/api/records/deal', { title: 'Mine', stage: 'open' })).body;
    const kims = (await kim.call('POST', '/api/records/deal', { title: 'Kim\'s', stage: 'open' })).body;
    const { cursor } = await drain(sam.call, undefined, 50);

    await admin('PATCH', `/api/records/deal/${kims.id}`, { stage: 'lost' }, { 'If-Match': String(kims.version) });
    const brief = (await sam.call('POST', '/api/records/deal', { title: 'Brief', stage: 'open' })).body;
    expect((await admin('DELETE', `/api/records/deal/${brief.id}`, undefined, { 'If-Match': String(brief.version) })).status).toBe(204);
    await admin('PATCH', `/api/records/deal/${mine.id}`, { owner_id: kim.id }, { 'If-Match': String(mine.version) });
    const kept = (await kim.call('POST', '/api/records/deal', { title: 'Kim\'s too', stage: 'open' })).body;
    await admin('PATCH', `/api/records/deal/${kept.id}`, { title: 'Kim\'s still' }, { 'If-Match': String(kept.version) });

    const next = await drain(sam.call, cursor, 50);
    expect(next.changes.map((ch) => [ch.id, ch.op])).toEqual([[mine.id, 'remove']]);
  });

  it('delivers, in commit order, a change whose transaction began first and committed after a newer one the device already read', async () => {
    const { admin, user, tenant } = await freshTenant();
    const sam = await user('sam@sync.test', ['seller']);
    const early = (await sam.call('POST', '/api/records/deal', { title: 'Early', stage: 'open' })).body;
    const late = (await sam.call('POST', '/api/records/deal', { title: 'Late', stage: 'open' })).body;
    const { cursor } = await drain(sam.call, undefined, 50);
    // A long transaction: it writes first (its history row numbered below the next one's), commits last.
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const long = withTenant(db.knex, tenant, async (trx) => {
      await trx('deal').where({ id: early.id }).update({ stage: 'lost', version: early.version + 1 });
      await trx('_history').insert({ entity: 'deal', record_id: early.id, action: 'update', changes: JSON.stringify({ stage: ['open', 'lost'] }) });
      await trx('_events').insert({ topic: 'record.changed', audience: JSON.stringify({ record: { entity: 'deal', id: early.id } }), data: JSON.stringify({ entity: 'deal', id: early.id, action: 'update' }) });
      written();
      // PGlite has one connection: transactions cannot overlap there, so it commits at once.
      if (db.backend === 'postgres') await held;
    });
    await wrote;
    if (db.backend !== 'postgres') await long;
    await admin('PATCH', `/api/records/deal/${late.id}`, { title: 'Later' }, { 'If-Match': String(late.version) });
    const between = await drain(sam.call, cursor, 50);
    expect(between.changes.some((ch) => ch.id === late.id && ch.op === 'upsert')).toBe(true);
    commit();
    await long;
    const after = await drain(sam.call, between.cursor, 50);
    // On Postgres the removal comes after the late commit; on PGlite it came with the rest.
    const removals = [...between.changes, ...after.changes].filter((ch) => ch.op === 'remove').map((ch) => ch.id);
    expect(removals).toEqual([early.id]);
    if (db.backend === 'postgres') expect(after.changes.map((ch) => [ch.id, ch.op])).toEqual([[early.id, 'remove']]);
  });

  it('moves the records that follow a record to its new owner\'s device when its owner changes', async () => {
    const { admin, user } = await freshTenant();
    const sam = await user('sam@sync.test', ['seller']);
    const kim = await user('kim@sync.test', ['seller']);
    const shop = (await sam.call('POST', '/api/records/deal', { title: 'Shop', stage: 'open' })).body;
    const other = (await sam.call('POST', '/api/records/deal', { title: 'Other', stage: 'open' })).body;
    const call = (await admin('POST', '/api/records/visit', { subject: 'First call', deal: shop.id })).body;
    const stays = (await admin('POST', '/api/records/visit', { subject: 'Stays', deal: other.id })).body;
    const samHad = await drain(sam.call, undefined, 50);
    expect(samHad.changes.map((ch) => ch.id).sort()).toEqual([shop.id, other.id, call.id, stays.id].sort());
    const kimHad = await drain(kim.call, undefined, 50);
    expect(kimHad.changes).toEqual([]);

    await admin('PATCH', `/api/records/deal/${other.id}`, { title: 'Other, renamed' }, { 'If-Match': String(other.version) });
    expect((await admin('PATCH', `/api/records/deal/${shop.id}`, { owner_id: kim.id }, { 'If-Match': String(shop.version) })).status).toBe(200);
    const samNext = await drain(sam.call, samHad.cursor, 50);
    expect(samNext.changes.map((ch) => [ch.id, ch.op]).sort()).toEqual([[shop.id, 'remove'], [other.id, 'upsert'], [call.id, 'remove']].sort());
    const kimNext = await drain(kim.call, kimHad.cursor, 50);
    expect(kimNext.changes.map((ch) => [ch.id, ch.op]).sort()).toEqual([[shop.id, 'upsert'], [call.id, 'upsert']].sort());
    expect(kimNext.changes.find((ch) => ch.id === call.id)?.record?.subject).toBe('First call');
  });

  it('reloads from scratch when the user\'s roles change, and leaves out entities nobody gave them', async () => {
    const { admin, user } = await freshTenant();
    const vic = await user('vic@sync.test', ['viewer']);
    await admin('POST', '/api/records/deal', { title: 'Hidden', stage: 'open' });
    const { cursor, changes } = await drain(vic.call);
    expect(changes).toEqual([]);
    expect((await admin('PATCH', `/api/users/${vic.id}`, { roles: ['viewer', 'seller'] })).status).toBe(200);
    const own = (await vic.call('POST', '/api/records/deal', { title: 'Vic\'s', stage: 'open' })).body;
    const after = await drain(vic.call, cursor);
    expect(after.pages[0].reset).toBe(true);
    expect(after.changes.map((ch) => ch.id)).toEqual([own.id]);
  });

  it('refuses a cursor it did not give and parameters it does not know, naming them', async () => {
    const { admin } = await freshTenant();
    const forged = await admin('GET', '/api/sync/changes?since=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(JSON.stringify(forged.body)).toContain('since');
    expect((await admin('GET', '/api/sync/changes?limit=0')).status).toBe(400);
    expect((await admin('GET', '/api/sync/changes?all=1')).status).toBe(400);
    expect((await api(url)('GET', '/api/sync/changes')).status).toBe(401);
  });
});
