import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { XLSX_TYPE } from '../../transfer/index.js';
import { transferDocuments } from '../../transfer/test-fixtures.js';
import type { RunningServer } from '../server.js';
import { api, startTestServer, tenantWithAdmin } from '../test-server.js';

/** A workbook's first worksheet as rows of cell values (exceljs numbers cells from 1). */
const sheetRows = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
};

/** A workbook with one sheet of these rows, as a user would save it from Excel. */
const workbook = async (rows: unknown[][]): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const r of rows) sheet.addRow(r);
  book.addWorksheet('Notes').addRow(['ignored: only the first sheet is read']);
  return Buffer.from(await book.xlsx.writeBuffer());
};

describe('Excel (.xlsx) import and export over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  const tokens: Record<string, string> = {};
  const tenants: Record<string, Tenant> = {};

  const call = async (tenant: string, method: string, path: string, body?: Buffer | string, type = XLSX_TYPE) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[tenant]}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
    return { status: res.status, headers: res.headers, bytes, json };
  };

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    for (const slug of ['xlsx_a', 'xlsx_b']) {
      ({ token: tokens[slug], tenant: tenants[slug] } = await tenantWithAdmin(db, url, slug));
      const setup = api(url, tokens[slug]);
      for (const doc of transferDocuments()) expect((await setup('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc)).status).toBe(200);
      expect((await setup('POST', '/api/studio/publish', {})).status).toBe(200);
    }
    const seed = await call('xlsx_a', 'POST', '/api/records/customer/import?key=code', 'code,name,city\nC-001,上海华信,上海\nC-002,Acme,London\n', 'text/csv');
    expect(seed.json).toMatchObject({ created: 2, committed: true });
    expect((await call('xlsx_a', 'POST', '/api/records/contact/import', 'name\nZhang San\n', 'text/csv')).status).toBe(200);
    const sales = [
      // Attachment values name files of their own tenant: `files` is not part of a round trip.
      'ref_no,title,notes,qty,weight,price,rate,paid,due,shipped_at,status,tags,customer,contact,extra,rep',
      'R-1,"  上海, ""quoted""  ","two\nlines",42,3.1415,1234.56,12.5,true,2024-02-29,2024-05-01T10:00:00.123Z,won,"[""a;b"",""华东""]",C-001,Zhang San,"{""k"":[1,null]}",0190a6c8-0000-7000-8000-000000000001',
      'R-2,Plain,,0,-0.5,0.1,0,false,,2024-06-01T00:00:00.000Z,,vip;new,C-002,,"""text""",',
    ].join('\n');
    expect((await call('xlsx_a', 'POST', '/api/records/sale/import?key=ref_no', sales, 'text/csv')).json).toMatchObject({ created: 2, failed: 0, committed: true });
  });
  afterAll(async () => server?.close());

  it('exports a workbook with a bold frozen header and typed cells, honouring fields, filter and sort', async () => {
    const filter = encodeURIComponent(JSON.stringify({ '>=': [{ var: 'qty' }, 0] }));
    const res = await call('xlsx_a', 'GET', `/api/records/sale/export?format=xlsx&fields=ref_no,title,qty,price,paid,due,shipped_at,customer,customer.city,tags&sort=-ref_no&filter=${filter}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toContain('sale.xlsx');
    const { sheet, rows } = await sheetRows(res.bytes);
    expect(sheet.name).toBe('sale');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(rows[0]).toEqual(['ref_no', 'title', 'qty', 'price', 'paid', 'due', 'shipped_at', 'customer', 'customer.city', 'tags']);
    expect(rows[1]).toEqual(['R-2', 'Plain', 0, 0.1, false, undefined, new Date('2024-06-01T00:00:00.000Z'), 'C-002', 'London', 'vip;new']);
    expect(rows[2]).toEqual(['R-1', '  上海, "quoted"  ', 42, 1234.56, true, new Date('2024-02-29T00:00:00.000Z'), new Date('2024-05-01T10:00:00.123Z'), 'C-001', '上海', '["a;b","华东"]']);
    expect(sheet.getRow(3).getCell(6).numFmt).toBe('yyyy-mm-dd');
    const csv = await call('xlsx_a', 'GET', '/api/records/sale/export?fields=ref_no&format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('round trip: an exported workbook imported into another tenant gives back every value', async () => {
    for (const [entity, key] of [['customer', 'code'], ['contact', ''], ['sale', 'ref_no']]) {
      const out = await call('xlsx_a', 'GET', `/api/records/${entity}/export?format=xlsx`);
      expect(out.bytes.subarray(0, 2).toString()).toBe('PK');
      const res = await call('xlsx_b', 'POST', `/api/records/${entity}/import${key ? `?key=${key}` : ''}`, out.bytes);
      expect(res.json, entity).toMatchObject({ failed: 0, committed: true });
    }
    const fields = 'ref_no,title,notes,qty,weight,price,rate,paid,due,shipped_at,status,tags,customer,contact,extra,rep,number,total';
    const view = async (tenant: string) => (await call(tenant, 'GET', `/api/records/sale/export?fields=${fields}&sort=ref_no`)).bytes.toString('utf8');
    expect(await view('xlsx_b')).toBe(await view('xlsx_a'));
    // The same workbook again, by key, updates instead of creating.
    const again = await call('xlsx_b', 'POST', '/api/records/sale/import?key=ref_no', (await call('xlsx_a', 'GET', '/api/records/sale/export?format=xlsx')).bytes);
    expect(again.json).toMatchObject({ created: 0, updated: 2, failed: 0 });
  });

  it('imports a workbook through the same pipeline: dry run with errors per line, all or nothing, partial, error file', async () => {
    const bytes = await workbook([
      [],
      ['title', 'qty', 'due', 'paid', 'customer'],
      ['Excel one', 3, new Date('2024-03-01T00:00:00Z'), true, 'C-001'],
      ['Excel bad', 'many', 'not a date', 'maybe', 'C-404'],
      [],
      ['Excel two', { formula: '1+1', result: 2 }, null, { richText: [{ text: 'fal' }, { text: 'se' }] }],
    ]);
    const dry = await call('xlsx_a', 'POST', '/api/records/sale/import?dryRun=true', bytes, 'application/octet-stream');
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ created: 2, updated: 0, failed: 1, committed: false, dryRun: true });
    expect(dry.json.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[4, 'qty'], [4, 'paid'], [4, 'customer'], [4, 'due']]);
    const refused = await call('xlsx_a', 'POST', '/api/records/sale/import', bytes);
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'IMPORT_FAILED', failed: 1, committed: false });
    const errorFile = await call('xlsx_a', 'POST', '/api/records/sale/import?errors=csv', bytes);
    expect(errorFile.bytes.toString('utf8')).toContain('Excel bad,many,not a date,maybe,C-404,');
    const partial = await call('xlsx_a', 'POST', '/api/records/sale/import?partial=true', bytes);
    expect(partial.json).toMatchObject({ created: 2, failed: 1, committed: true });
    const got = await api(url, tokens.xlsx_a)('GET', `/api/records/sale?filter=${encodeURIComponent(JSON.stringify({ in: [{ var: 'title' }, ['Excel one', 'Excel two', 'Excel bad']] }))}&sort=title&fields=title,qty,due,paid`);
    expect(got.body.data.map((r: Record<string, unknown>) => [r.title, r.qty, r.due, r.paid])).toEqual([['Excel one', 3, '2024-03-01', true], ['Excel two', 2, null, false]]);
  });

  it('refuses a malformed workbook, an old .xls, a non-workbook declared as one, and a workbook with unknown columns (400, nothing written)', async () => {
    const good = await workbook([['title'], ['never written']]);
    const broken = await call('xlsx_a', 'POST', '/api/records/sale/import', good.subarray(0, Math.floor(good.length / 2)));
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    expect(broken.json).toMatchObject({ code: 'INVALID_XLSX', detail: expect.stringContaining('not a readable Excel workbook') });
    const garbage = await call('xlsx_a', 'POST', '/api/records/sale/import', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 7)]));
    expect(garbage.json).toMatchObject({ status: 400, code: 'INVALID_XLSX' });
    const xls = await call('xlsx_a', 'POST', '/api/records/sale/import', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/vnd.ms-excel');
    expect(xls.json).toMatchObject({ status: 400, code: 'UNSUPPORTED_XLS', detail: expect.stringContaining('.xlsx') });
    const text = await call('xlsx_a', 'POST', '/api/records/sale/import', 'title\nx\n');
    expect(text.json).toMatchObject({ status: 400, code: 'INVALID_XLSX' });
    const unknown = await call('xlsx_a', 'POST', '/api/records/sale/import', await workbook([['title', 'colour'], ['x', 'red']]));
    expect(unknown.json).toMatchObject({ status: 400, errors: [{ field: 'colour', code: 'UNKNOWN_COLUMN' }] });
    const empty = await call('xlsx_a', 'POST', '/api/records/sale/import', await workbook([]));
    expect(empty.json).toMatchObject({ status: 400, errors: [{ code: 'EMPTY_FILE' }] });
    expect((await call('xlsx_a', 'GET', '/api/records/sale/export?format=pdf')).json).toMatchObject({ status: 400, errors: [{ field: 'format' }] });
    expect((await call('xlsx_a', 'POST', '/api/records/sale/import', '{}', 'application/json')).status).toBe(415);
    for (const res of [broken, garbage, xls, text]) expect(res.bytes.toString('utf8')).not.toMatch(/select |insert |\bat .*\.(ts|js)/i);
    const titles = (await api(url, tokens.xlsx_a)('GET', '/api/records/sale?fields=title&limit=200')).body.data.map((r: { title: string }) => r.title);
    expect(titles).not.toContain('never written');
    expect(titles).not.toContain('x');
  });

  it('streams a large workbook; a dropped download stops the export and frees its transaction', async () => {
    const n = 6000;
    const rows = Array.from({ length: n }, (_, i) => ({ id: uuidv7(), name: `${'大客户'.repeat(30)} ${i}`, code: `X-${String(i).padStart(5, '0')}` }));
    await withTenant(db.knex, tenants.xlsx_b, (trx) => trx.batchInsert('customer', rows, 1000));
    const full = await call('xlsx_b', 'GET', '/api/records/customer/export?format=xlsx&fields=code,name&filter=' + encodeURIComponent('{"!=":[{"var":"code"},null]}'));
    const { rows: read } = await sheetRows(full.bytes);
    expect(read.filter((r) => String(r[0]).startsWith('X-'))).toHaveLength(n);
    const abort = new AbortController();
    const res = await fetch(`${url}/api/records/customer/export?format=xlsx&fields=code,name`, { headers: { authorization: `Bearer ${tokens.xlsx_b}` }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect((await reader.read()).value!.length).toBeGreaterThan(0);
    abort.abort();
    await reader.read().catch(() => undefined);
    // The export let go of its connection: the next request (PGlite has one) is answered.
    const after = await api(url, tokens.xlsx_b)('GET', '/api/records/customer?fields=code&limit=1&sort=code');
    expect(after.status).toBe(200);
  });

  it('reads a workbook streamed in small chunks', async () => {
    const bytes = await workbook([['name'], ['Chunked Ltd']]);
    const chunks = Readable.from((function* () {
      for (let i = 0; i < bytes.length; i += 100) yield bytes.subarray(i, i + 100);
    })());
    const res = await fetch(`${url}/api/records/contact/import`, { method: 'POST', headers: { authorization: `Bearer ${tokens.xlsx_a}`, 'content-type': XLSX_TYPE }, body: chunks as unknown as BodyInit, duplex: 'half' } as RequestInit);
    expect(await res.json()).toMatchObject({ created: 1, committed: true });
  });
});
