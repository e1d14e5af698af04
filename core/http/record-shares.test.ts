import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';
import { openEventStream, type EventStream } from './test-event-stream.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const deal = { kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title', fields: { title: { type: 'text', required: true } } };
const seller = { kind: 'role', name: 'seller', label: label('Seller'), entities: { deal: { create: true, read: 'own', update: 'own', delete: 'own' }, team: { read: 'all' } } };
type Call = ReturnType<typeof api>;

/** Sharing one record (DESIGN §12): the share widens that record's row scope for lists, gets, updates, exports and live events. */
describe('record shares (/api/records/:entity/:id/shares)', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  const users: Record<string, { id: string; token: string; call: Call }> = {};
  const streams: EventStream[] = [];

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'sharing');
    admin = api(url, made.token);
    for (const doc of [deal]) { const res = await admin('PUT', `/api/studio/entity/${doc.name}`, doc); expect(res.status, JSON.stringify(res.body)).toBeLessThan(300); }
    await admin('PUT', '/api/studio/role/seller', seller);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    await admin('POST', '/api/records/team', { name: 'east' });
    for (const [login, teamName] of [['alice', null], ['bob', null], ['carol', 'east']] as const) {
      const u = (await admin('POST', '/api/users', { email: `${login}@sharing.test`, password: 'Share-Pass-2026', name: login, roles: ['seller'], team: teamName })).body;
      const token = (await api(url)('POST', '/api/auth/login', { tenant: 'sharing', email: `${login}@sharing.test`, password: 'Share-Pass-2026' })).body.token;
      users[login] = { id: u.id, token, call: api(url, token) };
    }
  }, 600_000); // three users with hashed passwords and a publish, on a busy in-memory database
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.close();
  });

  const titles = async (who: Call) => ((await who('GET', '/api/records/deal?limit=500')).body.data as { title: string }[]).map((d) => d.title).sort();

  it('shares a record with a user to read, then to edit; only an editor shares; taking it back hides it again', async () => {
    const { alice, bob } = users;
    const d = (await alice.call('POST', '/api/records/deal', { title: 'Shared deal' })).body;
    await alice.call('POST', '/api/records/deal', { title: 'Alice only' });
    expect((await bob.call('GET', `/api/records/deal/${d.id}`)).status).toBe(404);
    expect((await bob.call('POST', `/api/records/deal/${d.id}/shares`, { user: bob.id, access: 'read' })).status).toBe(404);

    const watch = await openEventStream(url, bob.token, { watch: 'deal' });
    streams.push(watch);
    await watch.next((e) => e.event === 'ready');
    const read = await alice.call('POST', `/api/records/deal/${d.id}/shares`, { user: bob.id, access: 'read' });
    expect(read.status).toBe(201);
    expect(read.body).toMatchObject({ user: bob.id, team: null, access: 'read', userName: 'bob', createdBy: alice.id });
    expect((await bob.call('GET', `/api/records/deal/${d.id}`)).body.title).toBe('Shared deal');
    expect(await titles(bob.call)).toEqual(['Shared deal']);
    const csv = await fetch(`${url}/api/records/deal/export?format=csv`, { headers: { authorization: `Bearer ${bob.token}` } }).then((r) => r.text());
    expect(csv).toContain('Shared deal');
    expect(csv).not.toContain('Alice only');
    await alice.call('PATCH', `/api/records/deal/${d.id}`, { title: 'Shared deal 2' }, { 'If-Match': '1' });
    expect((await watch.next((e) => e.event === 'record.changed' && e.data.id === d.id && e.data.action === 'update')).data.entity).toBe('deal');

    const version = (await bob.call('GET', `/api/records/deal/${d.id}`)).body.version;
    expect((await bob.call('PATCH', `/api/records/deal/${d.id}`, { title: 'By Bob' }, { 'If-Match': String(version) })).status).toBe(403);
    expect((await bob.call('POST', `/api/records/deal/${d.id}/shares`, { user: users.carol.id, access: 'read' })).status).toBe(403);
    expect((await bob.call('DELETE', `/api/records/deal/${d.id}`)).status).toBe(403);

    const edit = await alice.call('POST', `/api/records/deal/${d.id}/shares`, { user: bob.id, access: 'edit' });
    expect(edit.body).toMatchObject({ id: read.body.id, access: 'edit' });
    expect((await bob.call('PATCH', `/api/records/deal/${d.id}`, { title: 'By Bob' }, { 'If-Match': String(version) })).status).toBe(200);
    expect((await bob.call('DELETE', `/api/records/deal/${d.id}`)).status).toBe(403);

    const listed = await bob.call('GET', `/api/records/deal/${d.id}/shares`);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: read.body.id, user: bob.id, access: 'edit' })]);
    const history = (await alice.call('GET', `/api/records/deal/${d.id}/history`)).body.data as { action: string; actorId: string }[];
    expect(history.filter((h) => h.action === 'action:share').map((h) => h.actorId)).toEqual([alice.id, alice.id]);

    expect((await alice.call('DELETE', `/api/records/deal/${d.id}/shares/${read.body.id}`)).status).toBe(204);
    expect((await alice.call('DELETE', `/api/records/deal/${d.id}/shares/${read.body.id}`)).status).toBe(404);
    expect((await bob.call('GET', `/api/records/deal/${d.id}`)).status).toBe(404);
    expect(await titles(bob.call)).toEqual([]);
    expect((await alice.call('GET', `/api/records/deal/${d.id}/history`)).body.data[0].action).toBe('action:unshare');
  });

  it('shares with a team: its members read the record; bad input changes nothing', async () => {
    const { alice, bob, carol } = users;
    const d = (await alice.call('POST', '/api/records/deal', { title: 'Team deal' })).body;
    const east = (await admin('GET', '/api/records/team?limit=10')).body.data[0];
    for (const bad of [{ user: bob.id, team: east.id, access: 'read' }, { access: 'read' }, { user: bob.id, access: 'all' }, { user: 'x', access: 'read' }, { user: d.id, access: 'read' }, { team: bob.id, access: 'read' }]) {
      const res = await alice.call('POST', `/api/records/deal/${d.id}/shares`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await alice.call('GET', `/api/records/deal/${d.id}/shares`)).body.data).toEqual([]);
    expect((await alice.call('POST', `/api/records/deal/${d.id}/shares`, { team: east.id, access: 'read' })).status).toBe(201);
    expect((await carol.call('GET', `/api/records/deal/${d.id}`)).body.title).toBe('Team deal');
    expect(await titles(carol.call)).toEqual(['Team deal']);
    expect((await bob.call('GET', `/api/records/deal/${d.id}`)).status).toBe(404);
    // An admin shares any record.
    expect((await admin('POST', `/api/records/deal/${d.id}/shares`, { user: bob.id, access: 'read' })).status).toBe(201);
    expect((await bob.call('GET', `/api/records/deal/${d.id}`)).status).toBe(200);
  });
});
