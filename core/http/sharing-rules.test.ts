import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';
import { openEventStream, type EventStream } from './test-event-stream.js';

const label = (en: string) => ({ en, 'zh-CN': en });
/** Big deals are shared with every auditor (read); deals of the east region with team east (edit). */
const deal = {
  kind: 'entity', name: 'deal', label: label('Deal'), titleField: 'title',
  fields: { title: { type: 'text', required: true }, amount: { type: 'decimal' }, region: { type: 'text' } },
  offline: { max: 100 },
  sharingRules: [
    { name: 'big_deals', label: label('Big deals'), condition: { '>=': [{ var: 'amount' }, 1000] }, role: 'auditor', access: 'read' },
    { name: 'east_deals', condition: { '==': [{ var: 'region' }, 'east'] }, team: 'east', access: 'edit' },
  ],
};
const seller = { kind: 'role', name: 'seller', label: label('Seller'), entities: { deal: { create: true, read: 'own', update: 'own', delete: 'own' }, team: { read: 'all' } } };
const auditor = { kind: 'role', name: 'auditor', label: label('Auditor'), entities: { deal: { create: false, read: 'own', update: 'none', delete: 'none' } } };
/** A lead reads and edits what the people below them own (the manager hierarchy), but deletes nothing. */
const lead = { kind: 'role', name: 'lead', label: label('Lead'), entities: { deal: { create: true, read: 'own', update: 'own', delete: 'none', hierarchy: 'edit' } } };
const byRegion = { kind: 'report', name: 'deals_by_region', label: label('By region'), entity: 'deal', groupBy: ['region'], measures: [{ name: 'deals', aggregate: 'count' }] };
type Call = ReturnType<typeof api>;
const PASSWORD = 'Rule-Pass-2026';

/**
 * Sharing rules and the manager hierarchy (issue 23): both join the same SQL row scope as
 * the roles and single-record shares, so lists, gets, updates, exports, reports, the sync
 * feed and live events honour them; the access explanation names them.
 */
