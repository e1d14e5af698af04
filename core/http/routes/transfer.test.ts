import { parse } from 'csv-parse/sync';
import { get, request, type IncomingMessage } from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { transferDocuments } from '../../transfer/test-fixtures.js';
import type { RunningServer } from '../server.js';
import { api, startTestServer, tenantWithAdmin } from '../test-server.js';

describe('CSV import and export over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  const tokens: Record<string, string> = {};
  const tenants: Record<string, Tenant> = {};

  /** A CSV request: raw bytes back, so the BOM can be seen. */
  const csvCall = async (tenant: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[tenant]}`, ...(body !== undefined ? { 'content-type': 'text/csv' } : {}), ...headers },
      body,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, bytes, text, json: type.includes('json') ? JSON.parse(text) : undefined };
  };
  const rows = (text: string) => parse(text, { bom: true }) as string[][];

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    for (const slug of ['csv_a', 'csv_b', 'csv_big']) {
      ({ token: tokens[slug], tenant: tenants[slug] } = await tenantWithAdmin(db, url, slug));
      const call = api(url, tokens[slug]);
      for (const doc of transferDocuments()) expect((await call('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc)).status).toBe(200);
      expect((await call('POST', '/api/studio/publish', {})).status).toBe(200);
    }
    const seed = await csvCall('csv_a', 'POST', '/api/records/customer/import?key=code', 'code,name,city,parent\nC-001,上海华信,上海,\nC-002,Acme,London,C-001\nC-003,Globex,,\n');
    expect(seed.json).toMatchObject({ created: 3, failed: 0, committed: true });
    expect((await csvCall('csv_a', 'POST', '/api/records/contact/import', 'name\nZhang San\nLi Wei\nLi Wei\n')).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('exports CSV with a BOM, honouring filter, fields and sort; /export is not taken for a record id', async () => {
    const filter = encodeURIComponent(JSON.stringify({ '!=': [{ var: 'code' }, 'C-003'] }));
    const res = await csvCall('csv_a', 'GET', `/api/records/customer/export?filter=${filter}&fields=code,name,parent&sort=-code`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('customer.csv');
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows(res.text)).toEqual([['code', 'name', 'parent'], ['C-002', 'Acme', 'C-001'], ['C-001', '上海华信', '']]);
    const all = rows((await csvCall('csv_a', 'GET', '/api/records/customer/export')).text);
    expect(all[0].slice(0, 1)).toEqual(['id']);
    expect(all[0].slice(1, 5).sort()).toEqual(['city', 'code', 'name', 'parent']);
    expect(all[0].slice(5)).toEqual(['owner_id', 'created_at', 'updated_at']);
    const one = await api(url, tokens.csv_a)('GET', `/api/records/customer/${all[1][0]}`);
    expect(one.body.code).toBe('C-001');
  });

  it('imports: creates, upserts by key, resolves references by natural key', async () => {
    const csv = 'ref_no,title,qty,customer,contact,tags\nH-1,第一,1,C-001,Zhang San,vip\nH-2,Second,2,C-002,,\n';
    expect((await csvCall('csv_a', 'POST', '/api/records/sale/import?key=ref_no', csv)).json).toMatchObject({ created: 2, updated: 0, failed: 0, errors: [] });
    const again = await csvCall('csv_a', 'POST', '/api/records/sale/import?key=ref_no', 'ref_no,qty\nH-1,10\nH-3,3\n');
    expect(again.json).toMatchObject({ created: 0, updated: 1, failed: 1, committed: false });
    expect(again.status).toBe(422);
    expect(again.json.errors).toEqual([{ line: 3, field: 'title', message: 'is required' }]);
    const upsert = await csvCall('csv_a', 'POST', '/api/records/sale/import?key=ref_no', 'ref_no,qty,title\nH-1,10,第一\nH-3,3,Third\n');
    expect(upsert.json).toMatchObject({ created: 1, updated: 1, failed: 0, committed: true });
    const exported = rows((await csvCall('csv_a', 'GET', '/api/records/sale/export?fields=ref_no,qty,customer,contact,tags&sort=ref_no')).text);
    expect(exported).toEqual([['ref_no', 'qty', 'customer', 'contact', 'tags'], ['H-1', '10', 'C-001', 'Zhang San', 'vip'], ['H-2', '2', 'C-002', '', ''], ['H-3', '3', '', '', '']]);
  });

  it('a dry run writes nothing and reports every bad row with its line, column and reason', async () => {
    const before = (await csvCall('csv_a', 'GET', '/api/records/contact/export?fields=name')).text;
    const res = await csvCall('csv_a', 'POST', '/api/records/sale/import?dryRun=true', 'title,qty,contact,customer\nok,1,,\nbad,-1,Li Wei,C-404\nalso ok,2,,C-003\n');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 2, updated: 0, failed: 1, committed: false, dryRun: true });
    expect(res.json.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[3, 'contact'], [3, 'customer'], [3, 'qty']]);
    expect(res.json.errors[1].message).toBe('no customer with code "C-404"');
    const titles = rows((await csvCall('csv_a', 'GET', '/api/records/sale/export?fields=title')).text).flat();
    expect(titles).not.toContain('ok');
    expect((await csvCall('csv_a', 'GET', '/api/records/contact/export?fields=name')).text).toBe(before);
  });

  it('an all-or-nothing import with a bad row is 422 and writes nothing; ?errors=csv or Accept: text/csv give the error file', async () => {
    const csv = 'title,qty\nkept?,1\n,x\n';
    const refused = await csvCall('csv_a', 'POST', '/api/records/sale/import', csv);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json).toMatchObject({ code: 'IMPORT_FAILED', created: 1, failed: 1, committed: false, errors: [{ line: 3, field: 'qty' }, { line: 3, field: 'title' }] });
    const asks: { q: string; h: Record<string, string> }[] = [{ q: '?errors=csv', h: {} }, { q: '', h: { accept: 'text/csv' } }];
    for (const ask of asks) {
      const file = await csvCall('csv_a', 'POST', `/api/records/sale/import${ask.q}`, csv, ask.h);
      expect(file.status).toBe(422);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(rows(file.text)).toEqual([['title', 'qty', 'error'], ['', 'x', 'qty: "x" is not a number; title: is required']]);
      expect(JSON.parse(file.headers.get('x-import-report')!)).toMatchObject({ created: 1, failed: 1, committed: false });
    }
    expect(rows((await csvCall('csv_a', 'GET', '/api/records/sale/export?fields=title')).text).flat()).not.toContain('kept?');
    const partial = await csvCall('csv_a', 'POST', '/api/records/sale/import?partial=true', csv);
    expect(partial.json).toMatchObject({ created: 1, failed: 1, committed: true });
  });

  it('refuses: unknown entity 404, unknown column 400 naming it, bad parameters 400, not CSV 415, too large 413', async () => {
    expect((await csvCall('csv_a', 'GET', '/api/records/ghost/export')).status).toBe(404);
    expect((await csvCall('csv_a', 'POST', '/api/records/ghost/import', 'name\nx\n')).status).toBe(404);
    const unknown = await csvCall('csv_a', 'POST', '/api/records/sale/import', 'title,colour\nx,red\n');
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ field: 'colour', message: 'is not a field of sale', code: 'UNKNOWN_COLUMN' }]);
    expect(unknown.json.detail).toContain('colour');
    const badField = await csvCall('csv_a', 'GET', '/api/records/sale/export?fields=title,colour');
    expect(badField.status).toBe(400);
    expect(badField.text).toContain('colour');
    expect((await csvCall('csv_a', 'GET', '/api/records/sale/export?filter={nope')).status).toBe(400);
    expect((await csvCall('csv_a', 'GET', '/api/records/sale/export?limit=5')).status).toBe(400);
    expect((await csvCall('csv_a', 'POST', '/api/records/sale/import?dryRun=maybe', 'title\nx\n')).status).toBe(400);
    expect((await csvCall('csv_a', 'POST', '/api/records/sale/import?key=title', 'title\nx\n')).json.errors[0]).toMatchObject({ field: 'key' });
    const json = await api(url, tokens.csv_a)('POST', '/api/records/sale/import', { title: 'x' });
    expect(json.status).toBe(415);
    const unreadable = await csvCall('csv_a', 'POST', '/api/records/sale/import', 'title,notes\nx,"open\n');
    expect(unreadable.json).toMatchObject({ status: 400, code: 'INVALID_CSV' });
    const huge = await csvCall('csv_a', 'POST', '/api/records/sale/import', `title\n${'x'.repeat(21 * 1024 * 1024)}\n`);
    expect(huge.status).toBe(413);
    for (const res of [unknown, badField, unreadable, huge]) expect(res.text).not.toMatch(/select |insert |\bat .*\.ts/i);
    expect((await csvCall('csv_a', 'GET', '/api/records/sale/export?fields=title')).status).toBe(200);
  });

  it('round trip to another tenant through the API keeps every value', async () => {
    // Attachment values do not travel to another tenant (a file is bytes in its own tenant): `files` stays out.
    const fields = 'ref_no,title,notes,email,phone,site,qty,weight,price,rate,paid,due,shipped_at,status,tags,customer,contact,extra,rep';
    const full = [
      fields,
      'R-9,"  边距, ""quoted""  ","two\r\nlines",a@b.test,+86 1,https://x.test/?a=1,7,3.1415,1234.56,0.125,true,2024-02-29,2024-05-01T10:00:00.123Z,won,"[""a;b"",""华东""]",C-002,Zhang San,"{""k"":[1,null]}",0190a6c8-0000-7000-8000-000000000001',
      'R-10,Bare,,,,,0,-0.5,0.1,0,false,,,,vip;new,,,"""text""",',
    ].join('\n');
    expect((await csvCall('csv_a', 'POST', '/api/records/sale/import?key=ref_no', full)).json).toMatchObject({ failed: 0, committed: true });
    for (const [entity, key] of [['customer', 'code'], ['contact', ''], ['sale', 'ref_no']]) {
      const out = await csvCall('csv_a', 'GET', `/api/records/${entity}/export`);
      const res = await csvCall('csv_b', 'POST', `/api/records/${entity}/import${key ? `?key=${key}` : ''}`, out.text);
      expect(res.json, entity).toMatchObject({ failed: 0, committed: true });
    }
    const view = (tenant: string) => csvCall(tenant, 'GET', `/api/records/sale/export?fields=${fields}&sort=ref_no`);
    const [a, b] = [await view('csv_a'), await view('csv_b')];
    expect(b.text).toBe(a.text);
    expect(rows(a.text).find((r) => r[0] === 'R-9')).toEqual(rows(full)[1]);
  });

  it('a dropped download stops the export and frees its transaction', async () => {
    const n = 20_000;
    const rowsOf = Array.from({ length: n }, (_, i) => ({ id: uuidv7(), name: `${'客户名称'.repeat(40)} ${i}`, code: `B-${i}` }));
    await withTenant(db.knex, tenants.csv_big, (trx) => trx.batchInsert('customer', rowsOf, 1000));
    // A connection of its own: one kept alive from earlier may have been closed by the server while the rows went in.
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      get(`${url}/api/records/customer/export?fields=code,name`, { headers: { authorization: `Bearer ${tokens.csv_big}` }, agent: false }, resolve).on('error', reject),
    );
    expect(res.statusCode).toBe(200);
    const first = await new Promise<Buffer>((resolve) => res.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    res.destroy();
    // The export let go of its connection: the next request (PGlite has one) is answered.
    const after = await csvCall('csv_big', 'GET', '/api/records/customer/export?fields=code&filter=' + encodeURIComponent('{"==":[{"var":"code"},"B-7"]}'));
    expect(rows(after.text)).toEqual([['code'], ['B-7']]);
  });

  it('an upload that breaks off ends the import and writes nothing', async () => {
    const req = request(`${url}/api/records/contact/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.csv_b}`, 'content-type': 'text/csv', 'content-length': '1000000' },
    });
    req.on('error', () => undefined);
    await new Promise<void>((resolve) => req.write('name\nHalf Way\n', () => resolve()));
    req.destroy();
    const after = await csvCall('csv_b', 'GET', '/api/records/contact/export?fields=name');
    expect(after.status).toBe(200);
    expect(rows(after.text).flat()).not.toContain('Half Way');
  });
});
