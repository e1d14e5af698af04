import { parse } from 'csv-parse/sync';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord, listRecords } from '../records/index.js';
import { recordsTenant, rejection, testActor, uploadedFile, type Run } from '../records/test-fixtures.js';
import type { RecordData } from '../records/types.js';
import { exportCsv, type ExportQuery } from './export-csv.js';
import { importCsv } from './import-csv.js';
import { csvStream, readAll, transferMeta } from './test-fixtures.js';

const rep = '0190a6c8-0000-7000-8000-000000000001';

/** One sale per shape worth keeping: edge texts, every number kind, lists with ";", JSON of each kind, nulls. */
const sales = (customers: Record<string, unknown>, contacts: Record<string, unknown>, files: unknown[]): RecordData[] => [
  {
    title: '  上海, "quoted"  ', ref_no: 'R-1', notes: 'line one\r\nline two\n', email: 'a@b.test', phone: '+86 123', site: 'https://x.test/a?b=1',
    qty: 42, weight: 3.1415, price: 1234.56, rate: 0.125, paid: true, due: '2024-02-29', shipped_at: '2024-05-01T10:00:00.123Z',
    status: 'won', tags: ['a;b', '华东'], customer: customers['C-001'], contact: contacts['Zhang San'], extra: { a: [1, 2], b: { c: 'x,"y"' } },
    files, rep,
  },
  { title: 'Plain', ref_no: 'R-2', qty: 0, weight: -0.5, price: 0.1, paid: false, tags: ['vip', 'new'], extra: 'just text', customer: customers['C-002'] },
  { title: 'Nulls', ref_no: 'R-3', extra: 7, tags: [] },
];

const STORED = ['title', 'ref_no', 'notes', 'email', 'phone', 'site', 'qty', 'weight', 'price', 'rate', 'paid', 'due', 'shipped_at', 'status', 'tags', 'extra', 'files', 'rep'];

