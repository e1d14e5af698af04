import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { smtpSink } from '../../test-support/smtp-sink.js';
import { addUser, settle, stepHarness } from '../../test-support/step-harness.js';
import { until } from '../../test-support/until.js';
import type { WorkflowServices } from '../../types.js';

const sale: EntityDocument = { kind: 'entity', name: 'sale', titleField: 'code', fields: { code: { type: 'text', required: true }, email: { type: 'email' } } };

describe('email step', () => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  const services: WorkflowServices = {};
  beforeAll(async () => {
    sink = await smtpSink();
    services.mail = { transport: sink.transport, from: 'crm@example.test' };
  });
  afterAll(async () => sink?.close());
  const h = stepHarness(services);

  it('mails users and addresses through SMTP, with the idempotency key as Message-ID', async () => {
    const t = await h.tenants.add([sale], [{
      name: 'confirm', entity: 'sale', trigger: { on: 'create' },
      steps: [{ id: 'mail', type: 'email', to: { roles: ['sales'] }, addresses: ['{{email}}'], subject: 'Order {{code}} confirmed', text: 'Thank you for order {{code}}.' }],
    }]);
    const rep = await addUser(h.db, t.tenant, 'Rep', { roles: ['sales'] });
    await t.write((ctx) => createRecord('sale', { code: 'SO-7', email: 'buyer@example.test' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const mail = await until(() => sink.messages.find((m) => m.subject === 'Order SO-7 confirmed'));
    expect(mail.text?.trim()).toBe('Thank you for order SO-7.');
    expect((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a!.value.map((v) => v.address)).sort()).toEqual(['buyer@example.test', rep.email].sort());
    expect(mail.messageId).toBe(`<${run.id}-0@workflow.crm>`);
    expect(mail.headers.get('x-idempotency-key')).toBe(`${run.id}-0`);
    expect((await t.journal(run.id))[0]).toMatchObject({ status: 'done', output: { messageId: `<${run.id}-0@workflow.crm>` } });
  });
});
