import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tenantWithAdmin } from '../../core/http/test-server.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

const ZH_SIGN_IN = { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' };

/**
 * docs/guide-property-management.md in Chinese, fewer steps: a consultant starts a module,
 * creates an entity and a role while working in it (both join it by themselves), publishes, sees
 * the entity under the module's menu group in the app and exports the package; an admin of a
 * second tenant uploads it without installing it, then removes it from the plugin list.
 */
describe('a module built in the studio in Chinese', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const folder = mkdtempSync(join(tmpdir(), 'module-export-zh-'));
  const packagePath = join(folder, 'rentals.zip');
  const problems: string[] = [];
  const SLOW_MS = 120_000;

  beforeAll(async () => {
    app = await startE2eApp('e2e_modzh');
    ({ context, page } = await app.newPage({ locale: 'zh-CN' }));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-modules-zh-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await context?.close();
    await app?.close();
  });

  const choose = async (select: Locator, text: string) => {
    await select.click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: new RegExp(`^${text}$`) }).first().click();
    await expect.poll(() => page.locator('.el-select-dropdown__item:visible').count()).toBe(0);
  };

  it('starts a module, creates an entity and a role in it, publishes and exports it', async () => {
    await page.goto('/studio/modules');
    await signIn(page, app, ZH_SIGN_IN);
    await page.waitForURL(at(/^\/studio\/modules$/));
    await page.getByRole('button', { name: '新建模块' }).click();
    const dialog = page.getByRole('dialog', { name: '新建模块' });
    await dialog.locator('.module-name input').fill('rentals');
    await dialog.locator('.module-label-en input').fill('Property rentals');
    await dialog.locator('.module-label-zh input').fill('房产租赁');
    await dialog.locator('.module-menu-group input').fill('物业');
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.getByRole('heading', { name: '房产租赁' }).waitFor();
    const moduleUrl = new URL(page.url()).pathname;
    await page.locator('.module-work').getByText('正在模块“房产租赁”中工作').waitFor();

    await page.getByRole('button', { name: '在此模块中新建实体' }).click();
    const entity = page.getByRole('dialog', { name: '在此模块中新建实体' });
    await entity.locator('.entity-name input').fill('lease');
    await entity.locator('.entity-label-en input').fill('Lease');
    await entity.locator('.entity-label-zh input').fill('租约');
    await entity.getByRole('button', { name: '确认' }).click();
    await page.locator('.document-entity-lease').getByText('实体', { exact: true }).waitFor();

    // a role made on the roles page while working in the module joins it
    await page.locator('.shell-aside').getByRole('menuitem', { name: '角色' }).click();
    await page.getByRole('heading', { name: '角色' }).waitFor();
    await page.getByRole('button', { name: '新建角色' }).click();
    const role = page.getByRole('dialog', { name: '新建角色' });
    await role.getByLabel('角色名').fill('landlord');
    await role.locator('input[name="labelEn"]').fill('Landlord');
    await role.locator('input[name="labelZh"]').fill('房东');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/studio/role/landlord') && r.request().method() === 'PUT');
    await role.getByRole('button', { name: '创建' }).click();
    expect((await created).status()).toBe(200);
    await page.locator('.module-work-open').click();
    await page.waitForURL(at(new RegExp(`^${moduleUrl}$`)));
    await page.locator('.document-role-landlord').getByText('角色', { exact: true }).waitFor();

    await page.locator('.publish-link').click();
    await page.waitForURL(at(/^\/studio\/publish$/));
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish') && r.request().method() === 'POST', { timeout: SLOW_MS });
    await page.getByRole('button', { name: '发布', exact: true }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();

    // the app's menu shows the lease under the module's menu group
    await page.goto('/app');
    const group = page.locator('.shell-aside .el-menu-item-group').filter({ has: page.locator('.el-menu-item-group__title', { hasText: /^物业$/ }) });
    await group.locator('[data-entity="lease"]').getByText('租约').waitFor();
    await app.shot(page, '93-module-menu-zh');

    await page.goto(moduleUrl);
    await page.getByRole('button', { name: '导出为插件' }).click();
    const exporting = page.getByRole('dialog', { name: '将“房产租赁”导出为插件' });
    await exporting.locator('.export-version input').waitFor();
    const download = page.waitForEvent('download', { timeout: SLOW_MS });
    await exporting.getByRole('button', { name: '下载插件包' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('rentals-1.0.0.zip');
    await file.saveAs(packagePath);

    // leaving the module: what is created next stays out of it
    await page.locator('.module-work-leave').click();
    await page.locator('.module-work').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('uploads the package in a second tenant without installing it, then removes it from the plugin list', async () => {
    const second = await tenantWithAdmin(app.db, app.url, 'e2e_modzh2');
    const other = await app.newPage({ locale: 'zh-CN' });
    try {
      const p = other.page;
      await p.goto('/studio/plugins');
      await signIn(p, { tenant: 'e2e_modzh2', email: second.email, password: app.password }, ZH_SIGN_IN);
      await p.waitForURL(at(/^\/studio\/plugins$/));
      await p.getByRole('button', { name: '上传插件包' }).click();
      const dialog = p.getByRole('dialog', { name: '上传插件包' });
      await dialog.locator('input[type=file]').setInputFiles(packagePath);
      await dialog.getByText('立即安装（已安装则升级到此版本）').click();
      const uploaded = p.waitForResponse((r) => r.url().includes('/api/plugins/upload') && r.request().method() === 'POST', { timeout: SLOW_MS });
      await dialog.getByRole('button', { name: '上传' }).click();
      expect((await uploaded).status()).toBe(201);
      const row = p.locator('.plugin-rentals');
      await row.getByText('已上传').waitFor();

      await row.getByRole('button', { name: '删除插件包' }).click();
      const confirm = p.getByRole('dialog', { name: '删除插件包“房产租赁”？' });
      await confirm.getByText('上传的插件包 房产租赁 1.0.0 将从本租户的插件列表中删除').waitFor();
      const removed = p.waitForResponse((r) => r.url().endsWith('/api/plugins/rentals/package') && r.request().method() === 'DELETE');
      await confirm.getByRole('button', { name: '删除插件包' }).click();
      expect((await removed).status()).toBe(200);
      await row.waitFor({ state: 'detached' });
      await app.shot(p, '94-package-removed-zh');
    } finally {
      await other.context.close();
    }
  });
});
