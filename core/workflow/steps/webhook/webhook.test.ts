import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord } from '../../../records/index.js';
import { lookupFor } from '../../runner/lookup.js';
import { httpSink } from '../../test-support/http-sink.js';
import { settle, stepHarness } from '../../test-support/step-harness.js';
import type { WorkflowServices } from '../../types.js';
import { isPrivateAddress } from './address-policy.js';
import { OUTBOUND_SECRET } from './run.js';
import { putSecret } from '../../../security/index.js';

const sale: EntityDocument = { kind: 'entity', name: 'sale', titleField: 'code', fields: { code: { type: 'text', required: true } } };
const hook = (url: string) => ({ name: 'push', entity: 'sale', trigger: { on: 'create' }, steps: [{ id: 'call', type: 'webhook', url }] });

describe('webhook step', () => {
  let sink: Awaited<ReturnType<typeof httpSink>>;
  const services: WorkflowServices = { webhookAllow: [] };
  beforeAll(async () => {
    sink = await httpSink((path, n) => (path === '/flaky' && n === 1 ? { status: 500 } : path === '/hop' ? { status: 302, headers: { location: `http://127.0.0.1:${sink.port}/landed` } } : { status: 200 }));
  });
  afterAll(async () => sink?.close());
  const h = stepHarness(services);

  it('knows which addresses are private', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a)).toBe(false);
  });

  it('refuses loopback targets, by address or by name, unless allowed', async () => {
    services.webhookAllow = [];
    for (const host of ['127.0.0.1', 'localhost']) {
      const t = await h.tenants.add([sale], [hook(`http://${host}:${sink.port}/in`)]);
      await t.write((ctx) => createRecord('sale', { code: 'A' }, ctx));
      const [run] = await t.runs();
      expect((await settle(t, run.id, 'failed')).error).toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    }
    expect(sink.received).toHaveLength(0);
  });

  it('sends a signed request with the idempotency key to an allowed target', async () => {
    services.webhookAllow = ['127.0.0.1/32'];
    const t = await h.tenants.add([sale], [hook(`http://127.0.0.1:${sink.port}/in?code={{code}}`)]);
    await t.write((ctx) => createRecord('sale', { code: 'SO-9' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const got = sink.received.find((r) => r.path === '/in?code=SO-9')!;
    const secret = await lookupFor(h.db.knex, t.tenant).secret(OUTBOUND_SECRET);
    expect(got.headers['x-signature']).toBe(`sha256=${createHmac('sha256', secret).update(got.body).digest('hex')}`);
    expect(got.headers['x-idempotency-key']).toBe(`${run.id}-0`);
    expect(JSON.parse(got.body)).toMatchObject({ workflow: 'push', run: run.id, trigger: 'create', record: { code: 'SO-9' } });
  });

  it("fills the vault's secrets into the address and headers, and keeps them out of the journal", async () => {
    services.webhookAllow = ['127.0.0.1/32'];
    const wf = { name: 'push', entity: 'sale', trigger: { on: 'create' }, steps: [{ id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}/vault?key={{secret.PARTNER_KEY}}`, headers: { authorization: 'Bearer {{ secret.PARTNER_TOKEN }}' } }] };
    const t = await h.tenants.add([sale], [wf]);
    await putSecret(h.db.knex, { tenantId: t.tenant.id, name: 'PARTNER_KEY', value: 'key-abcdef123' });
    await putSecret(h.db.knex, { tenantId: t.tenant.id, name: 'PARTNER_TOKEN', value: 'tok-zyxwvu987' });
    await t.write((ctx) => createRecord('sale', { code: 'V' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const got = sink.received.find((r) => r.path.startsWith('/vault'))!;
    expect(got.path).toBe('/vault?key=key-abcdef123');
    expect(got.headers.authorization).toBe('Bearer tok-zyxwvu987');
    const journal = JSON.stringify(await t.journal(run.id));
    expect(journal).not.toContain('key-abcdef123');
    expect(journal).toContain('/vault?key=••••••••');
  });

  it('retries a failing target with the same key, and checks every redirect', async () => {
    services.webhookAllow = ['127.0.0.1'];
    const t = await h.tenants.add([sale], [hook(`http://127.0.0.1:${sink.port}/flaky`)]);
    await t.write((ctx) => createRecord('sale', { code: 'F' }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const calls = sink.received.filter((r) => r.path === '/flaky');
    expect(calls.map((c) => c.headers['x-idempotency-key'])).toEqual([`${run.id}-0`, `${run.id}-0`]);
    expect((await t.journal(run.id))[0]).toMatchObject({ status: 'done', attempts: 2 });
    services.webhookAllow = ['localhost'];
    const r = await h.tenants.add([sale], [hook(`http://localhost:${sink.port}/hop`)]);
    await r.write((ctx) => createRecord('sale', { code: 'R' }, ctx));
    const [hop] = await r.runs();
    expect((await settle(r, hop.id, 'failed')).error).toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    expect(sink.received.filter((x) => x.path === '/hop')).toHaveLength(1);
    expect(sink.received.filter((x) => x.path === '/landed')).toHaveLength(0);
  });
});
