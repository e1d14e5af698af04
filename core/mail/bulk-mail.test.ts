import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import type { RunningServer } from '../http/server.js';
import { api, startTestServer, tenantWithAdmin } from '../http/test-server.js';
import { sendQueuedMail } from '../plugins/testing.js';
import { bulkMailQueue, databaseTenantEnv } from '../work/index.js';
import { startWorkflowWorker } from '../workflow/index.js';
import { smtpSink } from '../workflow/test-support/smtp-sink.js';
import { until } from '../workflow/test-support/until.js';

const person = { kind: 'entity', name: 'person', label: { en: 'Person', 'zh-CN': '人员' }, titleField: 'name', fields: { name: { type: 'text', required: true }, email: { type: 'email' } } };
const newsletter = {
  kind: 'email_template', name: 'newsletter', label: { en: 'Newsletter', 'zh-CN': '通讯' },
  subject: { en: 'News for {{name}}', 'zh-CN': '{{name}}，本月新闻' },
  text: { en: 'Hello {{name}}', 'zh-CN': '{{name}}，您好' },
  html: { en: '<p>Hello {{name}}</p>', 'zh-CN': '<p>{{name}}，您好</p>' },
};
const reader = { kind: 'role', name: 'reader', label: { en: 'Reader', 'zh-CN': '读者' }, entities: { person: { read: 'own' } } };

