import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument, MetadataDocument } from '../metadata/types.js';
import { createRecord, deleteRecord, getRecord, listRecords, recordHistory, updateRecord } from './index.js';
import { account, deal, metaOf, recordsTenant, rejection, tag, accountTag } from './test-fixtures.js';
import type { Actor, RecordContext } from './types.js';

const team = JSON.parse(readFileSync(new URL('../../metadata/system/entities/team.json', import.meta.url), 'utf8')) as EntityDocument;
const searchable: EntityDocument = { ...account, searchFields: ['name', 'notes'] };

const roles = {
  rep: {
    kind: 'role', name: 'rep', label: { en: 'Rep', 'zh-CN': '销售' },
    entities: {
      account: { create: true, read: 'own', update: 'own', delete: 'none', fields: { credit: 'hidden', notes: 'read' } },
      deal: { create: true, read: 'all', update: 'own' },
    },
  },
  manager: {
    kind: 'role', name: 'manager', label: { en: 'Manager', 'zh-CN': '经理' },
    entities: { account: { create: true, read: 'team', update: 'team', delete: 'own' } },
    actions: ['account.assign'],
  },
  east_reader: {
    kind: 'role', name: 'east_reader', label: { en: 'East reader', 'zh-CN': '华东只读' },
    entities: { account: { read: { '==': [{ var: 'region' }, 'east'] }, fields: { credit: 'read', notes: 'hidden' } } },
  },
  // An outside role: only the fields it names, every other field (one added later included) hidden.
  outsider: {
    kind: 'role', name: 'outsider', label: { en: 'Outsider', 'zh-CN': '外部用户' },
    entities: { account: { read: 'all', update: 'all', fields: { name: 'read', phone: 'write' }, otherFields: 'hidden' } },
  },
};