describe('CSV export', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const exportText = (run: Run, entity: string, query: ExportQuery = {}) => run(async (ctx) => readAll(await exportCsv(entity, query, ctx)));
  const importText = (run: Run, entity: string, csv: string, key?: string) => run((ctx) => importCsv(entity, csvStream(csv, 4096), { key }, ctx));

  const seeded = async () => {
    const t = await recordsTenant(db, transferMeta(), testActor({ isAdmin: true }));
    await t.run(async (ctx) => {
      const c1 = await createRecord('customer', { name: '上海华信', code: 'C-001', city: 'Shanghai' }, ctx);
      const c2 = await createRecord('customer', { name: 'Acme', code: 'C-002', parent: c1.id }, ctx);
      const k = await createRecord('contact', { name: 'Zhang San' }, ctx);
      const file = await uploadedFile(ctx, { entity: 'sale', field: 'files' }, 'a.pdf');
      for (const s of sales({ 'C-001': c1.id, 'C-002': c2.id }, { 'Zhang San': k.id }, [file])) await createRecord('sale', s, ctx);
    });
    return t;
  };

  /** Sales as comparable rows: stored fields, references by natural key, the formula. */
  const snapshot = (run: Run) =>
    run(async (ctx) => (await listRecords('sale', { sort: 'ref_no', fields: [...STORED, 'customer.code', 'contact.name', 'total'] }, ctx)).data.map(({ id: _id, ...r }) => r));

  it('writes a BOM, a header of field names, and references by natural key', async () => {
    const { run } = await seeded();
    const text = await exportText(run, 'sale', { fields: ['ref_no', 'title', 'customer', 'contact', 'tags', 'paid', 'extra'], sort: 'ref_no' });
    expect(text.startsWith('\ufeffref_no,title,customer,contact,tags,paid,extra\n')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([
      ['ref_no', 'title', 'customer', 'contact', 'tags', 'paid', 'extra'],
      ['R-1', '  上海, "quoted"  ', 'C-001', 'Zhang San', '["a;b","华东"]', 'true', '{"a":[1,2],"b":{"c":"x,\\"y\\""}}'],
      ['R-2', 'Plain', 'C-002', '', 'vip;new', 'false', '"just text"'],
      ['R-3', 'Nulls', '', '', '[]', '', '7'],
    ]);
    const noBom = await exportText(run, 'customer', { fields: ['code', 'parent'], bom: false });
    expect(noBom).toBe('code,parent\nC-001,\nC-002,C-001\n');
  });

  it('honours the filter, the sort and the fields (reference paths too)', async () => {
    const { run } = await seeded();
    const text = await exportText(run, 'sale', { filter: { '>=': [{ var: 'qty' }, 0] }, fields: ['title', 'customer.name', 'qty'], sort: '-qty' });
    expect(parse(text, { bom: true })).toEqual([['title', 'customer.name', 'qty'], ['  上海, "quoted"  ', '上海华信', '42'], ['Plain', 'Acme', '0']]);
    const all = parse(await exportText(run, 'sale'), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(all[0])).toEqual(['id', ...Object.keys(transferMeta().entities.sale.fields), 'owner_id', 'created_at', 'updated_at']);
    expect(all.map((r) => r.number)).toEqual(['S-0001', 'S-0002', 'S-0003']);
  });

  it('refuses an unknown entity (404), unknown fields and bad filters (400) before writing anything', async () => {
    const { run } = await seeded();
    expect((await rejection(exportText(run, 'nothing'))).status).toBe(404);
    const unknown = await rejection(exportText(run, 'sale', { fields: ['title', 'colour'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain('colour');
    expect((await rejection(exportText(run, 'sale', { filter: { '==': [{ var: 'nope' }, 1] } }))).status).toBe(400);
  });

  it('streams many records page by page (keyset paging through the record service)', async () => {
    const { run } = await recordsTenant(db, transferMeta(), testActor({ isAdmin: true }));
    const n = 1234;
    await run((ctx) => ctx.db.batchInsert('customer', Array.from({ length: n }, (_, i) => ({ id: uuidv7(), name: `客户 ${i}`, code: `K-${String(i).padStart(5, '0')}` })), 500));
    const rows = parse(await exportText(run, 'customer', { fields: ['code'] }), { bom: true }) as string[][];
    expect(rows.length).toBe(n + 1);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(n);
    expect(rows[n][0]).toBe(`K-${String(n - 1).padStart(5, '0')}`);
  });

  it('round trip in the same tenant with key=id changes nothing', async () => {
    const { run } = await seeded();
    const before = await snapshot(run);
    const report = await importText(run, 'sale', await exportText(run, 'sale'), 'id');
    expect(report).toMatchObject({ created: 0, updated: 3, failed: 0, committed: true });
    expect(report.ignoredColumns).toEqual(['id', 'number', 'total', 'created_at', 'updated_at']);
    expect(await snapshot(run)).toEqual(before);
  });

  it('round trip into another tenant by natural keys is lossless for every stored type but files', async () => {
    const from = await seeded();
    const to = await recordsTenant(db, transferMeta(), testActor({ isAdmin: true }));
    for (const [entity, key] of [['customer', 'code'], ['contact', undefined], ['sale', 'ref_no']] as const) {
      const report = await importText(to.run, entity, await exportText(from.run, entity, entity === 'sale' ? { fields: [...STORED.filter((f) => f !== 'files'), 'customer', 'contact'] } : {}), key);
      expect(report, entity).toMatchObject({ failed: 0, committed: true });
    }
    // A file is bytes in its tenant's _files: another tenant's attachment value names nothing there.
    const withoutFiles = async (run: Run) => (await snapshot(run)).map(({ files: _files, ...r }) => r);
    expect(await withoutFiles(to.run)).toEqual(await withoutFiles(from.run));
    const refused = await importText(to.run, 'sale', await exportText(from.run, 'sale', { fields: ['ref_no', 'files'] }), 'ref_no');
    expect(refused).toMatchObject({ failed: 1, committed: false });
    const parents = (run: Run) => run(async (ctx) => (await listRecords('customer', { sort: 'code', fields: ['code', 'name', 'city', 'parent.code'] }, ctx)).data.map(({ id: _id, ...r }) => r));
    expect(await parents(to.run)).toEqual(await parents(from.run));
  });
});
