import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, startTestServer, tenantWithAdmin } from './test-server.js';

/** A code of the step `steps` after now (a step not used yet, within the 30 s tolerance). */
const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

describe('two-factor sign-in (POST /api/auth/2fa/setup, /verify)', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let slug = 0;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  const anonymous = () => api(url);
  const enrolled = async () => {
    const name = `tfa_${++slug}`;
    const { token, email } = await tenantWithAdmin(db, url, name);
    const me = api(url, token);
    const setup = await me('POST', '/api/auth/2fa/setup');
    expect(setup.status).toBe(200);
    const secret = setup.body.secret as string;
    const confirmed = await me('POST', '/api/auth/2fa/verify', { code: await codeAt(secret, 0) });
    expect(confirmed.status).toBe(200);
    return { name, email, me, secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  };
  const passwordStep = async (name: string, email: string) => anonymous()('POST', '/api/auth/login', { tenant: name, email, password: ADMIN_PASSWORD });

  it('enrols with a code from the app and answers ten recovery codes once; a wrong code changes nothing', async () => {
    const name = `tfa_${++slug}`;
    const { token } = await tenantWithAdmin(db, url, name);
    const me = api(url, token);
    expect((await me('GET', '/api/auth/2fa')).body).toEqual({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    const setup = await me('POST', '/api/auth/2fa/setup');
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(setup.body.otpauthUrl).toContain(encodeURIComponent(`admin@${name}.test`));
    const wrong = await me('POST', '/api/auth/2fa/verify', { code: '000000' === (await codeAt(setup.body.secret, 0)) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expect((await me('GET', '/api/auth/2fa')).body).toMatchObject({ enabled: false, pending: true });
    const missing = await me('POST', '/api/auth/2fa/verify', {});
    expect(missing.status).toBe(400);
    const ok = await me('POST', '/api/auth/2fa/verify', { code: await codeAt(setup.body.secret, 0) });
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    expect((await me('GET', '/api/auth/2fa')).body).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 10 });
    expect((await me('POST', '/api/auth/2fa/setup')).status).toBe(409);
  });

  it('then asks for a code after the password: no session before it, a code is good once, a wrong one is refused', async () => {
    const { name, email, secret } = await enrolled();
    const step = await passwordStep(name, email);
    expect(step.status).toBe(401);
    expect(step.body).toMatchObject({ code: 'TWO_FACTOR_REQUIRED', challenge: expect.any(String), expiresAt: expect.any(String) });
    expect(step.body.token).toBeUndefined();
    expect(step.headers.get('set-cookie')).toBeNull();

    const wrong = await anonymous()('POST', '/api/auth/2fa/verify', { challenge: step.body.challenge, code: '12345' });
    expect(wrong.status).toBe(422);
    const code = await codeAt(secret, 1);
    const done = await anonymous()('POST', '/api/auth/2fa/verify', { challenge: step.body.challenge, code });
    expect(done.status).toBe(200);
    expect(done.headers.get('set-cookie')).toContain('crm_session=');
    expect((await api(url, done.body.token)('GET', '/api/auth/me')).body.user.email).toBe(email);

    const again = await passwordStep(name, email);
    const replay = await anonymous()('POST', '/api/auth/2fa/verify', { challenge: again.body.challenge, code });
    expect(replay.status).toBe(422);
  });

  it('takes each recovery code once, refuses a forged challenge, and signs in with the password alone once turned off', async () => {
    const { name, email, me, secret, recoveryCodes } = await enrolled();
    const step = await passwordStep(name, email);
    expect((await anonymous()('POST', '/api/auth/2fa/verify', { challenge: step.body.challenge, code: recoveryCodes[3].toUpperCase() })).status).toBe(200);
    const step2 = await passwordStep(name, email);
    expect((await anonymous()('POST', '/api/auth/2fa/verify', { challenge: step2.body.challenge, code: recoveryCodes[3] })).status).toBe(422);
    expect((await me('GET', '/api/auth/2fa')).body.recoveryCodesLeft).toBe(9);

    const [head, payload, signature] = String(step.body.challenge).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [head, Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url'), signature].join('.');
    expect((await anonymous()('POST', '/api/auth/2fa/verify', { challenge: forged, code: await codeAt(secret, 1) })).status).toBe(401);
    expect((await anonymous()('POST', '/api/auth/2fa/verify', { code: '123456' })).status).toBe(401);

    expect((await me('POST', '/api/auth/2fa/disable', { code: '000001' })).status).toBe(422);
    expect((await me('POST', '/api/auth/2fa/disable', { code: await codeAt(secret, 1) })).status).toBe(204);
    const plain = await passwordStep(name, email);
    expect(plain.body.token).toEqual(expect.any(String));
  });
});
