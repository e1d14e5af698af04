import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { sealStoredTwoFactorSecrets } from '../security/index.js';
import type { RunningServer } from './server.js';
import { api, ADMIN_PASSWORD, startTestServer, tenantWithAdmin } from './test-server.js';

type Call = ReturnType<typeof api>;

/** The script secrets vault and two-factor secrets encrypted at rest (issue 23, item 10). */
describe('secrets vault', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let admin: Call;
  let other: Call;
  let tenantId: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    const a = await tenantWithAdmin(db, url, 'vault_a');
    tenantId = a.tenant.id;
    admin = api(url, a.token);
    other = api(url, (await tenantWithAdmin(db, url, 'vault_b')).token);
  }, 600_000);
  afterAll(async () => server?.close());

  it('keeps secrets write-only, sealed at rest, per tenant and audited without their value', async () => {
    const set = await admin('PUT', '/api/secrets/PARTNER_TOKEN', { value: 'tok-very-secret-42' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ name: 'PARTNER_TOKEN', updatedAt: expect.any(String), updatedBy: expect.any(String) });
    expect((await admin('PUT', '/api/secrets/PARTNER_TOKEN', { value: 'tok-very-secret-43' })).status).toBe(200);
    const list = await admin('GET', '/api/secrets');
    expect(list.body.data.map((s: { name: string }) => s.name)).toEqual(['PARTNER_TOKEN']);
    expect(JSON.stringify(list.body)).not.toContain('tok-very');
    const [row] = await db.knex('crm_system.tenant_secrets').where({ tenant_id: tenantId }).select('sealed');
    expect(row.sealed).toMatch(/^enc1:/);
    expect(row.sealed).not.toContain('tok-very');
    // Another tenant sees none of them; bad input names its fields.
    expect((await other('GET', '/api/secrets')).body.data).toEqual([]);
    expect((await other('DELETE', '/api/secrets/PARTNER_TOKEN')).status).toBe(404);
    const bad = await admin('PUT', '/api/secrets/9lives', { value: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'value']);
    const log = await admin('GET', '/api/audit?action=secret.&limit=10');
    expect(log.body.data.map((e: { action: string; target: string }) => [e.action, e.target])).toContainEqual(['secret.set', 'PARTNER_TOKEN']);
    expect(JSON.stringify(log.body)).not.toContain('tok-very');
    expect((await admin('DELETE', '/api/secrets/PARTNER_TOKEN')).status).toBe(204);
    expect((await admin('GET', '/api/secrets')).body.data).toEqual([]);
  });

  it('refuses people who are not tenant admins', async () => {
    const made = await admin('POST', '/api/users', { email: 'rep@vault_a.test', password: ADMIN_PASSWORD, name: 'Rep' });
    expect(made.status).toBe(201);
    const rep = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'vault_a', email: 'rep@vault_a.test', password: ADMIN_PASSWORD })).body.token);
    expect((await rep('GET', '/api/secrets')).status).toBe(403);
    expect((await rep('PUT', '/api/secrets/X_TOKEN', { value: 'abcdef' })).status).toBe(403);
  });

  it('stores two-factor secrets sealed, seals ones stored in the clear, and signs in with both', async () => {
    const me = (await admin('GET', '/api/auth/me')).body.user;
    // The admin's token is a bearer session: enrol it.
    const setup = await admin('POST', '/api/auth/2fa/setup');
    expect(setup.status).toBe(200);
    expect((await admin('POST', '/api/auth/2fa/verify', { code: await generate({ secret: setup.body.secret }) })).status).toBe(200);
    const stored = await db.knex('crm_system.users').where({ id: me.id }).first('totp_secret');
    expect(stored.totp_secret).toMatch(/^enc1:/);
    expect(stored.totp_secret).not.toContain(setup.body.secret);

    // A row from before encryption at rest: the clear secret still works, and the start-up sweep seals it.
    await db.knex('crm_system.users').where({ id: me.id }).update({ totp_secret: setup.body.secret, totp_last_step: null });
    expect(await sealStoredTwoFactorSecrets(db.knex)).toBe(1);
    expect(await sealStoredTwoFactorSecrets(db.knex)).toBe(0);
    expect((await db.knex('crm_system.users').where({ id: me.id }).first('totp_secret')).totp_secret).toMatch(/^enc1:/);
    const step = await api(url)('POST', '/api/auth/login', { tenant: 'vault_a', email: 'admin@vault_a.test', password: ADMIN_PASSWORD });
    expect(step.status).toBe(401);
    expect(step.body.code).toBe('TWO_FACTOR_REQUIRED');
    const done = await api(url)('POST', '/api/auth/2fa/verify', { challenge: step.body.challenge, code: await generate({ secret: setup.body.secret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
    expect(done.status).toBe(200);
  });
});
