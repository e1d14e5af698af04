import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/** The studio's plugin manager: versions and dependencies, install with demo data, uninstall keeping the data. */
describe('plugin manager in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  /** Installing runs schema changes and seeds: allow it more than a click. */
  const LIFECYCLE_MS = 120_000;

  beforeAll(async () => {
    app = await startE2eApp('e2e_plugins');
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-plugins-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  const row = (name: string) => page.locator(`.plugin-${name}`);
  const lifecycle = (name: string, op: string) =>
    page.waitForResponse((r) => r.url().endsWith(`/api/plugins/${name}/${op}`) && r.request().method() === 'POST', { timeout: LIFECYCLE_MS });

  it('lists the plugins with their versions and dependencies', async () => {
    await page.goto('/studio/plugins');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/plugins$/));
    await row('customers').locator('.plugin-status').getByText('Installed').waitFor();
    expect(await row('customers').innerText()).toContain('Installed: 1.0.0');
    await row('products').locator('.plugin-status').getByText('Not installed').waitFor();
    const requires = row('sales').locator('.requires');
    await requires.getByText('Customers ^1.0.0').waitFor();
    await requires.getByText('Products and inventory ^1.0.0').waitFor();
    await app.shot(page, '40-plugins');
  });

  it('installs a plugin with its demo data, and one that depends on it', async () => {
    await row('products').getByRole('button', { name: 'Install' }).click();
    const dialog = page.getByRole('dialog', { name: 'Install Products and inventory' });
    await dialog.getByText('With demo data').click();
    const installed = lifecycle('products', 'install');
    await dialog.getByRole('button', { name: 'Install' }).click();
    const answer = await installed;
    expect(answer.status()).toBe(200);
    expect(JSON.parse(answer.request().postData() ?? '{}')).toEqual({ withDemoData: true });
    expect(Object.values(((await answer.json()) as { seeded: Record<string, number> }).seeded).some((n) => n > 0)).toBe(true);
    await row('products').locator('.plugin-status').getByText('Installed').waitFor({ timeout: LIFECYCLE_MS });

    await row('sales').getByRole('button', { name: 'Install' }).click();
    const sales = page.getByRole('dialog', { name: 'Install Sales' });
    expect(await sales.getByText('Also installs').count()).toBe(0);
    const salesInstalled = lifecycle('sales', 'install');
    await sales.getByRole('button', { name: 'Install' }).click();
    expect((await salesInstalled).status()).toBe(200);
    await row('sales').locator('.plugin-status').getByText('Installed').waitFor({ timeout: LIFECYCLE_MS });
    await row('customers').locator('.required-by').getByText('Sales').waitFor();
    await row('products').locator('.required-by').getByText('Sales').waitFor();
    expect(await row('customers').getByRole('button', { name: 'Uninstall' }).isDisabled()).toBe(true);
    await row('customers').locator('[data-uninstall="customers"]').hover();
    await page.getByRole('tooltip').getByText('Required by Sales: uninstall those first').waitFor();
    await app.shot(page, '41-plugins-installed');

    await page.getByRole('link', { name: 'App', exact: true }).click();
    await page.waitForURL(at(/^\/app$/));
    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Warehouses' }).waitFor();
    expect(await page.locator('.el-menu-item-group__title').allInnerTexts()).toEqual(expect.arrayContaining(['Products and inventory', 'Sales']));
  });

  it('uninstalls after a confirmation that says the data is kept', async () => {
    await page.goto('/studio/plugins');
    await row('sales').getByRole('button', { name: 'Uninstall' }).click();
    const box = page.getByRole('dialog', { name: 'Uninstall Sales' });
    await box.getByText('Its records and fields are kept').waitFor();
    await app.shot(page, '42-plugins-uninstall-confirm');
    const removed = lifecycle('sales', 'uninstall');
    await box.getByRole('button', { name: 'Uninstall' }).click();
    expect((await removed).status()).toBe(200);
    await row('sales').locator('.plugin-status').getByText('Uninstalled (data kept)').waitFor();
    expect(await row('sales').innerText()).toContain('Installed: 1.0.0');
    await row('sales').getByRole('button', { name: 'Reinstall' }).waitFor();
    expect(await row('customers').locator('.required-by').count()).toBe(0);
    await row('customers').getByRole('button', { name: 'Uninstall' }).waitFor();
    expect(await row('customers').getByRole('button', { name: 'Uninstall' }).isEnabled()).toBe(true);
  });

  it('speaks Chinese', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '插件' }).waitFor();
    await row('sales').locator('.plugin-status').getByText('已卸载（数据保留）').waitFor();
    await row('sales').getByRole('button', { name: '重新安装' }).waitFor();
    await page.locator('.shell-aside').getByRole('menuitem', { name: '角色' }).click();
    await page.getByRole('heading', { name: '角色' }).waitFor();
    await page.getByRole('columnheader', { name: '查看' }).waitFor();
    await app.shot(page, '43-studio-roles-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
  });
});
