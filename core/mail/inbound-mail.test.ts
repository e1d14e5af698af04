import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { withTenant, type Tenant } from '../db/tenant.js';
import type { RunningServer } from '../http/server.js';
import { api, startTestServer, tenantWithAdmin } from '../http/test-server.js';
import { until } from '../workflow/test-support/until.js';

const person = {
  kind: 'entity', name: 'person', label: { en: 'Person', 'zh-CN': '人员' }, titleField: 'name', emailContact: true,
  fields: { name: { type: 'text', required: true }, email: { type: 'email' } },
};
const ticket = {
  kind: 'entity', name: 'ticket', label: { en: 'Ticket', 'zh-CN': '工单' }, titleField: 'subject',
  fields: { subject: { type: 'text', required: true }, person: { type: 'reference', entity: 'person' }, body: { type: 'long_text' } },
};
const mailToTicket = {
  kind: 'workflow', name: 'mail_to_ticket', label: { en: 'Mail to ticket', 'zh-CN': '邮件转工单' },
  trigger: { on: 'email_received', mailbox: 'support', condition: { '!!': [{ var: '$payload.contact' }] } },
  steps: [{ id: 'make', type: 'create', entity: 'ticket', fields: { subject: { var: '$payload.subject' }, person: { var: '$payload.contact.id' }, body: { var: '$payload.text' } } }],
};
const MAX = 20_000;
const HOURLY = 4;

describe('inbound mail over SMTP', () => {
  let db: Db;
  let server: RunningServer;
  let tenant: Tenant;
  let a: ReturnType<typeof api>;
  let smtp: Transporter;
  let ann: string;

  beforeAll(async () => {
    let url: string;
    ({ db, server, url } = await startTestServer({ workflows: true, inboundMail: { port: 0, host: '127.0.0.1', maxBytes: MAX, hourlyLimit: HOURLY } }));
    let token: string;
    ({ tenant, token } = await tenantWithAdmin(db, url, 'inbox_a'));
    a = api(url, token);
    for (const [kind, doc] of [['entity', person], ['entity', ticket], ['workflow', mailToTicket]] as const) {
      const put = await a('PUT', `/api/studio/${kind}/${doc.name}`, doc);
      expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    }
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    ann = (await a('POST', '/api/records/person', { name: 'Ann', email: 'Ann@Customer.test' })).body.id;
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    smtp?.close();
    await server?.close();
  });

  const messages = () => withTenant(db.knex, tenant, (trx) => trx('_mail_messages').orderBy('created_at').select('*'));

  it('stores a message with its attachment, links it to the sender contact, threads the reply, takes a repeat once, and starts the workflow', async () => {
    const first = await smtp.sendMail({
      from: 'Ann <ann@customer.test>', to: 'support@inbox-a.mail.test', subject: 'Printer broken', text: 'It smokes.',
      html: '<p>It smokes.<script>alert(1)</script></p>', messageId: '<m1@customer.test>',
      attachments: [{ filename: 'photo.txt', content: 'smoke' }],
    });
    expect(first.accepted).toEqual(['support@inbox-a.mail.test']);
    await smtp.sendMail({ from: 'ann@customer.test', to: 'support@inbox-a.mail.test', subject: 'Re: Printer broken', text: 'Still smoking.', messageId: '<m2@customer.test>', inReplyTo: '<m1@customer.test>', references: ['<m1@customer.test>'] });
    const again = await smtp.sendMail({ from: 'ann@customer.test', to: 'support@inbox-a.mail.test', subject: 'Printer broken', text: 'It smokes.', messageId: '<m1@customer.test>' });
    expect(again.accepted).toEqual(['support@inbox-a.mail.test']);
    const [m1, m2, ...more] = await messages();
    expect(more).toEqual([]);
    expect(m1).toMatchObject({ direction: 'in', status: 'received', mailbox: 'support', from_address: 'ann@customer.test', from_name: 'Ann', subject: 'Printer broken', message_id: '<m1@customer.test>', raw: null });
    expect(m1.html_body).not.toContain('<script');
    expect(m2).toMatchObject({ in_reply_to: '<m1@customer.test>', thread_id: m1.thread_id });
    expect(m1.attachments).toMatchObject([{ name: 'photo.txt', size: 5 }]);
    const file = await withTenant(db.knex, tenant, (trx) => trx('_files').where({ id: m1.attachments[0].file }).first('record_id', 'entity', 'data'));
    expect(file).toMatchObject({ record_id: m1.id, entity: '_mail' });
    expect(Buffer.from(file.data).toString()).toBe('smoke');

    const onRecord = await a('GET', `/api/records/person/${ann}/emails`);
    expect(onRecord.body.data.map((m: { subject: string }) => m.subject)).toEqual(['Re: Printer broken', 'Printer broken']);

    const tickets = await until(async () => {
      const list = await a('GET', '/api/records/ticket?sort=subject');
      return list.body.data.length === 2 ? list.body.data : undefined;
    });
    expect(tickets.map((t: { subject: string; person: string }) => [t.subject, t.person])).toEqual([['Printer broken', ann], ['Re: Printer broken', ann]]);
  });

  it('keeps a message that cannot be parsed, raw and flagged, and starts nothing for it', async () => {
    await smtp.sendMail({ envelope: { from: 'ghost@nowhere.test', to: ['support@inbox-a.mail.test'] }, raw: 'this is not a message at all\r\n' });
    const flagged = (await messages()).find((m) => m.status === 'unparsed');
    expect(flagged).toMatchObject({ from_address: 'ghost@nowhere.test', problem: expect.stringContaining('no message headers') });
    expect(Buffer.from(flagged.raw).toString()).toContain('this is not a message at all');
  });

  it('refuses a message over SMTP SIZE with 552, an unknown tenant with 550, and a tenant over its hourly count with 452', async () => {
    const big = await smtp.sendMail({ from: 'ann@customer.test', to: 'support@inbox-a.mail.test', subject: 'Big', text: 'x'.repeat(MAX * 2) }).catch((e: { responseCode?: number }) => e);
    expect((big as { responseCode?: number }).responseCode).toBe(552);
    const unknown = await smtp.sendMail({ from: 'ann@customer.test', to: 'support@nobody-here.mail.test', subject: 'Hi', text: 'hi' }).catch((e: { responseCode?: number }) => e);
    expect((unknown as { responseCode?: number }).responseCode).toBe(550);
    expect((await messages()).length).toBe(3);
    await smtp.sendMail({ from: 'ann@customer.test', to: 'sales@inbox-a.mail.test', subject: 'Fourth', text: 'ok' });
    const over = await smtp.sendMail({ from: 'ann@customer.test', to: 'sales@inbox-a.mail.test', subject: 'Fifth', text: 'no' }).catch((e: { responseCode?: number }) => e);
    expect((over as { responseCode?: number }).responseCode).toBe(452);
    expect((await messages()).map((m) => m.subject)).toEqual(['Printer broken', 'Re: Printer broken', null, 'Fourth']);
  });
});
