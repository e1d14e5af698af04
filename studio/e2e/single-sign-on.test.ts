import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../../core/security/sso/test-oidc-provider.js';
import { at, startE2eApp, type E2eApp } from './harness.js';

/** Single sign-on in the browser: the sign-in page offers the tenant's provider, and its sign-in lands in the app (issue 23). */
describe('single sign-on with OpenID Connect in the browser', () => {
  let app: E2eApp;
  let idp: TestOidcProvider;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startE2eApp('e2e_sso');
    idp = await startTestOidcProvider([`${app.url}/api/auth/oidc/e2e_sso/callback`]);
    const saved = await app.call('PUT', '/api/settings', {
      singleSignOn: { name: 'Acme ID', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, scopes: ['email', 'profile', 'groups'], roleClaim: 'groups', roleMap: { sales: ['account_manager'] } },
    });
    if (saved.status !== 200) throw new Error(`saving settings failed: ${saved.status} ${JSON.stringify(saved.body)}`);
  }, 600_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await idp?.close();
    await app?.close();
  });

  it('signs a new person in with the provider and shows why a refused one could not', async () => {
    const { context, page } = await app.newPage();
    contexts.push(context);
    idp.signInAs('sso-ann', { email: 'ann@acme.test', email_verified: true, name: 'Ann Acme', groups: ['sales'] });
    await page.goto('/signin');
    await page.getByLabel('Tenant').fill('e2e_sso');
    const button = page.getByRole('button', { name: 'Sign in with Acme ID' });
    await button.waitFor();
    await app.shot(page, '60-sso-offered');
    await button.click();
    await page.waitForURL(at(/^\/app$/));
    await page.getByText('Ann Acme').first().waitFor();
    await app.shot(page, '61-sso-signed-in');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me.user).toMatchObject({ email: 'ann@acme.test', roles: ['account_manager'] });

    const refused = await app.newPage({ locale: 'zh-CN' });
    contexts.push(refused.context);
    idp.signInAs('sso-eve', { email: 'eve@acme.test', email_verified: false });
    await refused.page.goto('/signin');
    await refused.page.getByLabel('租户').fill('e2e_sso');
    await refused.page.getByRole('button', { name: '使用 Acme ID 登录' }).click();
    await refused.page.waitForURL(at(/^\/signin\?/));
    await refused.page.getByRole('alert').getByText('登录提供方未提供已验证的邮箱地址。').waitFor();
    await app.shot(refused.page, '62-sso-refused-zh');
  });
});
