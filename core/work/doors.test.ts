import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import { api, startTestServer, tenantWithAdmin } from '../http/test-server.js';
import { openEventStream } from '../http/test-event-stream.js';
import type { RunningServer } from '../http/server.js';
import type { MetadataDocument, PluginManifest } from '../metadata/types.js';
import { useFixturePluginsDir, writeFixturePlugin } from '../plugins/fixture-dir.js';
import { importFile } from '../transfer/import-file.js';
import { tick } from '../workflow/index.js';
import { databaseTenantEnv } from './database-tenant-env.js';
import { until } from '../workflow/test-support/until.js';
import { startWorkflowWorker, type WorkflowWorker } from '../workflow/worker.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const CORE = pathToFileURL(join(process.cwd(), 'core', 'index.ts')).href;

const manifest: PluginManifest = { name: 'helpdesk', version: '1.0.0', label: label('Helpdesk') } as PluginManifest;
const documents = [
  { kind: 'entity', name: 'ticket', label: label('Ticket'), titleField: 'subject', fields: { subject: { type: 'text', required: true }, source: { type: 'text' } } },
  {
    kind: 'role', name: 'agent', label: label('Agent'),
    entities: { ticket: { create: true, read: 'own', update: 'own', delete: 'none' } },
    actions: ['ticket.follow_up'],
  },
  { kind: 'workflow', name: 'ticket_created', label: label('Ticket created'), entity: 'ticket', trigger: { on: 'create' }, steps: [] },
  {
    kind: 'workflow', name: 'nightly_ticket', label: label('Nightly ticket'), trigger: { on: 'schedule', cron: '0 3 * * *' },
    steps: [{ id: 'make', type: 'create', entity: 'ticket', fields: { subject: 'Nightly check', source: 'schedule' } }],
  },
] as unknown as MetadataDocument[];

/** Server code of the fixture plugin: a route that creates and one that counts (as the caller), a system-mode count, an action, a seed. */
const SERVER = `
import { createRecord, definePlugin } from ${JSON.stringify(CORE)};
export default definePlugin({
  setup(api) {
    api.route({ method: 'POST', path: '/tickets', async handler(req, ctx) { return ctx.records.create('ticket', { subject: req.body.subject, source: 'route' }); } });
    api.route({ method: 'GET', path: '/tickets/count', async handler(_req, ctx) {
      const a = await ctx.records.aggregate({ entity: 'ticket', measures: [{ name: 'n', aggregate: 'count' }] });
      return { count: a.rows[0].n };
    } });
    api.route({ method: 'GET', path: '/tickets/all', rights: ['admin'], systemAccess: 'counts every ticket for the admin console', async handler(_req, ctx) {
      const rows = await ctx.system((db) => db('ticket').count({ n: '*' }));
      return { count: Number(rows[0].n) };
    } });
    api.route({ method: 'POST', path: '/announce', async handler(req, ctx) { await ctx.publish({ topic: 'helpdesk.announced', audience: { role: 'agent' }, data: { text: req.body.text } }); return { ok: true }; } });
    api.action('ticket.follow_up', { async run(input, ctx) { return createRecord('ticket', { subject: 'Follow-up: ' + input.record.subject, source: 'action' }, ctx); } });
    api.seed({ name: 'welcome', run: async (ctx) => { await createRecord('ticket', { subject: 'Welcome', source: 'seed' }, ctx); return { ticket: 1 }; } });
  },
});
`;

/**
 * Every door into a tenant runs through core/work: the same create starts the same
 * workflow whether it came over HTTP, a CLI import, a plugin route, a plugin action, a
 * plugin seed or a scheduled workflow, and a rep sees only her rows through a plugin route.
 */
