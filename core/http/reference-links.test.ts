import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { createUser } from '../security/index.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, startTestServer, tenantWithAdmin } from './test-server.js';

/** Companies with people, items with a price, visits (a person of the visit's company) and lines (price from the item). */
const docs: Record<string, Record<string, unknown>> = {
  company: { kind: 'entity', name: 'company', titleField: 'name', fields: { name: { type: 'text', required: true } } },
  person: {
    kind: 'entity', name: 'person', titleField: 'name', pickerFields: ['company', 'mobile'],
    fields: { name: { type: 'text', required: true }, mobile: { type: 'phone' }, company: { type: 'reference', entity: 'company', required: true } },
  },
  item: { kind: 'entity', name: 'item', titleField: 'name', pickerFields: ['sku', 'price'], fields: { name: { type: 'text', required: true }, sku: { type: 'text' }, price: { type: 'currency', scale: 2 } } },
  visit: {
    kind: 'entity', name: 'visit', titleField: 'subject',
    fields: {
      subject: { type: 'text' },
      company: { type: 'reference', entity: 'company', required: true },
      person: { type: 'reference', entity: 'person', dependsOn: { field: 'company', targetField: 'company' } },
    },
  },
  line: {
    kind: 'entity', name: 'line', titleField: 'item',
    fields: {
      item: { type: 'reference', entity: 'item', required: true, fills: { unit_price: 'price', label: 'name' } },
      unit_price: { type: 'currency', scale: 2, required: true, min: 0 },
      label: { type: 'text' },
    },
  },
};

/** One server and database for the file; each part has its own tenant. */
let db: Db;
let server: RunningServer;
let url: string;
beforeAll(async () => {
  ({ db, server, url } = await startTestServer());
});
afterAll(async () => server?.close());

