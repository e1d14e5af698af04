import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDocument, MetadataDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { smtpSink } from '../../test-support/smtp-sink.js';
import { addUser, settle, stepHarness } from '../../test-support/step-harness.js';
import { until } from '../../test-support/until.js';
import type { WorkflowServices } from '../../types.js';

const sale: EntityDocument = { kind: 'entity', name: 'sale', titleField: 'code', fields: { code: { type: 'text', required: true }, email: { type: 'email' } } };

const addressesOf = (to: unknown): string[] => (Array.isArray(to) ? to : [to]).flatMap((a: { value: { address?: string }[] }) => a.value.map((v) => v.address!));

describe('email step', () => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  const services: WorkflowServices = {};
  beforeAll(async () => {
    sink = await smtpSink();
    services.mail = { transport: sink.transport, from: 'crm@example.test' };
  });
  afterAll(async () => sink?.close());
  const h = stepHarness(services);

  it('mails users and addresses through SMTP, with the idempotency key in the Message-ID, and stores the message on the record', async () => {
    const t = await h.tenants.add([sale], [{
      name: 'confirm', entity: 'sale', trigger: { on: 'create' },
      steps: [{ id: 'mail', type: 'email', to: { roles: ['sales'] }, addresses: ['{{email}}'], subject: 'Order {{code}} confirmed', text: 'Thank you for order {{code}}.' }],
    }]);
    const rep = await addUser(h.db, t.tenant, 'Rep', { roles: ['sales'] });
    const record = await t.write((ctx) => createRecord('sale', { code: 'SO-7', email: 'buyer@example.test' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const mail = await until(() => sink.messages.find((m) => m.subject === 'Order SO-7 confirmed'));
    expect(mail.text?.trim()).toBe('Thank you for order SO-7.');
    expect(addressesOf(mail.to).sort()).toEqual(['buyer@example.test', rep.email].sort());
    expect(mail.messageId).toBe(`<${run.id}-0@example.test>`);
    expect(mail.headers.get('x-idempotency-key')).toBe(`${run.id}-0`);
    expect((await t.journal(run.id))[0]).toMatchObject({ status: 'done', output: { messageId: `<${run.id}-0@example.test>` } });
    const stored = await t.sql((trx) => trx('_mail_messages as m').join('_mail_links as l', 'l.message', 'm.id').where({ 'l.record_id': record.id }).select('m.*'));
    expect(stored).toMatchObject([{ direction: 'out', status: 'sent', subject: 'Order SO-7 confirmed', message_id: `<${run.id}-0@example.test>`, from_address: 'crm@example.test' }]);
  });

  it('escapes record values in the HTML part (and sanitises it), keeps the text part as written and the subject on one line', async () => {
    const t = await h.tenants.add([sale], [{
      name: 'confirm', entity: 'sale', trigger: { on: 'create' },
      steps: [{ id: 'mail', type: 'email', addresses: ['{{email}}'], subject: 'Order {{code}}', text: 'Order {{code}}', html: '<p>Order <b>{{code}}</b></p><p>{{{code}}}</p><img src="x" onerror="alert(1)">' }],
    }]);
    await t.sql((trx) => trx('_mail_settings').insert({ id: true, from_name: 'Acme Sales', from_address: 'sales@acme.test', signing_key: 'k' }));
    const code = '<script>alert("x")</script>\nBcc: victim@example.test';
    await t.write((ctx) => createRecord('sale', { code, email: 'html@example.test' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const mail = await until(() => sink.messages.find((m) => addressesOf(m.to).includes('html@example.test')));
    expect(mail.subject).toBe('Order <script>alert("x")</script> Bcc: victim@example.test');
    expect(mail.bcc).toBeUndefined();
    expect(mail.text?.trim()).toBe(`Order ${code}`);
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toMatch(/<script|onerror/i);
    expect(mail.from?.value[0]).toMatchObject({ name: 'Acme Sales', address: 'sales@acme.test' });
  });

  it('renders an e-mail template document in Chinese', async () => {
    const t = await h.tenants.add([sale], [{
      name: 'confirm', entity: 'sale', trigger: { on: 'create' },
      steps: [{ id: 'mail', type: 'email', addresses: ['{{email}}'], template: 'order_confirmed', locale: 'zh-CN' }],
    }]);
    t.meta.documents.email_template.order_confirmed = {
      kind: 'email_template', name: 'order_confirmed',
      subject: { en: 'Order {{code}} confirmed', 'zh-CN': '订单 {{code}} 已确认' },
      text: { en: 'Thank you for order {{code}}.', 'zh-CN': '感谢您的订单 {{code}}。' },
      html: { en: '<p>Thank you for order {{code}}.</p>', 'zh-CN': '<p>感谢您的订单 <b>{{code}}</b>。</p>' },
    } as MetadataDocument;
    await t.write((ctx) => createRecord('sale', { code: 'SO-88 & co', email: 'zh@example.test' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const mail = await until(() => sink.messages.find((m) => addressesOf(m.to).includes('zh@example.test')));
    expect(mail.subject).toBe('订单 SO-88 & co 已确认');
    expect(mail.text?.trim()).toBe('感谢您的订单 SO-88 & co。');
    expect(mail.html).toContain('<b>SO-88 &amp; co</b>');
  });
});