describe('permissions on records', () => {
  let db: Db;
  let as: (actor: Actor) => <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  const user = (roles: string[], team: string | null = null): Actor => ({ id: uuidv7(), name: roles.join('+'), roles, team, isAdmin: false });
  let rep1: Actor, rep2: Actor, boss: Actor, east: Actor, nobody: Actor, outsider: Actor;

  beforeAll(async () => {
    db = await openTestDatabase();
    const meta = metaOf([searchable, deal, tag, accountTag, team]);
    for (const r of Object.values(roles)) meta.documents.role[r.name] = r as unknown as MetadataDocument;
    const { tenant, run } = await recordsTenant(db, meta);
    as = (actor) => (fn) => withTenant(db.knex, tenant, (trx) => fn({ db: trx, meta, actor }));
    rep1 = user(['rep'], 'east_sales');
    rep2 = user(['rep'], 'west_sales');
    boss = user(['manager'], 'sales');
    east = user(['east_reader']);
    nobody = user([]);
    outsider = user(['outsider']);
    await run(async (ctx) => {
      const sales = await createRecord('team', { name: 'sales' }, ctx);
      await createRecord('team', { name: 'east_sales', parent: sales.id }, ctx);
      await createRecord('team', { name: 'west_sales' }, ctx);
    });
    await withTenant(db.knex, tenant, (trx) => trx('_users').insert([rep1, rep2, boss].map((u) => ({ id: u.id, team: u.team, active: true }))));
  });
  afterAll(async () => db?.close());

  it('own scope: others\' records are 404 in get and absent from list, exactly like a random id', async () => {
    const mine = await as(rep1)((ctx) => createRecord('account', { name: 'Mine', region: 'east' }, ctx));
    expect(mine.owner_id).toBe(rep1.id);
    expect((await as(rep1)((ctx) => getRecord('account', String(mine.id), ctx))).name).toBe('Mine');
    const other = await rejection(as(rep2)((ctx) => getRecord('account', String(mine.id), ctx)));
    const random = await rejection(as(rep2)((ctx) => getRecord('account', uuidv7(), ctx)));
    expect(other.status).toBe(404);
    expect(other.message.replace(String(mine.id), 'X')).toBe(random.message.replace(/[0-9a-f-]{36}/, 'X'));
    expect((await as(rep2)((ctx) => listRecords('account', {}, ctx))).data.map((r) => r.id)).not.toContain(mine.id);
    expect((await rejection(as(rep2)((ctx) => updateRecord('account', String(mine.id), { name: 'Stolen' }, ctx)))).status).toBe(404);
    expect((await rejection(as(rep2)((ctx) => recordHistory('account', String(mine.id), ctx)))).status).toBe(404);
  });

  it('a reference path reaches only records the actor may read (null otherwise), in projection and filter', async () => {
    const theirs = await as(rep1)((ctx) => createRecord('account', { name: 'Reference target', region: 'south' }, ctx));
    const d = await as(rep2)((ctx) => createRecord('deal', { title: 'Cross deal', account: theirs.id }, ctx));
    const mineView = await as(rep1)((ctx) => listRecords('deal', { fields: ['title', 'account.name'], filter: { '==': [{ var: 'id' }, d.id] } }, ctx));
    expect(mineView.data[0]['account.name']).toBe('Reference target');
    const theirView = await as(rep2)((ctx) => listRecords('deal', { fields: ['title', 'account.name'], filter: { '==': [{ var: 'id' }, d.id] } }, ctx));
    expect(theirView.data[0]['account.name']).toBeNull();
    const probe = await as(rep2)((ctx) => listRecords('deal', { filter: { '==': [{ var: 'account.name' }, 'Reference target'] } }, ctx));
    expect(probe.data).toEqual([]);
    const sub = await as(rep2)((ctx) => listRecords('deal', { filter: { '==': [{ var: 'account.region' }, 'south'] }, fields: ['title'] }, ctx));
    expect(sub.data).toEqual([]);
  });

  it('hidden fields are absent everywhere and cannot be filtered, sorted, projected or searched', async () => {
    const made = await as(boss)((ctx) => createRecord('account', { name: 'Secretive', credit: 99, owner_id: rep1.id }, ctx));
    expect(made.credit).toBe(99);
    const rec = await as(rep1)((ctx) => updateRecord('account', String(made.id), { region: 'north' }, ctx));
    expect(rec).not.toHaveProperty('credit');
    expect(await as(rep1)((ctx) => getRecord('account', String(rec.id), ctx))).not.toHaveProperty('credit');
    const listed = await as(rep1)((ctx) => listRecords('account', {}, ctx));
    expect(listed.data.every((r) => !('credit' in r))).toBe(true);
    for (const query of [{ filter: { '>': [{ var: 'credit' }, 1] } }, { sort: '-credit' }, { fields: ['name', 'credit'] }]) {
      const e = await rejection(as(rep1)((ctx) => listRecords('account', query, ctx)));
      expect(e.status).toBe(400);
      expect(JSON.stringify(e.details)).toContain('credit');
    }
    expect((await rejection(as(rep1)((ctx) => getRecord('account', String(rec.id), ctx, { fields: ['credit'] })))).status).toBe(400);
    await as(rep1)((ctx) => updateRecord('account', String(rec.id), { name: 'Secretive Ltd' }, ctx));
    const history = await as(rep1)((ctx) => recordHistory('account', String(rec.id), ctx));
    expect(JSON.stringify(history.data)).not.toContain('credit');
    expect((await as(boss)((ctx) => listRecords('account', { q: 'Secretive' }, ctx))).data.length).toBeGreaterThan(0);
    const e = await rejection(as(east)((ctx) => listRecords('account', { q: 'x' }, ctx)));
    expect(e.status).toBe(403);
  });

  it('refuses writes to fields the actor may not write, owner changes without assign, and engine columns', async () => {
    const rec = await as(rep1)((ctx) => createRecord('account', { name: 'Guarded' }, ctx));
    const readOnly = await rejection(as(rep1)((ctx) => updateRecord('account', String(rec.id), { notes: 'x', name: 'Renamed' }, ctx)));
    expect(readOnly.status).toBe(403);
    expect(readOnly.details.errors?.map((p) => p.field)).toEqual(['notes']);
    expect((await rejection(as(rep1)((ctx) => createRecord('account', { name: 'With credit', credit: 5 }, ctx)))).status).toBe(403);
    expect((await rejection(as(rep1)((ctx) => updateRecord('account', String(rec.id), { owner_id: rep2.id }, ctx)))).status).toBe(403);
    expect((await rejection(as(rep1)((ctx) => createRecord('account', { name: 'For someone', owner_id: rep2.id }, ctx)))).status).toBe(403);
    expect((await rejection(as(rep1)((ctx) => updateRecord('account', String(rec.id), { version: 9 }, ctx)))).status).toBe(400);
    expect((await as(rep1)((ctx) => getRecord('account', String(rec.id), ctx))).name).toBe('Guarded');
    const moved = await as(boss)((ctx) => updateRecord('account', String(rec.id), { owner_id: rep2.id }, ctx));
    expect(moved.owner_id).toBe(rep2.id);
  });

  it("a role's otherFields gives the fields it does not name: hidden, an outside role sees and writes only what it names", async () => {
    const made = await as(boss)((ctx) => createRecord('account', { name: 'Outside view', notes: 'internal', website: 'https://example.cn' }, ctx));
    const seen = await as(outsider)((ctx) => getRecord('account', String(made.id), ctx));
    expect(Object.keys(seen).filter((k) => k in account.fields).sort()).toEqual(['name', 'phone']);
    const refused = await rejection(as(outsider)((ctx) => updateRecord('account', String(made.id), { website: 'https://x.cn', name: 'Renamed' }, ctx)));
    expect([refused.status, refused.details.errors?.map((p) => p.field).sort()]).toEqual([403, ['name', 'website']]);
    const phoned = await as(outsider)((ctx) => updateRecord('account', String(made.id), { phone: '+86 21 5555 0101' }, ctx));
    expect(phoned).toMatchObject({ name: 'Outside view', phone: '+86 21 5555 0101' });
    expect(phoned).not.toHaveProperty('notes');
  });

  it('team scope reaches the teams below, not above or beside', async () => {
    const east1 = await as(rep1)((ctx) => createRecord('account', { name: 'East one' }, ctx));
    const west1 = await as(rep2)((ctx) => createRecord('account', { name: 'West one' }, ctx));
    const top = await as(boss)((ctx) => createRecord('account', { name: 'Boss one' }, ctx));
    const seen = (await as(boss)((ctx) => listRecords('account', { limit: 500 }, ctx))).data.map((r) => r.id);
    expect(seen).toEqual(expect.arrayContaining([east1.id, top.id]));
    expect(seen).not.toContain(west1.id);
    expect((await as(boss)((ctx) => updateRecord('account', String(east1.id), { name: 'East one (checked)' }, ctx))).name).toBe('East one (checked)');
    expect((await rejection(as(rep1)((ctx) => getRecord('account', String(top.id), ctx)))).status).toBe(404);
  });

  it('a rule scope is one predicate; reading without updating is 403 on change; no create or delete right is 403', async () => {
    const e1 = await as(rep1)((ctx) => createRecord('account', { name: 'Shanghai', region: 'east' }, ctx));
    const w1 = await as(rep1)((ctx) => createRecord('account', { name: 'Chengdu', region: 'west' }, ctx));
    const seen = (await as(east)((ctx) => listRecords('account', { limit: 500 }, ctx))).data;
    expect(seen.every((r) => r.region === 'east')).toBe(true);
    expect(seen.map((r) => r.id)).toContain(e1.id);
    expect((await rejection(as(east)((ctx) => getRecord('account', String(w1.id), ctx)))).status).toBe(404);
    expect((await rejection(as(east)((ctx) => updateRecord('account', String(e1.id), { name: 'x' }, ctx)))).status).toBe(403);
    expect((await rejection(as(east)((ctx) => createRecord('account', { name: 'New' }, ctx)))).status).toBe(403);
    expect((await rejection(as(rep1)((ctx) => deleteRecord('account', String(e1.id), ctx)))).status).toBe(403);
    expect((await rejection(as(nobody)((ctx) => listRecords('account', {}, ctx)))).status).toBe(403);
    expect((await as(rep1)((ctx) => getRecord('account', String(e1.id), ctx))).name).toBe('Shanghai');
  });
});
