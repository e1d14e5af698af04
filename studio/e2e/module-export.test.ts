import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, tenantWithAdmin } from '../../core/http/test-server.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * The start of docs/guide-property-management.md in a browser: a consultant starts a
 * module, creates an entity in it, publishes and exports it as a plugin package; an admin
 * of a second tenant uploads the package in the plugin manager and works with its entity.
 */
describe('a module built in the studio, exported and installed in another tenant', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  let packagePath = '';
  const problems: string[] = [];
  const SLOW_MS = 120_000;

  beforeAll(async () => {
    app = await startE2eApp('e2e_modsrc');
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-modules-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('starts a module and creates an entity in it', async () => {
    await page.goto('/studio/modules');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/modules$/));
    await page.getByRole('button', { name: 'New module' }).click();
    const dialog = page.getByRole('dialog', { name: 'New module' });
    await dialog.locator('.module-name input').fill('rentals');
    await dialog.locator('.module-label-en input').fill('Property rentals');
    await dialog.locator('.module-label-zh input').fill('房产租赁');
    await dialog.locator('.module-menu-group input').fill('Property');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/modules\/[0-9a-f-]+$/));
    await page.getByRole('heading', { name: 'Property rentals' }).waitFor();

    await page.getByRole('button', { name: 'New entity in this module' }).click();
    const entity = page.getByRole('dialog', { name: 'New entity in this module' });
    await entity.locator('.entity-name input').fill('lease');
    await entity.locator('.entity-label-en input').fill('Lease');
    await entity.locator('.entity-label-zh input').fill('租约');
    await entity.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('.document-entity-lease').getByText('Lease').waitFor();
    expect(await page.locator('.document-entity-lease').innerText()).toContain('Entity');
    await app.shot(page, '90-module');
  });

  it('publishes and exports the module as a plugin package', async () => {
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Export as plugin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export “Property rentals” as a plugin' });
    await dialog.locator('.export-version input').waitFor();
    const download = page.waitForEvent('download', { timeout: SLOW_MS });
    await dialog.getByRole('button', { name: 'Download package' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('rentals-1.0.0.zip');
    packagePath = `${app.url.replace(/\W+/g, '_')}-rentals.zip`;
    packagePath = `/tmp/${packagePath}`;
    await file.saveAs(packagePath);
    expect(readFileSync(packagePath).subarray(0, 2).toString()).toBe('PK');
  });

  it('installs the package in a second tenant through the plugin manager, and a lease is created there', async () => {
    const second = await tenantWithAdmin(app.db, app.url, 'e2e_modgot');
    const other = await app.newPage();
    try {
      const p = other.page;
      await p.goto('/studio/plugins');
      await signIn(p, { tenant: 'e2e_modgot', email: second.email, password: app.password });
      await p.waitForURL(at(/^\/studio\/plugins$/));
      await p.getByRole('button', { name: 'Upload package' }).click();
      const dialog = p.getByRole('dialog', { name: 'Upload a plugin package' });
      await dialog.locator('input[type=file]').setInputFiles(packagePath);
      const uploaded = p.waitForResponse((r) => r.url().includes('/api/plugins/upload') && r.request().method() === 'POST', { timeout: SLOW_MS });
      await dialog.getByRole('button', { name: 'Upload' }).click();
      expect((await uploaded).status()).toBe(201);
      const row = p.locator('.plugin-rentals');
      await row.locator('.plugin-status').getByText('Installed').waitFor({ timeout: SLOW_MS });
      await row.getByText('Uploaded').waitFor();
      await app.shot(p, '91-module-installed');

      const lease = await api(app.url, second.token)('POST', '/api/records/lease', { name: '3号楼 1201 室 2027 年租约' });
      expect(lease.status).toBe(201);

      await p.getByRole('button', { name: '中文' }).click();
      await p.getByRole('heading', { name: '插件' }).waitFor();
      await row.getByText('已上传').waitFor();
      await p.goto('/studio/modules');
      await p.getByRole('heading', { name: '模块' }).waitFor();
      await app.shot(p, '92-modules-zh');
    } finally {
      await other.context.close();
    }
  });
});