describe('references that depend on another, and values from the chosen record', () => {
  let call: ReturnType<typeof api>;
  let li: ReturnType<typeof api>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const admin = await tenantWithAdmin(db, url, 'links');
    call = api(url, admin.token);
    await createUser({ tenantId: admin.tenant.id, email: 'li@links.test', password: ADMIN_PASSWORD, name: 'Li', isAdmin: true, locale: 'zh-CN' }, { knex: db.knex });
    li = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'links', email: 'li@links.test', password: ADMIN_PASSWORD })).body.token as string);
    for (const [name, doc] of Object.entries(docs)) expect((await call('PUT', `/api/studio/entity/${name}`, doc)).status).toBe(200);
    expect((await call('POST', '/api/studio/publish', {})).status).toBe(200);
    const create = async (entity: string, data: Record<string, unknown>) => {
      const res = await call('POST', `/api/records/${entity}`, data);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    ids.acme = await create('company', { name: 'Acme' });
    ids.globex = await create('company', { name: 'Globex' });
    ids.ann = await create('person', { name: 'Zhang Wei', company: ids.acme });
    ids.bob = await create('person', { name: 'Zhang Wei', company: ids.globex });
    ids.laptop = await create('item', { name: 'Laptop', sku: 'LP-1', price: 48600 });
    ids.mouse = await create('item', { name: 'Mouse', sku: 'MS-1', price: 99.5 });
  });

  it('refuses a reference that does not belong to the record it depends on: 422 naming the field, in English and Chinese', async () => {
    const en = await call('POST', '/api/records/visit', { subject: 'Demo', company: ids.acme, person: ids.bob });
    expect(en.status).toBe(422);
    expect(en.body).toMatchObject({ code: 'RULE_VIOLATION', detail: '“person” must belong to the chosen “company”.' });
    expect(en.body.errors).toEqual([{ field: 'person', code: 'REFERENCE_MISMATCH', message: 'does not belong to the record it depends on' }]);
    const zh = await li('POST', '/api/records/visit', { company: ids.acme, person: ids.bob });
    expect(zh.status).toBe(422);
    expect(zh.body.detail).toBe('“person”必须属于所选的“company”。');
    expect(zh.body.errors[0]).toMatchObject({ field: 'person', message: '不属于其所依赖的记录' });
    expect((await call('GET', '/api/records/visit')).body.data).toEqual([]);
  });

  it('accepts an agreeing reference, and checks again when either side changes', async () => {
    const made = await call('POST', '/api/records/visit', { subject: 'Demo', company: ids.acme, person: ids.ann });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const moved = await call('PATCH', `/api/records/visit/${id}`, { company: ids.globex }, { 'if-match': '1' });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0].field).toBe('person');
    const both = await call('PATCH', `/api/records/visit/${id}`, { company: ids.globex, person: ids.bob }, { 'if-match': '1' });
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    expect((await call('PATCH', `/api/records/visit/${id}`, { person: ids.ann }, { 'if-match': '2' })).status).toBe(422);
    expect((await call('PATCH', `/api/records/visit/${id}`, { person: null, subject: 'No one' }, { 'if-match': '2' })).status).toBe(200);
  });

  it('fills fields from the chosen record when the write leaves them out, and keeps what is given', async () => {
    const filled = await call('POST', '/api/records/line', { item: ids.laptop });
    expect(filled.status, JSON.stringify(filled.body)).toBe(201);
    expect(filled.body).toMatchObject({ unit_price: 48600, label: 'Laptop' });
    expect((await call('POST', '/api/records/line', { item: ids.laptop, unit_price: null })).body.unit_price).toBe(48600);
    const given = await call('POST', '/api/records/line', { item: ids.laptop, unit_price: 45000 });
    expect(given.body).toMatchObject({ unit_price: 45000, label: 'Laptop' });
    const rechosen = await call('PATCH', `/api/records/line/${given.body.id}`, { item: ids.mouse }, { 'if-match': '1' });
    expect(rechosen.body).toMatchObject({ unit_price: 99.5, label: 'Mouse' });
    const kept = await call('PATCH', `/api/records/line/${given.body.id}`, { item: ids.laptop, unit_price: 1 }, { 'if-match': '2' });
    expect(kept.body).toMatchObject({ unit_price: 1, label: 'Laptop' });
    expect((await call('PATCH', `/api/records/line/${given.body.id}`, { label: 'x' }, { 'if-match': '3' })).body.unit_price).toBe(1);
  });

  it('fills only what the writer may read of the chosen record: a hidden price is not copied', async () => {
    const clerk = { kind: 'role', name: 'clerk', label: { en: 'Clerk', 'zh-CN': '文员' }, entities: { item: { read: 'all', fields: { price: 'hidden' } }, line: { create: true, read: 'own', update: 'own' } } };
    const saved = await call('PUT', '/api/studio/role/clerk', clerk);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await call('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await call('POST', '/api/users', { email: 'clerk@links.test', password: ADMIN_PASSWORD, name: 'Clerk', roles: ['clerk'] })).status).toBe(201);
    const asClerk = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'links', email: 'clerk@links.test', password: ADMIN_PASSWORD })).body.token as string);
    const refused = await asClerk('POST', '/api/records/line', { item: ids.laptop });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['unit_price']);
    const made = await asClerk('POST', '/api/records/line', { item: ids.laptop, unit_price: 10 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ unit_price: 10, label: 'Laptop' });
  });

  it('publishes the declarations for the studio and refuses ones that name the wrong fields', async () => {
    const meta = await call('GET', '/api/meta');
    expect(meta.body.entities.person.pickerFields).toEqual(['company', 'mobile']);
    expect(meta.body.entities.visit.fields.person.dependsOn).toEqual({ field: 'company', targetField: 'company' });
    const bad = { ...docs.visit, fields: { ...(docs.visit.fields as object), person: { type: 'reference', entity: 'person', dependsOn: { field: 'subject', targetField: 'name' }, fills: { nothing: 'price' } } } };
    const res = await call('PUT', '/api/studio/entity/visit', bad);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.body)).toMatch(/dependsOn\/field/);
    expect(JSON.stringify(res.body)).toMatch(/fills\/nothing/);
  });
});

