import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

type Call = ReturnType<typeof api>;
const label = (en: string) => ({ en, 'zh-CN': en });

/** What the audit log records beyond sign-ins (issue 23, item 2): publishes, plugin lifecycles, exports, settings. */
describe('audit events of administration', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'audited')).token);
  }, 600_000);
  afterAll(async () => server?.close());

  const actions = async (family: string) => (await admin('GET', `/api/audit?action=${family}&limit=50`)).body.data as { action: string; target: string | null; details: Record<string, unknown> }[];

  it('records metadata publishes, settings changes and exports', async () => {
    expect((await admin('PUT', '/api/studio/entity/memo', { kind: 'entity', name: 'memo', label: label('Memo'), titleField: 'text', fields: { text: { type: 'text' } } })).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await admin('PUT', '/api/settings', { timeZone: 'Asia/Shanghai' })).status).toBe(200);
    for (const text of ['one', 'two']) expect((await admin('POST', '/api/records/memo', { text })).status).toBe(201);
    expect((await admin('GET', '/api/records/memo/export?fields=text')).status).toBe(200);
    expect((await actions('metadata.')).map((e) => e.action)).toContain('metadata.publish');
    expect((await actions('settings.')).find((e) => e.action === 'settings.update')?.details).toMatchObject({ changed: ['timeZone'] });
    // The export is audited once its file has gone out: poll for it.
    const deadline = Date.now() + 10_000;
    let exported = (await actions('records.')).find((e) => e.action === 'records.export');
    while (!exported && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      exported = (await actions('records.')).find((e) => e.action === 'records.export');
    }
    expect(exported).toMatchObject({ target: 'memo', ip: expect.any(String), details: { format: 'csv', fields: ['text'], rows: 2, via: 'http' } });
  });

  it('records report exports with their rows, and lists every kind of export under one filter', async () => {
    const report = {
      kind: 'report', name: 'memo_texts', label: label('Memo texts'), entity: 'memo',
      dimensions: [{ name: 'text', label: label('Text'), type: 'levels', levels: [{ name: 'text', field: 'text' }] }],
      measures: [{ name: 'memos', aggregate: 'count' }],
    };
    expect((await admin('PUT', '/api/studio/report/memo_texts', report)).status).toBeLessThan(300);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const xlsx = await admin('POST', '/api/reports/memo_texts/pivot.xlsx', { rows: ['text'] });
    expect(xlsx.status).toBe(200);
    const exports = await actions('.export');
    expect(exports.map((e) => e.action)).toEqual(['report.export', 'records.export']);
    expect(exports[0]).toMatchObject({ target: 'memo_texts', details: { format: 'xlsx', rows: expect.any(Number), via: 'http', axes: { rows: ['text'], columns: [] } } });
    expect(exports[0]!.details.rows).toBeGreaterThanOrEqual(2);
    expect((await admin('GET', '/api/audit?action=..export')).status).toBe(400);
  });

  it('records plugin installs and uninstalls with what they changed', async () => {
    expect((await admin('POST', '/api/plugins/customers/install', {})).status).toBe(200);
    expect((await admin('POST', '/api/plugins/customers/uninstall', {})).status).toBe(200);
    const log = await actions('plugin.');
    expect(log.map((e) => [e.action, e.target])).toEqual([['plugin.uninstall', 'customers'], ['plugin.install', 'customers']]);
    expect(log[1]!.details.changes).toContainEqual(expect.objectContaining({ plugin: 'customers', change: 'installed' }));
  });
});
