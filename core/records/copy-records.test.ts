import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant } from '../db/tenant.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument, MetadataDocument } from '../metadata/types.js';
import { copyRecords, createRecord, listRecords, recordHistory } from './index.js';
import { account, metaOf, recordsTenant, rejection } from './test-fixtures.js';
import type { Actor, RecordContext } from './types.js';

/** A list of picks and its entries: what rows of account are copied into. */
const pick: EntityDocument = { kind: 'entity', name: 'pick', titleField: 'title', fields: { title: { type: 'text', required: true } } };
const entry: EntityDocument = {
  kind: 'entity',
  name: 'entry',
  fields: {
    pick: { type: 'reference', entity: 'pick', required: true },
    account: { type: 'reference', entity: 'account' },
    region: { type: 'text' },
    state: { type: 'enum', options: [{ value: 'new' }, { value: 'done' }], default: 'new' },
    locked: { type: 'text' },
  },
};
const numbered: EntityDocument = { kind: 'entity', name: 'numbered', fields: { code: { type: 'auto_number', prefix: 'N', digits: 3 }, account: { type: 'reference', entity: 'account' } } };
/** The fixture's account without its children (roll-ups, links) and rules. */
const plainAccount: EntityDocument = { ...account, rules: [], fields: Object.fromEntries(Object.entries(account.fields).filter(([, f]) => f.type !== 'rollup' && f.type !== 'many_to_many')) };

const roles = {
  picker: {
    kind: 'role', name: 'picker', label: { en: 'Picker', 'zh-CN': '挑选' },
    entities: {
      account: { read: 'own', fields: { credit: 'hidden' } },
      pick: { create: true, read: 'all', update: 'own' },
      entry: { create: true, read: 'all', update: 'own', fields: { locked: 'read' } },
    },
  },
  reader: { kind: 'role', name: 'reader', label: { en: 'Reader', 'zh-CN': '只读' }, entities: { account: { read: 'all' }, pick: { read: 'all' }, entry: { read: 'all' } } },
};

describe('copyRecords: matching rows of one entity into new rows of another, in one statement', () => {
  let db: Db;
  let as: (actor: Actor) => <T>(fn: (ctx: RecordContext) => Promise<T>) => Promise<T>;
  let admin: Actor, picker: Actor, reader: Actor;
  let pickId: string;
  const user = (r: string[]): Actor => ({ id: uuidv7(), name: r.join('+'), roles: r, team: null, isAdmin: false });

  beforeAll(async () => {
    db = await openTestDatabase();
    const meta = metaOf([plainAccount, pick, entry, numbered]);
    for (const r of Object.values(roles)) meta.documents.role[r.name] = r as unknown as MetadataDocument;
    const t = await recordsTenant(db, meta);
    admin = t.actor;
    as = (actor) => (fn) => withTenant(db.knex, t.tenant, (trx) => fn({ db: trx, meta, actor }));
    picker = user(['picker']);
    reader = user(['reader']);
    await as(admin)(async (ctx) => {
      for (let i = 0; i < 30; i++) {
        await createRecord('account', { name: `Account ${i}`, region: i % 3 ? 'north' : 'south', score: i, owner_id: i < 10 ? picker.id : admin.id }, ctx);
      }
      pickId = String((await createRecord('pick', { title: 'Spring' }, ctx)).id);
    });
  });
  afterAll(async () => db?.close());

  const copy = (filter: unknown, more: Record<string, unknown> = {}) => ({
    from: 'account', filter, to: 'entry', map: { account: 'id', region: 'region' }, set: { pick: pickId }, key: ['pick', 'account'], ...more,
  });

  it('copies the matching rows with the mapped and set values, owned by the actor, with history; a repeat skips them', async () => {
    const first = await as(admin)((ctx) => copyRecords(copy({ '==': [{ var: 'region' }, 'south'] }), ctx));
    expect(first).toEqual({ matched: 10, created: 10 });
    const rows = await as(admin)((ctx) => listRecords('entry', { limit: 100, filter: { '==': [{ var: 'pick' }, pickId] } }, ctx));
    expect(rows.data).toHaveLength(10);
    expect(rows.data.every((r) => r.region === 'south' && r.state === 'new' && r.owner_id === admin.id && r.created_by === admin.id)).toBe(true);
    const history = await as(admin)((ctx) => recordHistory('entry', String(rows.data[0].id), ctx));
    expect(history.data.map((h) => h.action)).toEqual(['create']);
    const again = await as(admin)((ctx) => copyRecords(copy({ '>=': [{ var: 'score' }, 0] }), ctx));
    expect(again).toEqual({ matched: 30, created: 20 });
    expect(await as(admin)((ctx) => copyRecords(copy(undefined), ctx))).toEqual({ matched: 30, created: 0 });
  });

  it('reads only what the actor may read: own rows, and no hidden field', async () => {
    const other = String(await as(admin)(async (ctx) => (await createRecord('pick', { title: 'Own only' }, ctx)).id));
    const mine = await as(picker)((ctx) => copyRecords(copy(undefined, { set: { pick: other } }), ctx));
    expect(mine).toEqual({ matched: 10, created: 10 });
    const hidden = await rejection(as(picker)((ctx) => copyRecords(copy(undefined, { set: { pick: other }, map: { account: 'id', region: 'credit' } }), ctx)));
    expect([hidden.status, hidden.details.errors?.[0].field]).toEqual([400, 'map.region']);
  });

  it('refuses what the record service would: no create right, a read-only field, an unknown field, a filter that does not compile, a missing required value', async () => {
    expect((await rejection(as(reader)((ctx) => copyRecords(copy(undefined), ctx)))).status).toBe(403);
    expect((await rejection(as(picker)((ctx) => copyRecords(copy(undefined, { map: { account: 'id', locked: 'name' } }), ctx)))).status).toBe(403);
    const unknown = await rejection(as(admin)((ctx) => copyRecords(copy(undefined, { map: { account: 'id', nope: 'name' } }), ctx)));
    expect([unknown.status, unknown.details.errors?.[0].field]).toEqual([400, 'map.nope']);
    const bad = await rejection(as(admin)((ctx) => copyRecords(copy({ '==': [{ var: 'no_such_field' }, 1] }), ctx)));
    expect([bad.status, bad.details.errors?.[0].code]).toEqual([400, 'INVALID_FILTER']);
    const required = await rejection(as(admin)((ctx) => copyRecords(copy(undefined, { set: {} , key: ['account'] }), ctx)));
    expect([required.status, required.details.errors?.[0].field]).toEqual([400, 'set.pick']);
    const missing = await rejection(as(admin)((ctx) => copyRecords(copy(undefined, { set: { pick: uuidv7() } }), ctx)));
    expect(missing.status).toBe(422); // as a create naming a record that does not exist
    const counter = await rejection(as(admin)((ctx) => copyRecords({ from: 'account', to: 'numbered', map: { account: 'id' } }, ctx)));
    expect([counter.status, counter.details.errors?.[0].field]).toEqual([400, 'to']);
    expect((await as(admin)((ctx) => listRecords('entry', { limit: 1, total: true }, ctx))).total).toBe(40);
  });
});
