import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import type { RunningServer } from '../http/server.js';
import { api, startTestServer, tenantWithAdmin } from '../http/test-server.js';
import type { RunEnv } from '../workflow/runner/run-env.js';
import { smtpSink } from '../workflow/test-support/smtp-sink.js';
import { BULK_MAIL_QUEUE, BULK_STALLED_SECONDS, BULK_TURN_WAIT_SECONDS, sendBulkBatch } from './bulk-mail.js';
import { databaseTenantEnv } from './database-tenant-env.js';

const person = { kind: 'entity', name: 'person', label: { en: 'Person', 'zh-CN': '人员' }, titleField: 'name', fields: { name: { type: 'text', required: true }, email: { type: 'email' } } };
const note = {
  kind: 'email_template', name: 'note', label: { en: 'Note', 'zh-CN': '便笺' },
  subject: { en: 'Note for {{name}}', 'zh-CN': '{{name}}的便笺' },
  text: { en: 'Hello {{name}}', 'zh-CN': '{{name}}，您好' },
};

/** A tenant's bulk mail: its bulks send one at a time, oldest first, no faster than the tenant's rate. */
describe('bulk mail throttled per tenant', () => {
  let db: Db;
  let server: RunningServer;
  let tenant: Tenant;
  let a: ReturnType<typeof api>;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let env: RunEnv;

  beforeAll(async () => {
    sink = await smtpSink();
    let url: string;
    ({ db, server, url } = await startTestServer({ config: { mail: { transport: sink.transport, from: 'crm@rate.test' } } }));
    let token: string;
    ({ tenant, token } = await tenantWithAdmin(db, url, 'bulk_rate'));
    a = api(url, token);
    expect((await a('PUT', '/api/studio/entity/person', person)).status).toBeLessThan(300);
    expect((await a('PUT', '/api/studio/email_template/note', note)).status).toBeLessThan(300);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    for (const name of ['Ann', 'Bo']) expect((await a('POST', '/api/records/person', { name, email: `${name.toLowerCase()}@rate.test` })).status).toBe(201);
    env = { knex: db.knex, tenants: databaseTenantEnv(db.knex), services: { mail: { transport: sink.transport, from: 'crm@rate.test' } }, steps: {}, leaseSeconds: 600 } as unknown as RunEnv;
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  /** Takes the bulk's waiting job from the tenant's outbox. */
  const jobOf = async (bulk: string) =>
    withTenant(db.knex, tenant, async (trx) => {
      const rows: { id: string; data: unknown; not_before: Date | null }[] = await trx('_wf_outbox').where({ queue: BULK_MAIL_QUEUE }).orderBy('id').select('id', 'data', 'not_before');
      const row = rows.map((r) => ({ ...r, data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, any> })).find((r) => r.data.bulk === bulk);
      if (row) await trx('_wf_outbox').where({ id: row.id }).delete();
      return row;
    });
  const queue = async () => {
    const res = await a('POST', '/api/mail/bulk', { template: 'note', entity: 'person', field: 'email' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return String(res.body.bulkId);
  };
  const run = async (bulk: string, change: (data: Record<string, any>) => Record<string, any> = (d) => d) => {
    const job = await jobOf(bulk);
    expect(job, `a queued job of ${bulk}`).toBeDefined();
    return sendBulkBatch({ id: job!.id, data: { ...change(job!.data), t: tenant.id }, retryCount: 0 } as never, env) as Promise<Record<string, unknown>>;
  };
  const notBefore = async (bulk: string) => {
    const rows: { data: any; not_before: Date | null }[] = await withTenant(db.knex, tenant, (trx) => trx('_wf_outbox').where({ queue: BULK_MAIL_QUEUE }).select('data', 'not_before'));
    const row = rows.find((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data).bulk === bulk);
    return row?.not_before ? new Date(row.not_before).getTime() : undefined;
  };

  it('takes the setting (1 to 100,000 a minute), refusing a bad one', async () => {
    const settings = (await a('GET', '/api/settings')).body;
    const bad = await a('PUT', '/api/settings', { ...settings, bulkMailPerMinute: 0 });
    expect(bad.status).toBe(400);
    const saved = await a('PUT', '/api/settings', { ...settings, bulkMailPerMinute: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.bulkMailPerMinute).toBe(1);
  });

  it('sends a later bulk only when the earlier one is done, and paces batches to the tenant rate', async () => {
    const first = await queue();
    const second = await queue();

    // The later bulk waits for its turn, looking again a little later; nothing is sent.
    const before = Date.now();
    expect(await run(second)).toEqual({ bulk: second, waiting: first });
    expect(await notBefore(second)).toBeGreaterThanOrEqual(before + (BULK_TURN_WAIT_SECONDS - 1) * 1000);
    expect(sink.messages).toHaveLength(0);

    // One a minute: the earlier bulk sends one message, and its next batch not before a minute has passed.
    const started = Date.now();
    expect(await run(first)).toMatchObject({ bulk: first, sent: 1, done: false });
    expect(sink.messages).toHaveLength(1);
    expect(await notBefore(first)).toBeGreaterThanOrEqual(started + 59_000);

    // Still the earlier bulk's turn: it has a message queued.
    expect(await run(second)).toEqual({ bulk: second, waiting: first });
    expect(await run(first)).toMatchObject({ bulk: first, sent: 1, done: true });
    expect(await run(second)).toMatchObject({ bulk: second, sent: 1, done: false });
    expect(sink.messages).toHaveLength(3);
  });

  it('lets a later bulk send when the earlier one has stalled (its queued messages have not gone down for long)', async () => {
    const later = await queue();
    // The bulk before still has one message queued (its next batch has not run): this one waits for it.
    const waiting = await run(later);
    expect(waiting).toMatchObject({ bulk: later, waiting: expect.any(String) });
    const job = await jobOf(later);
    const since = new Date(Date.now() - (BULK_STALLED_SECONDS + 60) * 1000).toISOString();
    const sent = sink.messages.length;
    await withTenant(db.knex, tenant, (trx) => trx('_wf_outbox').insert({ id: job!.id, queue: BULK_MAIL_QUEUE, data: JSON.stringify({ ...job!.data, turn: { ...job!.data.turn, since } }) }));
    expect(await run(later)).toMatchObject({ bulk: later, sent: 1 });
    expect(sink.messages.length).toBe(sent + 1);
  });
});
