import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, importFile, provisionTenant, startTestServer, type Db } from '../../core/plugins/testing.js';

const PASSWORD = 'Import-Dup-2026';
type Row = Record<string, any>;

/** `crm import customer … --duplicates report|skip|merge` (the command's import): rows the customer's duplicate rules (similar name, phone) match. */
describe('customers: command-line import with duplicate rules', () => {
  let close: () => Promise<void>;
  let db: Db;
  let as: ReturnType<typeof api>;
  let known: Row;
  const dir = mkdtempSync(join(tmpdir(), 'crm-import-dup-'));
  const file = join(dir, 'customers.csv');
  const run = async (duplicates: 'flag' | 'skip' | 'merge', dryRun: boolean) => {
    const out: string[] = [];
    const report = await importFile({ entity: 'customer', file, tenant: 'dupimport', dryRun, duplicates }, { knex: db.knex, out: (s) => void out.push(s), err: () => undefined });
    return { report, out };
  };
  const customers = async () => (await as('GET', '/api/records/customer?sort=name&fields=name,phone,address&limit=50')).body.data as Row[];

  beforeAll(async () => {
    const started = await startTestServer();
    db = started.db;
    close = () => started.server.close();
    await provisionTenant({ slug: 'dupimport', adminEmail: 'admin@dup.local', adminPassword: PASSWORD, plugins: ['customers'] }, { knex: db.knex });
    as = api(started.url, (await api(started.url)('POST', '/api/auth/login', { tenant: 'dupimport', email: 'admin@dup.local', password: PASSWORD })).body.token);
    const made = await as('POST', '/api/records/customer', { name: '宁波海天贸易有限公司', phone: '0574-8765 4321' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    known = made.body;
    writeFileSync(file, 'name,phone,address\n宁波海天贸易有限公司,,宁波市北仑区\n杭州新客户科技有限公司,0571-1234 5678,\n宁波海天贸易,+86 574 87654321,\n');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await close?.();
  });

  it('reports matching rows and still writes them, or skips them (dry runs: nothing written)', async () => {
    const before = (await customers()).length;
    const reported = await run('flag', true);
    expect(reported.report).toMatchObject({ created: 3, updated: 0, skipped: 0, dryRun: true });
    expect(reported.report.duplicates).toEqual([
      { line: 2, ids: [known.id], skipped: false },
      { line: 4, ids: [known.id], skipped: false },
    ]);
    expect(reported.out).toEqual([
      'created 3, updated 0, failed 0, possible duplicates 2 (dry run: nothing was written)',
      `line 2: may duplicate ${known.id} (written)`,
      `line 4: may duplicate ${known.id} (written)`,
    ]);
    const skipped = await run('skip', true);
    expect(skipped.report).toMatchObject({ created: 1, skipped: 2 });
    expect(skipped.out[1]).toBe(`line 2: may duplicate ${known.id} (skipped)`);
    expect((await customers()).length).toBe(before);
  });

  it('merges each matching row into the record it matches: its filled cells update it, blank cells keep its values', async () => {
    const merged = await run('merge', false);
    expect(merged.report).toMatchObject({ created: 1, updated: 2, merged: 2, committed: true });
    expect(merged.report.duplicates?.map((d) => [d.line, d.mergedInto])).toEqual([[2, known.id], [4, known.id]]);
    expect(merged.out[0]).toBe('created 1, updated 2, failed 0, possible duplicates 2 (merged 2)');
    const after = (await as('GET', `/api/records/customer/${known.id}`)).body;
    expect(after).toMatchObject({ name: '宁波海天贸易', phone: '+86 574 87654321', address: '宁波市北仑区' });
    expect((await customers()).map((c) => c.name)).toEqual(expect.arrayContaining(['杭州新客户科技有限公司', '宁波海天贸易']));
    const history = (await as('GET', `/api/records/customer/${known.id}/history`)).body.data as Row[];
    expect(history.slice(0, 2).map((h) => h.action)).toEqual(['update', 'update']);
  });
});
