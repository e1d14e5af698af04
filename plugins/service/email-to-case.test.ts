import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Mail-Case-Pass-2026';

describe('service plugin: e-mail to case', () => {
  let close: () => Promise<void>;
  let admin: ReturnType<typeof api>;
  let smtp: Transporter;

  beforeAll(async () => {
    const { db, server, url } = await startTestServer({ workflows: true, inboundMail: { port: 0, host: '127.0.0.1' } });
    close = () => server.close();
    await provisionTenant({ slug: 'mail_case', adminEmail: 'admin@mailcase.local', adminPassword: PASSWORD, plugins: ['service'] }, { knex: db.knex });
    admin = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'mail_case', email: 'admin@mailcase.local', password: PASSWORD })).body.token);
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    smtp?.close();
    await close?.();
  });

  it('opens a case for the customer of the contact who wrote to support@, and keeps the message on the contact page', async () => {
    const customer = (await admin('POST', '/api/records/customer', { name: '杭州云栖数据有限公司' })).body;
    const contact = (await admin('POST', '/api/records/contact', { customer: customer.id, name: '陈静', email: 'chen.jing@yunqi.test' })).body;
    expect(contact.id).toBeTruthy();
    await smtp.sendMail({ from: '陈静 <chen.jing@yunqi.test>', to: 'support@mail-case.mail.test', subject: '服务器无法启动', text: '机房的服务器今天早上无法启动。' });
    await smtp.sendMail({ from: 'stranger@elsewhere.test', to: 'support@mail-case.mail.test', subject: 'Who am I', text: 'unknown sender' });
    const cases = await (async () => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const list = await admin('GET', '/api/records/service_case');
        if (list.body.data.length || Date.now() > deadline) return list.body.data;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ subject: '服务器无法启动', customer: customer.id, contact: contact.id, channel: 'email', status: 'new', description: '机房的服务器今天早上无法启动。' });
    const mails = (await admin('GET', `/api/records/contact/${contact.id}/emails`)).body.data;
    expect(mails.map((m: { subject: string; direction: string }) => [m.subject, m.direction])).toEqual([['服务器无法启动', 'in']]);
  });
});
