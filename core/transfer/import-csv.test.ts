import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord, listRecords } from '../records/index.js';
import { recordsTenant, rejection, testActor } from '../records/test-fixtures.js';
import { errorCsv } from './error-csv.js';
import { importCsv } from './import-csv.js';
import type { FailedRow, ImportOptions } from './import-report.js';
import { csvStream, readAll, transferMeta } from './test-fixtures.js';

describe('CSV import', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const tenant = async () => {
    const t = await recordsTenant(db, transferMeta(), testActor({ isAdmin: true }));
    await t.run(async (ctx) => {
      await createRecord('customer', { name: '上海华信', code: 'C-001' }, ctx);
      await createRecord('customer', { name: 'Acme', code: 'C-002' }, ctx);
      await createRecord('contact', { name: 'Li Wei' }, ctx);
      await createRecord('contact', { name: 'Li Wei' }, ctx);
      await createRecord('contact', { name: 'Zhang San' }, ctx);
    });
    const imp = (csv: string, opts: ImportOptions = {}, entity = 'sale') => t.run((ctx) => importCsv(entity, csvStream(csv), opts, ctx));
    const sales = () => t.run(async (ctx) => (await listRecords('sale', { sort: 'title', fields: ['title', 'ref_no', 'qty', 'customer', 'customer.code', 'contact.name', 'tags', 'paid'] }, ctx)).data);
    return { ...t, imp, sales };
  };

  it('creates records, converting each cell by its field type and references by natural key', async () => {
    const { imp, sales } = await tenant();
    const csv = '\ufefftitle,qty,paid,tags,customer,contact\n订单一,3,是,vip;华东,C-001,Zhang San\nSecond,,false,"[""a;b""]",C-002,\n';
    const report = await imp(csv);
    expect(report).toEqual({ created: 2, updated: 0, failed: 0, errors: [], committed: true, dryRun: false, ignoredColumns: [], workflows: true });
    expect(await sales()).toMatchObject([
      { title: 'Second', qty: null, paid: false, tags: ['a;b'], 'customer.code': 'C-002', 'contact.name': null },
      { title: '订单一', qty: 3, paid: true, tags: ['vip', '华东'], 'customer.code': 'C-001', 'contact.name': 'Zhang San' },
    ]);
  });

  it('resolves references by a chosen key column (customer.name, customer.id) and names the column when none or several match', async () => {
    const { imp, run } = await tenant();
    const acme = await run(async (ctx) => (await listRecords('customer', { filter: { '==': [{ var: 'code' }, 'C-002'] } }, ctx)).data[0]);
    const ok = await imp(`title,customer.name\nby name,上海华信\n`);
    expect(ok.created).toBe(1);
    expect((await imp(`title,customer.id\nby id,${acme.id}\n`)).created).toBe(1);
    const bad = await imp('title,customer,contact\nx,C-404,Li Wei\n');
    expect(bad).toMatchObject({ created: 0, failed: 1, committed: false });
    expect(bad.errors).toEqual([
      { line: 2, field: 'customer', message: 'no customer with code "C-404"' },
      { line: 2, field: 'contact', message: expect.stringMatching(/^2 contact records have name "Li Wei"; use a column that tells them apart \(contact\.id\)/) },
    ]);
  });

  it('upserts by a unique key: updates the record holding the value, creates the others, also within one file', async () => {
    const { imp, sales } = await tenant();
    await imp('ref_no,title,qty\nR1,First,1\nR2,Second,2\n');
    const report = await imp('ref_no,title,qty\nR1,First again,10\nR3,Third,3\nR3,Third again,30\n', { key: 'ref_no' });
    expect(report).toMatchObject({ created: 1, updated: 2, failed: 0, committed: true });
    expect((await sales()).map((s) => [s.ref_no, s.title, s.qty])).toEqual([
      ['R1', 'First again', 10],
      ['R2', 'Second', 2],
      ['R3', 'Third again', 30],
    ]);
  });

  it('upserts by id: the id column finds the record; an unknown id creates a new one', async () => {
    const { imp, run, sales } = await tenant();
    await imp('title\nOld\n');
    const [old] = await sales();
    const id = await run(async (ctx) => (await listRecords('sale', {}, ctx)).data[0].id);
    const report = await imp(`id,title,qty\n${String(id).toUpperCase()},Renamed,5\n0190a6c8-0000-7000-8000-000000000009,Fresh,1\n,Also fresh,2\n`, { key: 'id' });
    expect(report).toMatchObject({ created: 2, updated: 1, failed: 0 });
    expect((await sales()).map((s) => s.title)).toEqual(['Also fresh', 'Fresh', 'Renamed']);
    expect(old.title).toBe('Old');
  });

  it('a dry run checks every row, reports what it would do and writes nothing', async () => {
    const { imp, sales } = await tenant();
    const report = await imp('title,qty\nA,1\nB,-1\nC,2\n', { dryRun: true });
    expect(report).toMatchObject({ created: 2, failed: 1, committed: false, dryRun: true });
    expect(report.errors).toEqual([{ line: 3, field: 'qty', message: expect.stringContaining('>= 0') }]);
    expect(await sales()).toEqual([]);
    expect((await imp('title\nA\n', { dryRun: true })).created).toBe(1);
    expect(await sales()).toEqual([]);
  });

  it('is all or nothing: one bad row and nothing is written; every bad row is reported with its line and reasons', async () => {
    const { imp, sales } = await tenant();
    const csv = [
      'title,qty,paid,due,email,status,extra',
      'fine,1,true,2024-01-31,a@b.test,open,"{""a"":1}"',
      '"multi',
      'line title",two,maybe,2024-02-30,not-mail,lost,{oops',
      ',1,,,,,',
      'short,1',
      ',,,,,,',
      'also fine,2,no,2024/2/3,,won,',
    ].join('\r\n');
    const failed: FailedRow[] = [];
    const report = await imp(csv, { onFailedRow: (r) => failed.push(r) });
    expect(report).toMatchObject({ created: 2, updated: 0, failed: 3, committed: false });
    const at = (line: number) => report.errors.filter((e) => e.line === line).map((e) => e.field).sort();
    expect(at(3)).toEqual(['due', 'email', 'extra', 'paid', 'qty', 'status']);
    expect(at(5)).toEqual(['title']);
    expect(report.errors.find((e) => e.line === 5)?.message).toBe('is required');
    expect(report.errors.filter((e) => e.line === 6)).toEqual([{ line: 6, field: '', message: 'has 2 cells; the header has 7' }]);
    expect(failed.map((f) => f.line)).toEqual([3, 5, 6]);
    expect(failed[0].cells[0]).toBe('multi\r\nline title');
    expect(await sales()).toEqual([]);

    const partial = await imp(csv, { partial: true });
    expect(partial).toMatchObject({ created: 2, failed: 3, committed: true });
    expect((await sales()).map((s) => s.title)).toEqual(['also fine', 'fine']);
  });

  it('writes an error file: the original row plus an error column', async () => {
    const { imp } = await tenant();
    const file = errorCsv();
    const text = readAll(file.stream);
    await imp('title,qty,error\nok,1,old problem\n,x,old problem\n', { onHeader: file.header, onFailedRow: file.row });
    file.end();
    expect(await text).toBe('\ufefftitle,qty,error\n,x,"qty: ""x"" is not a number; title: is required"\n');
  });

  it('refuses a header with unknown or duplicate columns, a bad key, or no header, naming each (400)', async () => {
    const { imp } = await tenant();
    const unknown = await rejection(imp('title,colour,customer.city,customer.code,customer\nx,red,a,b,c\n'));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain('colour');
    expect(unknown.details.errors!.map((e) => [e.field, e.code])).toEqual([
      ['colour', 'UNKNOWN_COLUMN'],
      ['customer.city', 'UNKNOWN_COLUMN'],
      ['customer', 'DUPLICATE_COLUMN'],
    ]);
    expect((await rejection(imp('title\nx\n', { key: 'title' }))).details.errors).toEqual([{ field: 'key', message: '"title" is not a unique field of sale', code: 'INVALID_KEY' }]);
    expect((await rejection(imp('title\nx\n', { key: 'ref_no' }))).details.errors![0].message).toContain('no column "ref_no"');
    expect((await rejection(imp(''))).code).toBe('INVALID_INPUT');
    expect((await rejection(imp('title\nx\n', {}, 'nothing'))).status).toBe(404);
    const unreadable = await rejection(imp('title,notes\na,b\nc,"never closed\n'));
    expect(unreadable).toMatchObject({ status: 400, code: 'INVALID_CSV', details: { line: 3 } });
  });

  it('ignores system and computed columns, and finds records created earlier in the same file', async () => {
    const { imp, run } = await tenant();
    const report = await imp('id,name,code,parent,created_at\nx,Parent Co,P-1,,whenever\ny,Child Co,P-2,P-1,\n', {}, 'customer');
    expect(report).toMatchObject({ created: 2, failed: 0, ignoredColumns: ['id', 'created_at'] });
    const child = await run(async (ctx) => (await listRecords('customer', { filter: { '==': [{ var: 'code' }, 'P-2'] }, fields: ['parent.code'] }, ctx)).data[0]);
    expect(child['parent.code']).toBe('P-1');
  });
});
