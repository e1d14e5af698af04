import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createTenant } from '../tenants/tenant-store.js';
import { listRecords } from '../records/index.js';
import { rejection } from '../records/test-fixtures.js';
import { createUser } from '../security/index.js';
import { openSystemWork as asTenantSystem } from '../work/index.js';
import { exportFile } from './export-file.js';
import { importFile, type ImportProgress } from './import-file.js';
import { publishTransferMeta, readAll } from './test-fixtures.js';

describe('crm import / crm export', () => {
  let db: Db;
  let adminId: string;
  const dir = mkdtempSync(join(tmpdir(), 'crm-transfer-'));
  const file = (name: string, text?: string) => {
    const path = join(dir, name);
    if (text !== undefined) writeFileSync(path, text);
    return path;
  };
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { knex: db.knex, out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) } };
  };
  const customers = () => asTenantSystem(db.knex, 'files', async (ctx) => (await listRecords('customer', { sort: 'code', fields: ['code', 'name', 'created_by', 'owner_id'] }, ctx)).data);

  beforeAll(async () => {
    db = await openTestDatabase();
    const tenant = await createTenant(db.knex, { slug: 'files' });
    adminId = (await createUser({ tenantId: tenant.id, email: 'boss@files.test', password: 'Correct-Horse-42', name: 'Boss', isAdmin: true }, { knex: db.knex })).id;
    await publishTransferMeta(db.knex, tenant);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.close();
  });

  it('imports a file as the tenant\'s first admin, reporting progress and a summary', async () => {
    const { out, io: ctx } = io();
    const seen: string[] = [];
    const progress: ImportProgress = { start: (t) => void seen.push(`start ${t}`), update: (b, r) => void seen.push(`${b} ${r}`), stop: () => void seen.push('stop') };
    const text = '\ufeffcode,name\nC-1,上海华信\nC-2,Acme\n';
    const report = await importFile({ entity: 'customer', file: file('c.csv', text), tenant: 'files', key: 'code' }, { ...ctx, progress });
    expect(report).toMatchObject({ created: 2, failed: 0, committed: true });
    expect(out).toEqual(['created 2, updated 0, failed 0']);
    const size = Buffer.byteLength(text);
    expect(seen).toEqual([`start ${size}`, `${size} 2`, 'stop']);
    expect(await customers()).toMatchObject([{ code: 'C-1', created_by: adminId, owner_id: adminId }, { code: 'C-2' }]);
  });

  it('fails on bad rows (exit 1): prints each with its line, writes the error file, keeps nothing; a dry run too', async () => {
    const { out, err, io: ctx } = io();
    const errorsOut = file('errors.csv');
    const csv = file('bad.csv', 'code,name\nC-9,Fine\nC-10,\n');
    const failure = await rejection(importFile({ entity: 'customer', file: csv, tenant: 'files', key: 'code', errorsOut }, ctx));
    expect(failure).toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringContaining('1 row(s) have errors') });
    expect(out[0]).toMatch(/^created 1, updated 0, failed 1: nothing was written/);
    expect(err).toEqual(['line 3 name: is required', `bad rows written to ${errorsOut}`]);
    expect(readFileSync(errorsOut, 'utf8')).toBe('\ufeffcode,name,error\nC-10,,name: is required\n');
    expect((await customers()).map((c) => c.code)).toEqual(['C-1', 'C-2']);

    const dry = io();
    await rejection(importFile({ entity: 'customer', file: csv, tenant: 'files', dryRun: true }, dry.io));
    expect(dry.out[0]).toBe('created 1, updated 0, failed 1 (dry run: nothing was written)');
    const partial = io();
    await rejection(importFile({ entity: 'customer', file: csv, tenant: 'files', partial: true }, partial.io));
    expect((await customers()).map((c) => c.code)).toEqual(['C-1', 'C-2', 'C-9']);
  });

  it('refuses a missing file, an unknown tenant and an unknown entity clearly', async () => {
    const { io: ctx } = io();
    expect(await rejection(importFile({ entity: 'customer', file: file('none.csv'), tenant: 'files' }, ctx))).toMatchObject({ status: 400, message: expect.stringContaining('none.csv') });
    const csv = file('ok.csv', 'code,name\nX,Y\n');
    expect((await rejection(importFile({ entity: 'customer', file: csv, tenant: 'nobody' }, ctx))).message).toBe('Tenant "nobody" does not exist');
    expect((await rejection(importFile({ entity: 'ghost', file: csv, tenant: 'files' }, ctx))).message).toBe('Entity "ghost" does not exist');
  });

  it('exports to a file or stdout, with filter and fields', async () => {
    const out = file('out.csv');
    await exportFile({ entity: 'customer', tenant: 'files', fields: 'code,name', sort: '-code', out }, { knex: db.knex, stdout: new PassThrough() });
    expect(parse(readFileSync(out, 'utf8'), { bom: true })).toEqual([['code', 'name'], ['C-9', 'Fine'], ['C-2', 'Acme'], ['C-1', '上海华信']]);
    const stdout = new PassThrough();
    const text = readAll(stdout);
    await exportFile({ entity: 'customer', tenant: 'files', filter: '{"==":[{"var":"code"},"C-1"]}', fields: 'name', bom: false }, { knex: db.knex, stdout });
    stdout.end();
    expect(await text).toBe('name\n上海华信\n');
    expect((await rejection(exportFile({ entity: 'customer', tenant: 'files', filter: '{nope' }, { knex: db.knex, stdout }))).status).toBe(400);
  });

  it('exports to an .xlsx file and imports a workbook back', async () => {
    const out = file('customers.xlsx');
    await exportFile({ entity: 'customer', tenant: 'files', fields: 'code,name', sort: 'code', out }, { knex: db.knex, stdout: new PassThrough() });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const { out: said, io: ctx } = io();
    const report = await importFile({ entity: 'customer', file: out, tenant: 'files', key: 'code', dryRun: true }, ctx);
    expect(report).toMatchObject({ created: 0, updated: 3, failed: 0, dryRun: true });
    expect(said).toEqual(['created 0, updated 3, failed 0 (dry run: nothing was written)']);
  });
});
