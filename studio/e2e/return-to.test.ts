import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/** A create started on a record page comes back to it after saving, whatever started it (here a count card's "+", not a related list). */
describe('back to the record page after a create started there', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startE2eApp('e2e_return_to');
    ({ context, page } = await app.newPage());
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await app.shot(page, `failed-return-to-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('comes back to the customer after adding a contact from its count card', async () => {
    const customers = (await app.call('GET', '/api/records/customer?limit=1&fields=id,name')).body as { data: { id: string; name: string }[] };
    const customer = customers.data[0];
    await page.goto(`/app/customer/${customer.id}`);
    const tile = page.locator('[data-count="contact.customer"]');
    await expect.poll(() => tile.locator('.count').innerText()).toMatch(/^\d+$/);
    const before = Number(await tile.locator('.count').innerText());
    await page.locator('[data-add="contact.customer"]').click();
    await page.waitForURL(at(/^\/app\/contact\/new\?/));
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe(`/app/customer/${customer.id}`);
    await page.locator('[data-field="customer"] .el-select__selected-item').getByText(customer.name).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('韩梅梅');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records/contact') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(at(new RegExp(`^/app/customer/${customer.id}$`)));
    await expect.poll(() => tile.locator('.count').innerText()).toBe(String(before + 1));
    await app.shot(page, '94-returned-to-customer');
  });

});