describe('sharing rules and the manager hierarchy', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  const users: Record<string, { id: string; token: string; call: Call }> = {};
  const deals: Record<string, { id: string; version: number }> = {};
  const streams: EventStream[] = [];

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'rules');
    admin = api(url, made.token);
    for (const doc of [deal]) { const r = await admin("PUT", `/api/studio/entity/${doc.name}`, doc); expect(r.status, JSON.stringify(r.body)).toBeLessThan(300); }
    for (const doc of [seller, auditor, lead]) expect((await admin('PUT', `/api/studio/role/${doc.name}`, doc)).status).toBeLessThan(300);
    expect((await admin('PUT', `/api/studio/report/${byRegion.name}`, byRegion)).status).toBeLessThan(300);
    const published = await admin('POST', '/api/studio/publish', {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    await admin('POST', '/api/records/team', { name: 'east' });
    // carol leads bob, who leads dave (dave → bob → carol); alice is in team east; erin audits.
    const people: [string, string[], string | null, string | null][] = [
      ['carol', ['lead'], null, null], ['bob', ['seller'], null, 'carol'], ['dave', ['seller'], null, 'bob'], ['alice', ['seller'], 'east', null], ['erin', ['auditor'], null, null],
    ];
    for (const [login, roles, team, manager] of people) {
      const res = await admin('POST', '/api/users', { email: `${login}@rules.test`, password: PASSWORD, name: login, roles, team, manager: manager ? users[manager].id : null });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.manager).toBe(manager ? users[manager].id : null);
      const token = (await api(url)('POST', '/api/auth/login', { tenant: 'rules', email: `${login}@rules.test`, password: PASSWORD })).body.token;
      users[login] = { id: res.body.id, token, call: api(url, token) };
    }
    const make = async (who: string, title: string, amount: number, region: string) => {
      const res = await users[who].call('POST', '/api/records/deal', { title, amount, region });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      deals[title] = { id: res.body.id, version: res.body.version };
    };
    await make('bob', 'Bob big', 5000, 'west');
    await make('bob', 'Bob small', 10, 'west');
    await make('dave', 'Dave east', 20, 'east');
    await make('carol', 'Carol own', 30, 'north');
  }, 600_000); // five users with hashed passwords and a publish, on a busy in-memory database
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.close();
  });

  const titles = async (who: Call) => ((await who('GET', '/api/records/deal?limit=500')).body.data as { title: string }[]).map((d) => d.title).sort();

  it('shares the records matching a rule with a role (read) or a team (edit), through every door', async () => {
    const { erin, alice } = users;
    expect(await titles(erin.call)).toEqual(['Bob big']);
    expect((await erin.call('GET', `/api/records/deal/${deals['Bob big'].id}`)).body.title).toBe('Bob big');
    expect((await erin.call('GET', `/api/records/deal/${deals['Bob small'].id}`)).status).toBe(404);
    expect((await erin.call('PATCH', `/api/records/deal/${deals['Bob big'].id}`, { title: 'x' }, { 'If-Match': '1' })).status).toBe(403);
    const csv = await fetch(`${url}/api/records/deal/export?format=csv`, { headers: { authorization: `Bearer ${erin.token}` } }).then((r) => r.text());
    expect(csv).toContain('Bob big');
    expect(csv).not.toContain('Bob small');
    const report = await erin.call('POST', `/api/reports/${byRegion.name}/run`, {});
    expect(report.body.rows).toEqual([{ region: 'west', deals: 1 }]);
    const sync = await erin.call('GET', '/api/sync/changes?limit=50');
    expect((sync.body.changes as { id: string }[]).map((c) => c.id)).toEqual([deals['Bob big'].id]);

    // Team east edits the east deals (and only those), though alice owns none of them.
    expect(await titles(alice.call)).toEqual(['Dave east']);
    const edited = await alice.call('PATCH', `/api/records/deal/${deals['Dave east'].id}`, { title: 'Dave east 2' }, { 'If-Match': '1' });
    expect(edited.status).toBe(200);
    expect((await alice.call('DELETE', `/api/records/deal/${deals['Dave east'].id}`)).status).toBe(403);
    await alice.call('PATCH', `/api/records/deal/${deals['Dave east'].id}`, { title: 'Dave east' }, { 'If-Match': String(edited.body.version) });

    // Live events: a deal that grows into the rule reaches the auditor's stream; a small one does not.
    const watch = await openEventStream(url, erin.token, { watch: 'deal' });
    streams.push(watch);
    await watch.next((e) => e.event === 'ready');
    const small = (await users.bob.call('POST', '/api/records/deal', { title: 'Bob later', amount: 5, region: 'west' })).body;
    const grown = await users.bob.call('PATCH', `/api/records/deal/${small.id}`, { amount: 2000 }, { 'If-Match': '1' });
    expect(grown.status).toBe(200);
    const seen = await watch.next((e) => e.event === 'record.changed' && e.data.id === small.id);
    expect(seen.data.action).toBe('update');
    expect(watch.events.filter((e) => e.event === 'record.changed' && e.data.action === 'create' && e.data.id === small.id)).toEqual([]);
    expect((await users.bob.call('DELETE', `/api/records/deal/${small.id}`)).status).toBe(204);
  });

  it('lets a manager read and edit what the people below them own, transitively, and follows changes of manager', async () => {
    const { carol, bob, dave } = users;
    expect(await titles(carol.call)).toEqual(['Bob big', 'Bob small', 'Carol own', 'Dave east']);
    expect(await titles(bob.call)).toEqual(['Bob big', 'Bob small']); // a seller's role grants no hierarchy
    expect((await carol.call('PATCH', `/api/records/deal/${deals['Bob small'].id}`, { amount: 11 }, { 'If-Match': '1' })).status).toBe(200);
    expect((await carol.call('DELETE', `/api/records/deal/${deals['Bob small'].id}`)).status).toBe(403);
    const report = await carol.call('POST', `/api/reports/${byRegion.name}/run`, {});
    expect(report.body.rows).toEqual(expect.arrayContaining([{ region: 'west', deals: 2 }, { region: 'east', deals: 1 }, { region: 'north', deals: 1 }]));

    // No cycles, no self, no stranger; each refusal names the field and changes nothing.
    for (const [who, manager] of [[carol.id, dave.id], [bob.id, bob.id], [bob.id, 'nobody'], [bob.id, deals['Bob big'].id]]) {
      const res = await admin('PATCH', `/api/users/${who}`, { manager });
      expect(res.status, String(manager)).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'manager' })]);
    }
    expect((await admin('PATCH', `/api/users/${dave.id}`, { manager: null })).body.manager).toBe(null);
    expect(await titles(carol.call)).toEqual(['Bob big', 'Bob small', 'Carol own']);
    expect((await carol.call('GET', `/api/records/deal/${deals['Dave east'].id}`)).status).toBe(404);
    expect((await admin('PATCH', `/api/users/${dave.id}`, { manager: bob.id })).body.manager).toBe(bob.id);
    expect((await carol.call('GET', `/api/records/deal/${deals['Dave east'].id}`)).status).toBe(200);
  });

  it('explains which role, hierarchy, sharing rule or share grants a user access to a record', async () => {
    const { erin, carol, alice, bob } = users;
    const rule = (await admin('GET', `/api/records/deal/${deals['Bob big'].id}/access?user=${erin.id}`)).body;
    expect(rule.operations.read).toMatchObject({ allowed: true, reasons: [{ kind: 'sharingRule', name: 'big_deals', role: 'auditor' }] });
    expect(rule.operations.read.sharingRules).toEqual([{ name: 'big_deals', label: label('Big deals'), role: 'auditor', access: 'read', matches: true }]);
    expect(rule.operations.update).toMatchObject({ allowed: false, reasons: [] });

    const boss = (await admin('GET', `/api/records/deal/${deals['Dave east'].id}/access?user=${carol.id}`)).body;
    expect(boss.operations.read.reasons).toEqual([{ kind: 'hierarchy', role: 'lead' }]);
    expect(boss.operations.update).toMatchObject({ allowed: true, reasons: [{ kind: 'hierarchy', role: 'lead' }] });
    expect(boss.operations.delete).toMatchObject({ allowed: false, reasons: [] });

    const team = (await admin('GET', `/api/records/deal/${deals['Dave east'].id}/access?user=${alice.id}`)).body;
    expect(team.operations.update.reasons).toEqual([{ kind: 'sharingRule', name: 'east_deals', team: 'east' }]);

    const shared = await bob.call('POST', `/api/records/deal/${deals['Bob small'].id}/shares`, { user: erin.id, access: 'read' });
    expect(shared.status).toBe(201);
    const byShare = (await admin('GET', `/api/records/deal/${deals['Bob small'].id}/access?user=${erin.id}`)).body;
    expect(byShare.operations.read).toMatchObject({ allowed: true, reasons: [{ kind: 'share', id: shared.body.id, user: erin.id, team: null, access: 'read' }] });
    expect((await erin.call('GET', `/api/records/deal/${deals['Bob small'].id}`)).status).toBe(200);
    const own = (await admin('GET', `/api/records/deal/${deals['Bob small'].id}/access?user=${bob.id}`)).body;
    expect(own.operations.read.reasons).toEqual([{ kind: 'role', role: 'seller', scope: 'own' }]);
  });

  it('refuses a sharing rule without a target, with two, or over a field that does not exist', async () => {
    const bad = { ...deal, sharingRules: [{ name: 'x', condition: { '>': [{ var: 'amount' }, 1] }, access: 'read' }, { name: 'y', condition: { '>': [{ var: 'nope' }, 1] }, role: 'auditor', team: 'east', access: 'edit' }] };
    const res = await admin('PUT', '/api/studio/entity/deal', bad);
    expect(res.status).toBe(400);
    const pointers = (res.body.errors as { field?: string; pointer?: string }[]).map((e) => e.pointer ?? e.field);
    expect(pointers).toEqual(expect.arrayContaining(['/sharingRules/0', '/sharingRules/1', expect.stringContaining('/sharingRules/1/condition')]));
    expect((await admin('PUT', '/api/studio/entity/deal', deal)).status).toBeLessThan(300);
  });
});
