import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { smtpSink } from '../workflow/test-support/smtp-sink.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const OLD = 'Reset-Old-Pass-2026';
const NEW = 'Reset-New-Pass-2027';

/** Staff password reset by e-mail (DESIGN §12): no enumeration, a single-use expiring link, sessions end. */
describe('staff password reset (/api/auth/password-reset)', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let savedSmtp: string | undefined;
  const anon = () => api(url);
  const signIn = (email: string, password: string) => anon()('POST', '/api/auth/login', { tenant: 'resets', email, password });
  const tokenOf = (text: string): string => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)![1];
  const mailsTo = (to: string) => sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(to));
  const until = async (done: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(done()).toBe(true);
  };

  beforeAll(async () => {
    sink = await smtpSink();
    savedSmtp = process.env.CRM_SMTP_URL;
    process.env.CRM_SMTP_URL = sink.transport;
    ({ db, server, url } = await startTestServer());
    const made = await tenantWithAdmin(db, url, 'resets');
    const admin = api(url, made.token);
    for (const login of ['rita', 'sam']) expect((await admin('POST', '/api/users', { email: `${login}@resets.test`, password: OLD, name: login })).status).toBe(201);
  });
  afterAll(async () => {
    if (savedSmtp === undefined) delete process.env.CRM_SMTP_URL;
    else process.env.CRM_SMTP_URL = savedSmtp;
    await sink?.close();
    await server?.close();
  });

  it('mails a single-use link that sets the password and ends the other sessions; unknown addresses get the same answer', async () => {
    const before = (await signIn('rita@resets.test', OLD)).body.token;
    for (const body of [{ tenant: 'resets', email: 'Rita@Resets.test' }, { tenant: 'resets', email: 'nobody@resets.test' }, { tenant: 'no_such', email: 'rita@resets.test' }]) {
      const res = await anon()('POST', '/api/auth/password-reset', body);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body).toEqual({ accepted: true });
    }
    await until(() => mailsTo('rita@resets.test').length === 1);
    expect(sink.messages).toHaveLength(1);
    const mail = mailsTo('rita@resets.test')[0];
    expect(mail.subject).toContain('重置');
    const token = tokenOf(mail.text ?? '');

    const weak = await anon()('POST', '/api/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.length).toBeGreaterThan(0);
    expect((await signIn('rita@resets.test', OLD)).status).toBe(200);

    expect((await anon()('POST', '/api/auth/password-reset/confirm', { token, password: NEW })).status).toBe(204);
    expect((await api(url, before)('GET', '/api/auth/me')).status).toBe(401);
    expect((await signIn('rita@resets.test', OLD)).status).toBe(401);
    expect((await signIn('rita@resets.test', NEW)).status).toBe(200);
    const again = await anon()('POST', '/api/auth/password-reset/confirm', { token, password: 'Another-Pass-2028' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('PASSWORD_RESET_INVALID');
    expect((await anon()('POST', '/api/auth/password-reset/confirm', { token: 'pr_made_up', password: NEW })).body.code).toBe('PASSWORD_RESET_INVALID');
    expect((await anon()('POST', '/api/auth/password-reset/confirm', { password: NEW })).status).toBe(400);
    const audited = await db.knex('crm_system.audit_log').where({ action: 'auth.password_reset' }).select('details');
    expect(audited).toHaveLength(1);
    // from where the new password was set, as for the request of the link
    expect(audited[0].details).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1|::1/) });
  });

  it('refuses an expired link, and sends at most three links per address in a quarter of an hour', async () => {
    for (let i = 0; i < 5; i++) expect((await anon()('POST', '/api/auth/password-reset', { tenant: 'resets', email: 'sam@resets.test' })).status).toBe(202);
    await until(() => mailsTo('sam@resets.test').length === 3);
    const tokens = mailsTo('sam@resets.test').map((m) => tokenOf(m.text ?? ''));
    await db.knex('crm_system.password_reset_tokens').update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await anon()('POST', '/api/auth/password-reset/confirm', { token: tokens[0], password: NEW });
    expect(expired.body.code).toBe('PASSWORD_RESET_INVALID');
    expect((await signIn('sam@resets.test', OLD)).status).toBe(200);
    expect(mailsTo('sam@resets.test')).toHaveLength(3);
  });
});