describe('bulk mail through the queue, unsubscribe links and the e-mails of a record', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let tenant: Tenant;
  let a: ReturnType<typeof api>;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sink = await smtpSink();
    ({ db, server, url } = await startTestServer({ config: { mail: { transport: sink.transport, from: 'crm@example.test' } } }));
    let token: string;
    ({ tenant, token } = await tenantWithAdmin(db, url, 'bulk_a'));
    a = api(url, token);
    expect((await a('PUT', '/api/studio/entity/person', person)).status).toBeLessThan(300);
    expect((await a('PUT', '/api/studio/email_template/newsletter', newsletter)).status).toBeLessThan(300);
    expect((await a('PUT', '/api/studio/role/reader', reader)).status).toBeLessThan(300);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    for (const [name, email] of [['Ann <b>', 'ann@example.test'], ['Bo', 'bo@example.test'], ['Cy', null]] as const) {
      ids[name] = (await a('POST', '/api/records/person', { name, email })).body.id;
    }
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  const mail = () => ({ transport: sink.transport, from: 'crm@example.test' });
  const progress = async (bulkId: string) => (await a('GET', `/api/mail/bulk/${bulkId}`)).body;
  const parsedTo = (address: string) => sink.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === address);

  it('sends the template in Chinese with a signed one-click unsubscribe link; the opt-out is honoured by the next bulk send', async () => {
    expect((await a('PUT', '/api/mail/settings', { fromName: '青山公司', fromAddress: 'news@qingshan.test' })).body).toEqual({ fromName: '青山公司', fromAddress: 'news@qingshan.test' });
    const first = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email', locale: 'zh-CN' });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ total: 3, recipients: 2, status: 'queued' });
    expect(await progress(first.body.bulkId)).toMatchObject({ total: 3, queued: 3, sent: 0, done: false });
    expect(sink.messages).toHaveLength(0); // nothing goes out inside the request
    await sendQueuedMail(db.knex, tenant, mail());
    expect(await progress(first.body.bulkId)).toMatchObject({ total: 3, queued: 0, sent: 2, skipped: 1, failed: 0, done: true });
    const ann = await until(() => parsedTo('ann@example.test')[0]);
    expect(ann.subject).toBe('Ann <b>，本月新闻');
    expect(ann.html).toContain('<p>Ann &lt;b&gt;，您好</p>');
    expect(ann.from?.value[0]).toMatchObject({ name: '青山公司', address: 'news@qingshan.test' });
    const line = (key: string) => ann.headerLines.find((l) => l.key === key)?.line.replace(/^[^:]+:\s*/, '');
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<([^>]+)>$/.exec(line('list-unsubscribe') ?? '')?.[1] ?? '';
    expect(link).toContain(`/api/public/bulk_a/mail/unsubscribe?token=`);
    expect(ann.text).toContain(link);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('ann@example.test');
    expect(html).toContain('退订');
    expect(html).toContain('Unsubscribe');
    expect(await withTenant(db.knex, tenant, (trx) => trx('_mail_opt_outs').select('address'))).toEqual([]);

    const tampered = await fetch(link.replace(/(.)(.{5})$/, (_, c: string, tail: string) => (c === 'A' ? 'B' : 'A') + tail), { method: 'POST' }); // not the last character: its low bits are padding
    expect(tampered.status).toBe(400);
    const click = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    expect(await click.text()).toContain('已退订');
    expect(await withTenant(db.knex, tenant, (trx) => trx('_mail_opt_outs').select('address', 'source'))).toEqual([{ address: 'ann@example.test', source: 'link' }]);

    const before = sink.messages.length;
    const second = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email' });
    expect(second.body).toMatchObject({ total: 3, recipients: 1 });
    await sendQueuedMail(db.knex, tenant, mail());
    expect(await progress(second.body.bulkId)).toMatchObject({ sent: 1, skipped: 2, failed: 0, done: true });
    await until(() => sink.messages.length > before);
    expect(parsedTo('ann@example.test')).toHaveLength(1);
    expect(parsedTo('bo@example.test').map((m) => m.subject)).toEqual(['Bo，本月新闻', 'News for Bo']);
    const logged = await withTenant(db.knex, tenant, (trx) => trx('_mail_messages').where({ bulk_id: second.body.bulkId }).orderBy('to_addresses').select('status', 'problem', 'to_addresses'));
    expect(logged).toEqual([
      { status: 'skipped', problem: 'no address', to_addresses: [] },
      { status: 'skipped', problem: 'opted out', to_addresses: ['ann@example.test'] },
      { status: 'sent', problem: null, to_addresses: ['bo@example.test'] },
    ]);
  });

  it('shows a record its e-mails only to users who may read the record', async () => {
    const mine = await a('GET', `/api/records/person/${ids['Ann <b>']}/emails`);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((m: { status: string }) => m.status)).toEqual(['skipped', 'sent']);
    expect(mine.body.data[1]).toMatchObject({ direction: 'out', subject: 'Ann <b>，本月新闻', to: ['ann@example.test'] });
    expect(mine.body.data[1].raw).toBeUndefined();
    const made = await a('POST', '/api/users', { email: 'reader@bulk.test', password: 'Quiet-Lamp-2026', name: 'Reader', roles: ['reader'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const signIn = await api(url)('POST', '/api/auth/login', { tenant: 'bulk_a', email: 'reader@bulk.test', password: 'Quiet-Lamp-2026' });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    const token = signIn.body.token as string;
    const other = await api(url, token)('GET', `/api/records/person/${ids['Ann <b>']}/emails`);
    expect(other.status).toBe(404);
    expect(other.body.data).toBeUndefined();
  });

  it('refuses bad bulk input naming each field, and bad mail settings, changing nothing', async () => {
    const bad = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'name', locale: 'fr', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'field', 'locale']);
    const settings = await a('PUT', '/api/mail/settings', { fromAddress: 'not an address', fromName: 'a\nb' });
    expect(settings.status).toBe(400);
    expect((await a('GET', '/api/mail/settings')).body).toEqual({ fromName: '青山公司', fromAddress: 'news@qingshan.test' });
    expect((await a('POST', '/api/mail/bulk', { template: 'nope', entity: 'person', field: 'email' })).status).toBe(404);
  });

  it('refuses a template whose merge field the audience lacks, naming it, and asks to confirm a send above the tenant limit', async () => {
    const broken = { ...newsletter, name: 'broken', text: { en: 'Dear {{title}} {{name}}', 'zh-CN': '{{name}}' } };
    expect((await a('PUT', '/api/studio/email_template/broken', broken)).status).toBeLessThan(300);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const refused = await a('POST', '/api/mail/bulk', { template: 'broken', entity: 'person', field: 'email' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'MAIL_MERGE_FIELD', field: 'title' });
    expect(refused.body.detail).toContain('“title”');

    const settings = (await a('GET', '/api/settings')).body;
    expect((await a('PUT', '/api/settings', { bulkMailConfirmAbove: 0, version: settings.version })).status).toBe(200);
    const big = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email' });
    expect(big.status).toBe(409);
    expect(big.body).toMatchObject({ code: 'BULK_MAIL_CONFIRM', count: 1, confirmAbove: 0 });
    expect((await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email', confirm: 5 })).status).toBe(409);
    const confirmed = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email', confirm: 1, filter: { '==': [{ var: 'name' }, 'Bo'] } });
    expect(confirmed.status).toBe(202);
    expect(confirmed.body).toMatchObject({ total: 1, recipients: 1 });
    await sendQueuedMail(db.knex, tenant, mail());
  });

  it('resumes a bulk after a crash: what the dead attempt left sending is logged failed, not sent twice; the rest goes out', async () => {
    for (let i = 0; i < 30; i++) await a('POST', '/api/records/person', { name: `Many ${i}`, email: `many${i}@example.test` });
    const queued = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email', confirm: 30, filter: { in: ['Many', { var: 'name' }] } });
    expect(queued.body).toMatchObject({ total: 30, recipients: 30 });
    const bulkId = queued.body.bulkId;
    await withTenant(db.knex, tenant, (trx) => trx.raw(`update _mail_messages set status = 'sending' where id = (select id from _mail_messages where bulk_id = ? order by id limit 1)`, [bulkId]));
    const before = sink.messages.length;
    const jobs = await sendQueuedMail(db.knex, tenant, mail(), { retry: true });
    expect(jobs.length).toBe(2); // 25 a job, then the next job for the rest
    expect(await progress(bulkId)).toMatchObject({ total: 30, sent: 29, failed: 1, queued: 0, sending: 0, done: true });
    const failed = await withTenant(db.knex, tenant, (trx) => trx('_mail_messages').where({ bulk_id: bulkId, status: 'failed' }).first('problem'));
    expect(failed.problem).toContain('interrupted');
    await until(() => sink.messages.length >= before + 29);
  });

  it('sends through the worker: the queued job goes from the outbox through pg-boss to the mail server', async () => {
    const worker = await startWorkflowWorker(db, { tenants: databaseTenantEnv(db.knex), services: { mail: mail() }, queues: [bulkMailQueue()], pollSeconds: 0.5, queue: { schedule: false } });
    try {
      const queued = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email', confirm: 1, filter: { '==': [{ var: 'name' }, 'Bo'] } });
      expect(queued.status).toBe(202);
      expect(await until(async () => ((await progress(queued.body.bulkId)).done ? progress(queued.body.bulkId) : undefined), 30_000)).toMatchObject({ sent: 1, done: true });
    } finally {
      await worker.stop();
    }
  });
});