describe('an owner field: the user field that is the record’s owner', () => {
  let admin: ReturnType<typeof api>;

  beforeAll(async () => {
    admin = api(url, (await tenantWithAdmin(db, url, 'owners')).token);
    const account = { kind: 'entity', name: 'account', titleField: 'name', ownerField: 'manager', fields: { name: { type: 'text', required: true }, manager: { type: 'user', label: { en: 'Account manager', 'zh-CN': '客户经理' } } } };
    const role = (name: string, actions: string[]) => ({ kind: 'role', name, label: { en: name, 'zh-CN': name }, entities: { account: { create: true, read: 'own', update: 'own', delete: 'none' } }, actions });
    expect((await admin('PUT', '/api/studio/entity/account', account)).status).toBe(200);
    expect((await admin('PUT', '/api/studio/role/rep', role('rep', []))).status).toBe(200);
    expect((await admin('PUT', '/api/studio/role/lead', role('lead', ['account.assign']))).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
  });

  const user = async (login: string, roles: string[]) => {
    const made = await admin('POST', '/api/users', { email: `${login}@owners.test`, password: ADMIN_PASSWORD, name: login, roles });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const token = (await api(url)('POST', '/api/auth/login', { tenant: 'owners', email: `${login}@owners.test`, password: ADMIN_PASSWORD })).body.token as string;
    return { id: made.body.id as string, call: api(url, token) };
  };

  it('keeps the owner field and owner_id the same, so whoever it names sees the record; handing it on needs the assign right', async () => {
    const ann = await user('ann', ['rep']);
    const bob = await user('bob', ['rep']);
    const lee = await user('lee', ['lead']);
    const mine = await ann.call('POST', '/api/records/account', { name: 'Acme' });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body).toMatchObject({ manager: ann.id, owner_id: ann.id });
    const handed = await ann.call('PATCH', `/api/records/account/${mine.body.id}`, { manager: bob.id }, { 'if-match': '1' });
    expect(handed.status).toBe(403);
    expect(handed.body.errors[0]).toMatchObject({ code: 'NO_ASSIGN_RIGHT' });
    expect((await ann.call('PATCH', `/api/records/account/${mine.body.id}`, { manager: null }, { 'if-match': '1' })).body.errors[0]).toMatchObject({ field: 'manager', code: 'REQUIRED' });

    const theirs = await admin('POST', '/api/records/account', { name: 'Globex', manager: bob.id });
    expect(theirs.body).toMatchObject({ manager: bob.id, owner_id: bob.id });
    expect((await bob.call('GET', `/api/records/account/${theirs.body.id}`)).status).toBe(200);
    expect((await ann.call('GET', `/api/records/account/${theirs.body.id}`)).status).toBe(404);
    // The lead reassigns by owner_id (the "Change owner" action): the account manager follows, and so does who sees it.
    expect((await admin('PATCH', `/api/records/account/${theirs.body.id}`, { owner_id: lee.id }, { 'if-match': '1' })).body).toMatchObject({ manager: lee.id, owner_id: lee.id });
    const moved = await lee.call('PATCH', `/api/records/account/${theirs.body.id}`, { owner_id: ann.id }, { 'if-match': '2' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ manager: ann.id, owner_id: ann.id });
    expect((await ann.call('GET', `/api/records/account/${theirs.body.id}`)).status).toBe(200);
    expect((await bob.call('GET', `/api/records/account/${theirs.body.id}`)).status).toBe(404);
    const directory = await ann.call('GET', '/api/users/directory');
    expect(directory.status).toBe(200);
    expect(directory.body.data.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['ann', 'bob', 'lee']));
    expect(JSON.stringify(directory.body)).not.toMatch(/@owners\.test|roles/);
    const meta = await lee.call('GET', '/api/meta');
    expect(meta.body.entities.account.access.assign).toBe(true);
    expect((await ann.call('GET', '/api/meta')).body.entities.account.access.assign).toBe(false);
  });
});
