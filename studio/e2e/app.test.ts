import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * The app and the studio in Chromium against the real server: sign in, add a field to the
 * customer entity in the studio and publish, use it in the generated form, validation,
 * Chinese, and a phone-sized screen. Steps share one browser page and run in order.
 */
describe('app and studio in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const customerName = 'Hangzhou Test Trading Co.';

  const problems: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp('e2e_app');
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('signs in, and the session survives a reload', async () => {
    await page.goto('/app/customer');
    await page.waitForURL(at(/^\/signin\?redirect=\/app\/customer/));
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await app.shot(page, '01-sign-in');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app\/customer$/));
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(page.url()).toMatch(/\/app\/customer$/);
  });

  it('lists customers with search, sort and navigation grouped by plugin', async () => {
    await page.locator('.el-table__row').first().waitFor();
    expect(await page.locator('.el-table__row').count()).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.el-menu-item-group__title').allInnerTexts()).toContain('Customers');
    const first = await page.locator('.el-table__row').first().locator('td').nth(1).innerText();
    const search = page.waitForResponse((r) => r.url().includes('/api/records/customer?') && r.url().includes('q='));
    await page.getByRole('searchbox', { name: 'Search' }).fill(first);
    await search;
    await expect.poll(() => page.locator('.el-table__row').first().locator('td').nth(1).innerText()).toBe(first);
    await app.shot(page, '02-customer-list-search');
    await page.getByRole('searchbox', { name: 'Search' }).fill('zzzz-no-such-customer');
    await page.getByText('Nothing matches').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await page.locator('.el-table__row').first().waitFor();
    expect(await page.locator('.el-table__row').count()).toBe(50);
    const more = page.waitForResponse((r) => r.url().includes('/api/records/customer?') && r.url().includes('cursor='));
    await page.getByRole('button', { name: 'Load more' }).click();
    expect((await more).status()).toBe(200);
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(100);
    const sorted = page.waitForResponse((r) => r.url().includes('sort=-name'));
    await page.locator('th').filter({ hasText: 'Name' }).locator('.sort-caret.descending').click();
    expect((await sorted).status()).toBe(200);
  });

  it('adds a field to the customer entity in the studio and publishes it', async () => {
    await page.getByRole('link', { name: 'Studio' }).click();
    await page.waitForURL(at(/^\/studio$/));
    await page.getByRole('link', { name: 'Customer', exact: true }).click();
    await page.waitForURL(at(/^\/studio\/entities\/customer$/));
    await page.getByRole('button', { name: 'Add field' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add field' });
    await dialog.getByLabel('Field name').fill('wechat');
    await dialog.getByLabel('Label (English)').fill('WeChat');
    await dialog.getByLabel('Label (中文)').fill('微信');
    await app.shot(page, '03-studio-add-field');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/studio/entity/customer') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Saved as a draft').waitFor();
    await page.locator('.fields-table tr').filter({ hasText: 'wechat' }).getByText('Draft').waitFor();

    await page.getByRole('button', { name: 'Go to publish' }).click();
    await page.waitForURL(at(/^\/studio\/publish$/));
    const step = page.locator('.plan-table tr').filter({ hasText: 'customer.wechat' });
    await step.waitFor();
    expect(await step.locator('.step-safe').count()).toBe(1);
    await app.shot(page, '04-studio-publish-plan');
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();
    await page.getByText('The database already matches the metadata.').waitFor();

    await page.getByRole('menuitem', { name: 'History' }).click();
    await page.locator('.history-table .el-table__row').filter({ hasText: 'Published' }).first().waitFor();
  });

  it('shows the new field in the generated customer form and creates a customer with it', async () => {
    await page.getByRole('link', { name: 'App', exact: true }).click();
    await page.waitForURL(at(/^\/app$/));
    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Customers' }).click();
    await page.waitForURL(at(/^\/app\/customer$/));
    await page.getByRole('button', { name: 'New' }).click();
    await page.waitForURL(at(/^\/app\/customer\/new$/));
    await page.getByLabel('WeChat').waitFor();
    await page.getByLabel('Name', { exact: true }).fill(customerName);
    await page.getByLabel('WeChat').fill('hz-trading');
    await page.getByLabel('Phone').fill('0571-88886666');
    await app.shot(page, '05-customer-form-with-new-field');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records/customer') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(((await response.json()) as { wechat: string }).wechat).toBe('hz-trading');
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    await page.getByRole('heading', { name: customerName }).waitFor();
    expect(await page.locator('[data-field="wechat"]').innerText()).toContain('hz-trading');
    await app.shot(page, '06-customer-record');

    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Hangzhou Test');
    await page.locator('.el-table__row').filter({ hasText: customerName }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
  });

  it('edits a customer and adds a contact from its record page', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}\/edit$/));
    await page.getByLabel('Address').fill('西湖区文三路 1 号');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await patched).request().headers()['if-match']).toBe('1');
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    await page.locator('[data-field="address"]').getByText('西湖区文三路 1 号').waitFor();

    await page.locator('[data-related="contact"]').getByRole('button', { name: /Add/ }).click();
    await page.waitForURL(at(/^\/app\/contact\/new\?customer=/));
    await page.locator('[data-field="customer"] .el-select__selected-item').getByText(customerName).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Li Lei');
    await page.getByLabel('Mobile').fill('13800000000');
    await page.getByRole('button', { name: 'Save' }).click();
    // Saved from the customer's page, the app goes back to the customer, whose related list shows the contact.
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    await page.locator('[data-related="contact"] .el-table__row').filter({ hasText: 'Li Lei' }).waitFor();
  });

  it('logs an activity, picking its customer by searching', async () => {
    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Activities' }).click();
    await page.waitForURL(at(/^\/app\/activity$/));
    await page.getByRole('button', { name: 'New' }).click();
    await page.waitForURL(at(/^\/app\/activity\/new$/));
    const searched = page.waitForResponse((r) => r.url().includes('/api/records/customer?') && r.url().includes('q=Hangzhou'));
    await page.getByLabel('Customer', { exact: true }).fill('Hangzhou Test');
    await searched;
    await page.locator('.el-select-dropdown__item').filter({ hasText: customerName }).click();
    await page.getByLabel('Date', { exact: true }).fill('2026-03-01');
    await page.getByLabel('Date', { exact: true }).press('Enter');
    await page.getByLabel('Type', { exact: true }).click();
    await page.locator('.el-select-dropdown__item').filter({ hasText: 'Visit' }).click();
    await page.getByLabel('Subject').fill('First visit');
    await app.shot(page, '07-activity-form');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records/activity') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    const body = (await (await created).json()) as { date: string; type: string; customer: string };
    expect(body).toMatchObject({ date: '2026-03-01', type: 'visit' });
    await page.waitForURL(at(/^\/app\/activity\/[0-9a-f-]{36}$/));
    await page.locator('[data-field="customer"]').getByRole('link', { name: customerName }).click();
    await page.locator('[data-related="activity"] .el-table__row').filter({ hasText: 'First visit' }).waitFor();
  });

  it('shows a conflict when someone else saved first, and reloads the saved values on request', async () => {
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}\/edit$/));
    await page.getByLabel('Phone').waitFor();
    await page.getByLabel('Phone').fill('0571-33334444'); // unsaved edits: a live change must not overwrite them
    const current = await app.call('GET', `/api/records/customer/${id}`);
    const theirs = await app.call('PATCH', `/api/records/customer/${id}`, { phone: '0571-11112222' }, { 'If-Match': String(current.body.version) });
    expect(theirs.status).toBe(200);
    await page.locator('.changed-notice').getByText('while you were editing').waitFor();
    expect(await page.getByLabel('Phone').inputValue()).toBe('0571-33334444');
    const refused = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await refused).status()).toBe(409);
    const panel = page.locator('.conflict');
    await panel.getByText('Someone else changed this record').waitFor();
    await panel.locator('tr').filter({ hasText: '0571-33334444' }).filter({ hasText: '0571-11112222' }).waitFor();
    await app.shot(page, '08-conflict');
    await panel.getByRole('button', { name: 'Reload (use saved values)' }).click();
    await expect.poll(() => page.getByLabel('Phone').inputValue()).toBe('0571-11112222');
    expect(await panel.count()).toBe(0);
  });

  it('shows validation messages on bad input and sends nothing', async () => {
    await page.goto('/app/customer/new');
    await page.getByLabel('Credit rating (1-5)').fill('9');
    await page.getByLabel('Website').fill('not a url');
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/records/customer')) posted = true;
    });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Name is required').waitFor();
    await page.getByText('Credit rating (1-5) must be at most 5').waitFor();
    await page.getByText('Website must be a web address').waitFor();
    await page.getByText('Please correct the highlighted fields.').waitFor();
    expect(posted).toBe(false);
    expect(page.url()).toMatch(/\/app\/customer\/new$/);
    await app.shot(page, '09-validation-messages');
  });

  it('warns about unsaved changes before leaving a form', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Draft customer');
    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Contacts' }).click();
    const box = page.getByRole('dialog', { name: 'Unsaved changes' });
    await box.waitFor();
    await box.getByRole('button', { name: 'Stay' }).click();
    expect(page.url()).toMatch(/\/app\/customer\/new$/);
  });

  it('switches to 中文, shows Chinese labels and remembers the choice', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('[data-field="wechat"] label').getByText('微信').waitFor();
    await page.locator('[data-field="name"] label').getByText('客户名称').waitFor();
    await page.getByRole('heading', { name: '新建客户' }).waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('信用度（1-5）不能大于 5').waitFor();
    expect(await page.locator('.el-menu-item-group__title').allInnerTexts()).toContain('客户管理');
    await app.shot(page, '10-chinese-form');
    await page.locator('.shell-aside').getByRole('menuitem', { name: '联系人' }).click();
    await page.getByRole('dialog', { name: '未保存的修改' }).getByRole('button', { name: '离开' }).click();
    await page.waitForURL(at(/^\/app\/contact$/));
    await page.reload();
    await page.getByRole('heading', { name: '联系人' }).waitFor();
    await page.getByRole('columnheader', { name: '姓名' }).waitFor();
    await app.shot(page, '11-chinese-list');
    await page.goto('/app/contact/00000000-0000-4000-8000-000000000000');
    await page.getByText('未找到：可能已被删除，或链接已失效。').waitFor();
    await app.shot(page, '11b-chinese-server-refusal');
    await page.goto('/app/contact');
    await page.getByRole('heading', { name: '联系人' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
  });

  it('flags destructive steps in the publish plan and publishes them only once confirmed', async () => {
    // Set up through the API (this studio slice does not change field types): a field
    // without data, published, then changed from text to integer — a destructive step.
    const overlay = (type: string) => ({
      kind: 'entity',
      name: 'customer',
      fields: {
        wechat: { type: 'text', label: { en: 'WeChat', 'zh-CN': '微信' } },
        legacy_code: { type, label: { en: 'Legacy code', 'zh-CN': '旧编号' } },
      },
    });
    expect((await app.call('PUT', '/api/studio/entity/customer', overlay('text'))).status).toBe(200);
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await app.call('PUT', '/api/studio/entity/customer', overlay('integer'))).status).toBe(200);

    await page.goto('/studio/publish');
    await page.locator('.plan-table tr').filter({ hasText: 'customer.legacy_code' }).locator('.step-destructive').waitFor();
    const publish = page.getByRole('button', { name: 'Publish' });
    expect(await publish.isDisabled()).toBe(true);
    await app.shot(page, '12-studio-destructive-plan');
    await page.getByText('I understand that the destructive steps can lose data').click();
    await expect.poll(() => publish.isEnabled()).toBe(true);
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await publish.click();
    const response = await published;
    expect(response.status()).toBe(200);
    expect(JSON.parse(response.request().postData() ?? '{}')).toEqual({ confirmDestructive: true });
    await page.getByText('The database already matches the metadata.').waitFor();
  });

  it('works on a phone-sized screen with a collapsible menu', async () => {
    const phone = await app.newPage({ width: 390, height: 844 });
    try {
      const p = phone.page;
      await p.goto('/app');
      await signIn(p, app);
      await p.waitForURL(at(/^\/app$/));
      await p.getByRole('button', { name: 'Menu' }).waitFor();
      expect(await p.locator('.shell-aside').count()).toBe(0);
      await p.getByRole('button', { name: 'Menu' }).click();
      const drawer = p.getByRole('dialog', { name: 'Menu' });
      await drawer.getByRole('menuitem', { name: 'Customers' }).click();
      await p.waitForURL(at(/^\/app\/customer$/));
      await drawer.waitFor({ state: 'hidden' });
      // On a phone a list is cards: the title and at most two key fields, no table.
      const card = p.locator('[data-record-cards] li .card-link').first();
      await card.waitFor();
      expect(await p.locator('.el-table__row').count()).toBe(0);
      expect(await card.locator('.card-field').count()).toBeLessThanOrEqual(2);
      await app.shot(p, '13-phone-list');
      await card.click();
      await p.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
      await p.locator('[data-field="name"]').waitFor();
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await app.shot(p, '14-phone-record');
    } finally {
      await phone.context.close();
    }
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(at(/^\/signin$/));
    await page.goto('/app/customer');
    await page.waitForURL(at(/^\/signin\?redirect=/));
  });
});
