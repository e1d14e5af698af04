import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import type { RunningServer } from '../http/server.js';
import { api, startTestServer, tenantWithAdmin } from '../http/test-server.js';
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

describe('bulk mail, unsubscribe links and the e-mails of a record', () => {
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

  const parsedTo = (address: string) => sink.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === address);

  it('sends the template in Chinese with a signed one-click unsubscribe link; the opt-out is honoured by the next bulk send', async () => {
    expect((await a('PUT', '/api/mail/settings', { fromName: '青山公司', fromAddress: 'news@qingshan.test' })).body).toEqual({ fromName: '青山公司', fromAddress: 'news@qingshan.test' });
    const first = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email', locale: 'zh-CN' });
    expect(first.body).toMatchObject({ sent: 2, skipped: 1, failed: 0 });
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

    const tampered = await fetch(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), { method: 'POST' });
    expect(tampered.status).toBe(400);
    const click = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    expect(await click.text()).toContain('已退订');
    expect(await withTenant(db.knex, tenant, (trx) => trx('_mail_opt_outs').select('address', 'source'))).toEqual([{ address: 'ann@example.test', source: 'link' }]);

    const before = sink.messages.length;
    const second = await a('POST', '/api/mail/bulk', { template: 'newsletter', entity: 'person', field: 'email' });
    expect(second.body).toMatchObject({ sent: 1, skipped: 2, failed: 0 });
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
});
