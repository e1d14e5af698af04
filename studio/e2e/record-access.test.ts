import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, createUser, publishRole, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * Sharing a record with a colleague in the browser, who then sees it, and the admin's
 * "Who has access" panel naming the share as the reason (issue 23).
 */
describe('sharing a record and explaining who has access', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp('e2e_access');
    await publishRole(app, { name: 'own_customers', label: { en: 'Own customers', 'zh-CN': '自己的客户' }, entities: { customer: { read: 'own', update: 'own' } } });
    await createUser(app, { email: 'sam@e2e.test', name: 'Sam Seller', roles: ['own_customers'] });
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-access-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('shares a customer with a colleague from the record page; the access panel names the share', async () => {
    const customer = (await app.call('GET', '/api/records/customer?limit=1&fields=name')).body.data[0] as { id: string; name: string };
    await page.goto(`/app/customer/${customer.id}`);
    await page.getByRole('button', { name: 'Share' }).click();
    const share = page.getByRole('dialog', { name: 'Share this record' });
    await share.locator('.el-select').click();
    await page.getByRole('option', { name: 'Sam Seller' }).click();
    const added = page.waitForResponse((r) => r.url().endsWith('/shares') && r.request().method() === 'POST');
    await share.getByRole('button', { name: 'Share', exact: true }).click();
    expect((await added).status()).toBe(201);
    await share.locator('.share-list').getByText('Sam Seller').waitFor();
    await share.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Who has access' }).click();
    const panel = page.getByRole('dialog', { name: 'Why can this user see this record?' });
    await panel.locator('.el-select').click();
    await page.getByRole('option', { name: 'Sam Seller' }).click();
    await panel.getByText('This record is shared with them (Can read)').waitFor();
    expect(await panel.locator('[data-op="read"]').innerText()).toBe('Yes');
    expect(await panel.locator('[data-op="update"]').innerText()).toBe('No');
    await app.shot(page, '60-record-access');

    // The colleague sees the shared customer, and only it.
    const sam = await app.newPage();
    await sam.page.goto('/app');
    await signIn(sam.page, { ...app, email: 'sam@e2e.test' });
    await sam.page.waitForURL(at(/^\/app$/));
    await sam.page.goto('/app/customer');
    await sam.page.locator('.el-table__row').first().waitFor();
    expect(await sam.page.locator('.el-table__row').count()).toBe(1);
    await sam.page.locator('.el-table__row').getByText(customer.name).waitFor();
    await sam.context.close();
    expect(problems).toEqual([]);
  });
});
