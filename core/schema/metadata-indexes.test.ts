import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { explainQuery, planNodes } from '../db/explain-query.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EffectiveMeta, MetadataDocument } from '../metadata/types.js';
import { desiredSchema, introspectSchema, planSchema, syncSchema } from './index.js';
import { entity, metaOf } from './test-meta.js';
import { newTenant } from './test-tenant.js';

const ticket = entity('ticket', {
  title: { type: 'text' },
  status: { type: 'enum', options: [{ value: 'open' }, { value: 'closed' }] },
  priority: { type: 'integer' },
  due: { type: 'date' },
  tags: { type: 'multi_enum', options: [{ value: 'a' }] },
  account: { type: 'reference', entity: 'ticket' },
});

const withDocs = (docs: MetadataDocument[]): EffectiveMeta => {
  const meta = metaOf(ticket);
  for (const d of docs) (meta.documents[d.kind] as Record<string, MetadataDocument>)[d.name] = d;
  return meta;
};
const view = (name: string, extra: Record<string, unknown>): MetadataDocument =>
  ({ kind: 'view', name, entity: 'ticket', label: { en: name, 'zh-CN': name }, columns: ['title'], ...extra }) as MetadataDocument;
const role = (name: string, read: unknown): MetadataDocument => ({ kind: 'role', name, entities: { ticket: { read } } }) as unknown as MetadataDocument;

const OPEN_BY_DUE = view('open_by_due', {
  default: true,
  filter: { and: [{ '==': [{ var: 'status' }, 'open'] }, { '>=': [{ var: 'priority' }, 2] }] },
  sort: [{ field: 'due', direction: 'desc' }, { field: 'title' }],
});

const composites = (meta: EffectiveMeta) =>
  desiredSchema(meta)
    .find((t) => t.name === 'ticket')!
    .indexes.filter((i) => i.columns.length > 1)
    .map((i) => ({ name: i.name, columns: i.columns, descending: i.descending }));

describe('composite indexes from views and row scopes', () => {
  it('a view: the columns its filter fixes, then its sort in its directions, then id', () => {
    expect(composites(withDocs([OPEN_BY_DUE]))).toEqual([
      { name: 'ticket__status__due_desc__title__id__idx', columns: ['status', 'due', 'title', 'id'], descending: [false, true, false, false] },
    ]);
  });

  it('a view without a sort: its equality columns and its range column; paths, lists and computed keys take no part', () => {
    const meta = withDocs([
      view('ranged', { filter: { and: [{ in: [{ var: 'status' }, ['open']] }, { '<': [{ var: 'priority' }, 3] }, { '==': [{ var: 'account.title' }, 'x'] }] } }),
      view('by_path', { sort: [{ field: 'account.title' }] }),
      view('by_tags', { filter: { '==': [{ var: 'tags' }, 'a'] } }),
    ]);
    expect(composites(meta)).toEqual([{ name: 'ticket__status__priority__idx', columns: ['status', 'priority'], descending: undefined }]);
  });

  it('an own or team read scope: the owner, then the default view\'s sort, then id; `all` and rules ask for none', () => {
    expect(composites(withDocs([role('rep', 'own'), role('boss', 'all')]))).toEqual([{ name: 'ticket__owner_id__id__idx', columns: ['owner_id', 'id'], descending: undefined }]);
    expect(composites(withDocs([role('lead', 'team'), OPEN_BY_DUE])).map((i) => i.name)).toContain('ticket__owner_id__due_desc__title__id__idx');
    expect(composites(withDocs([role('x', { '==': [{ var: 'status' }, 'open'] })]))).toEqual([]);
  });

  it('names stay within 63 characters and are the same on every call', () => {
    const long = entity('a_rather_long_entity_name_for_tickets', { a_long_status_field_name: { type: 'text' }, another_long_sort_field: { type: 'date' } });
    const meta = metaOf(long);
    meta.documents.view.v = { kind: 'view', name: 'v', entity: long.name, filter: { '==': [{ var: 'a_long_status_field_name' }, 'x'] }, sort: [{ field: 'another_long_sort_field', direction: 'desc' }] } as unknown as MetadataDocument;
    const names = () => desiredSchema(meta)[0].indexes.map((i) => i.name);
    expect(names().every((n) => n.length <= 63)).toBe(true);
    expect(names()).toEqual(names());
  });
});

describe('composite indexes in the database', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('are created with their directions, serve the view\'s list in order, are stable, and are dropped when the view goes', async () => {
    const run = await newTenant(db, 'metadata_indexes');
    const meta = withDocs([OPEN_BY_DUE, role('rep', 'own')]);
    await run((trx) => syncSchema(trx, meta));
    const indexes = async () => (await run((trx) => introspectSchema(trx))).find((t) => t.name === 'ticket')!.indexes;
    const created = (await indexes()).find((i) => i.name === 'ticket__status__due_desc__title__id__idx');
    expect(created?.columns).toEqual(['status', 'due', 'title', 'id']);
    expect(created?.descending).toEqual([false, true, false, false]);
    expect((await indexes()).map((i) => i.name)).toContain('ticket__owner_id__due_desc__title__id__idx');
    expect((await run((trx) => planSchema(trx, meta))).steps).toEqual([]);

    const plan = await run(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      const sql = `select id from ticket as _t where _t.status = cast($1 as text) and _t.deleted_at is null order by _t.due desc, _t.title asc, _t.id asc limit 20`;
      return planNodes((await explainQuery(trx, { sql, bindings: ['open'] })).plan);
    });
    expect(plan.map((n) => n['Index Name'])).toContain('ticket__status__due_desc__title__id__idx');
    expect(plan.map((n) => n['Node Type'])).not.toContain('Sort');

    const without = withDocs([role('rep', 'own')]);
    const steps = (await run((trx) => planSchema(trx, without))).steps;
    expect(steps.map((s) => s.kind).sort()).toEqual(['create_index', 'drop_index', 'drop_index']);
    expect(steps.every((s) => !s.destructive)).toBe(true);
    await run((trx) => syncSchema(trx, without));
    expect((await indexes()).filter((i) => i.columns.length > 1).map((i) => i.name)).toEqual(['ticket__owner_id__id__idx']);
  });
});