describe('one tenant-work builder for every door', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let tenant: Tenant;
  let admin: ReturnType<typeof api>;
  let rep: ReturnType<typeof api>;
  let repId: string;
  let worker: WorkflowWorker;
  let plugins: ReturnType<typeof useFixturePluginsDir>;
  let scratch: string;

  const sql = <T>(fn: (trx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) => withTenant(db.knex, tenant, fn);
  const ticketsFrom = (source: string) => sql((trx) => trx('ticket').where({ source }).orderBy('id').select('id', 'subject', 'owner_id'));
  const runsOf = (workflow: string, recordId: string) => sql((trx) => trx('_wf_runs').where({ workflow, record_id: recordId }).select('id', 'depth'));

  beforeAll(async () => {
    plugins = useFixturePluginsDir();
    writeFixturePlugin(plugins.root, manifest, documents);
    mkdirSync(join(plugins.root, 'helpdesk', 'server'), { recursive: true });
    writeFileSync(join(plugins.root, 'helpdesk', 'server', 'index.ts'), SERVER);
    scratch = mkdtempSync(join(tmpdir(), 'crm-doors-'));
    ({ db, server, url } = await startTestServer());
    ({ tenant } = await tenantWithAdmin(db, url, 'doors'));
    const login = async (email: string, password: string) => api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'doors', email, password })).body.token);
    admin = await login('admin@doors.test', 'Correct-Horse-42');
    const installed = await admin('POST', '/api/plugins/helpdesk/install', {});
    expect(installed.status).toBe(200);
    const made = await admin('POST', '/api/users', { email: 'rep@doors.test', password: 'Front-Desk-2026', name: 'Rep', roles: ['agent'] });
    expect(made.status).toBe(201);
    repId = made.body.id;
    rep = await login('rep@doors.test', 'Front-Desk-2026');
    worker = await startWorkflowWorker(db, { tenants: databaseTenantEnv(db.knex), queue: { schedule: false, retryDelaySeconds: 1, retryLimit: 1 }, relay: { idleMs: 100, sweepMs: 2000 }, pollSeconds: 0.5, services: {} });
  });

  afterAll(async () => {
    await worker?.stop();
    await server?.close();
    plugins?.restore();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a plugin route publishes a live event to a role, sent once its transaction commits', async () => {
    const token = (await api(url)('POST', '/api/auth/login', { tenant: 'doors', email: 'rep@doors.test', password: 'Front-Desk-2026' })).body.token as string;
    const stream = await openEventStream(url, token);
    try {
      await stream.next((e) => e.event === 'ready');
      expect((await admin('POST', '/api/x/helpdesk/announce', { text: 'New shift rota' })).status).toBe(200);
      expect((await stream.next((e) => e.event === 'helpdesk.announced')).data).toMatchObject({ text: 'New shift rota', topic: 'helpdesk.announced' });
    } finally {
      stream.close();
    }
  });

  it('a plugin seed starts the workflow its create triggers', async () => {
    const [welcome] = await ticketsFrom('seed');
    expect(welcome.subject).toBe('Welcome');
    expect(await runsOf('ticket_created', welcome.id)).toHaveLength(1);
  });

  it('an HTTP create starts the workflow', async () => {
    const made = await admin('POST', '/api/records/ticket', { subject: 'By hand', source: 'http' });
    expect(made.status).toBe(201);
    expect(await runsOf('ticket_created', made.body.id)).toHaveLength(1);
  });

  it('a CLI import starts it for every row, unless the admin says --no-workflows (and the report says so)', async () => {
    const file = join(scratch, 'tickets.csv');
    writeFileSync(file, 'subject,source\nPrinter jammed,cli\nScreen flickers,cli\n');
    const io = { knex: db.knex, out: () => undefined, err: () => undefined };
    const report = await importFile({ entity: 'ticket', file, tenant: 'doors' }, io);
    expect(report).toMatchObject({ created: 2, committed: true, workflows: true });
    const imported = await ticketsFrom('cli');
    for (const t of imported) expect(await runsOf('ticket_created', t.id)).toHaveLength(1);

    writeFileSync(file, 'subject,source\nQuiet row,cli-quiet\n');
    const lines: string[] = [];
    const quiet = await importFile({ entity: 'ticket', file, tenant: 'doors', workflows: false }, { ...io, out: (s: string) => lines.push(s) });
    expect(quiet).toMatchObject({ created: 1, workflows: false });
    expect(lines.join('\n')).toContain('no workflows were started');
    const [row] = await ticketsFrom('cli-quiet');
    expect(await runsOf('ticket_created', row.id)).toHaveLength(0);
  });

  it('an HTTP import skips workflows only when an admin asks', async () => {
    const csv = 'subject,source\nFrom the app,http-import\n';
    const headers = { 'content-type': 'text/csv' };
    expect((await rep('POST', '/api/records/ticket/import?workflows=false', csv, headers)).status).toBe(403);
    expect((await admin('POST', '/api/records/ticket/import?workflows=maybe', csv, headers)).status).toBe(400);
    const quiet = await admin('POST', '/api/records/ticket/import?workflows=false', csv, headers);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toMatchObject({ created: 1, workflows: false });
    const [row] = await ticketsFrom('http-import');
    expect(await runsOf('ticket_created', row.id)).toHaveLength(0);
  });

  it('a plugin route creates as the signed-in user, with her rights, and starts the workflow', async () => {
    const made = await rep('POST', '/api/x/helpdesk/tickets', { subject: 'Via the route' });
    expect(made.status).toBe(200);
    expect(made.body.owner_id).toBe(repId);
    expect(await runsOf('ticket_created', made.body.id)).toHaveLength(1);
  });

  it('a plugin action creates through the same hooks, and needs a record the actor may read', async () => {
    const [byHand] = await ticketsFrom('http');
    const done = await admin('POST', `/api/records/ticket/${byHand.id}/actions/follow_up`, {});
    expect(done.status).toBe(200);
    expect(await runsOf('ticket_created', done.body.id)).toHaveLength(1);
    // The rep holds the action right but cannot read the admin's ticket: the same 404 as a random id.
    expect((await rep('POST', `/api/records/ticket/${byHand.id}/actions/follow_up`, {})).status).toBe(404);
  });

  it('a scheduled workflow creates through a workflow step, whose create starts the workflow one level deeper', async () => {
    const current = { ...tenant, metaRevision: Number((await db.knex('crm_system.tenants').where({ id: tenant.id }).first()).meta_revision) };
    expect(await tick(db.knex, databaseTenantEnv(db.knex), new Date('2030-01-02T03:00:30Z'))).toBe(1);
    const [nightly] = await until(async () => {
      const rows = await ticketsFrom('schedule');
      return rows.length ? rows : undefined;
    }, 40_000);
    expect(nightly.subject).toBe('Nightly check');
    const runs = await until(async () => {
      const r = await withTenant(db.knex, current, (trx) => trx('_wf_runs').where({ workflow: 'ticket_created', record_id: nightly.id }).select('depth'));
      return r.length ? r : undefined;
    });
    expect(runs).toEqual([{ depth: 1 }]);
  });

  it('a plugin route counts only the rows the caller may read, like the record API', async () => {
    const listed = await rep('GET', '/api/records/ticket?total=true');
    expect(listed.body.total).toBe(1);
    expect((await rep('GET', '/api/x/helpdesk/tickets/count')).body).toEqual({ count: 1 });
    const all = await admin('GET', '/api/records/ticket?total=true');
    expect(all.body.total).toBeGreaterThan(5);
    expect((await admin('GET', '/api/x/helpdesk/tickets/count')).body).toEqual({ count: all.body.total });
  });

  it('system mode needs the route to declare it and the rights it names, and is audited', async () => {
    expect((await rep('GET', '/api/x/helpdesk/tickets/all')).status).toBe(403);
    const all = await admin('GET', '/api/x/helpdesk/tickets/all');
    expect(all.status).toBe(200);
    expect(all.body.count).toBe((await admin('GET', '/api/records/ticket?total=true')).body.total);
    const audited = await db.knex('crm_system.audit_log').where({ tenant_id: tenant.id, action: 'plugin.system_access' }).select('target', 'details');
    expect(audited).toEqual([{ target: 'helpdesk GET /tickets/all', details: expect.objectContaining({ reason: 'counts every ticket for the admin console' }) }]);
  });

  it('refuses a body over the route limit, and a signed-in route asked anonymously', async () => {
    const big = await rep('POST', '/api/x/helpdesk/tickets', { subject: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect((await api(url)('GET', '/api/x/helpdesk/tickets/count')).status).toBe(401);
    expect((await api(url)('GET', '/api/public/doors/x/helpdesk/tickets/count')).status).toBe(404);
    expect((await api(url)('GET', '/api/public/nobody/x/helpdesk/tickets/count')).status).toBe(404);
  });
});
