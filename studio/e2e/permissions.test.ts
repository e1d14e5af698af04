import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, createUser, publishRole, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * What users see follows their roles: the app hides what a role does not allow, and the
 * studio's users page and permission matrix change who sees what.
 */
describe('permissions in the app and the studio', () => {
  let app: E2eApp;
  const contexts: BrowserContext[] = [];
  let page: Page;
  const problems: string[] = [];

  const open = async () => {
    const opened = await app.newPage();
    contexts.push(opened.context);
    opened.page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    return opened.page;
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_perm');
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      if (page) await app.shot(page, `failed-perm-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await app?.close();
  });

  it('hides New, Edit and Delete and shows read-only fields to a user whose role does not allow them', async () => {
    await publishRole(app, {
      name: 'customer_viewer',
      label: { en: 'Customer viewer', 'zh-CN': '客户查看者' },
      entities: {
        customer: { read: 'all', update: 'all', fields: { credit_rating: 'read' } },
        contact: { read: 'all' },
      },
    });
    await createUser(app, { email: 'viewer@e2e.test', name: 'Vera Viewer', roles: ['customer_viewer'] });

    page = await open();
    await page.goto('/app');
    await signIn(page, { ...app, email: 'viewer@e2e.test' });
    await page.waitForURL(at(/^\/app$/));
    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Customers' }).click();
    await page.locator('.el-table__row').first().waitFor();
    expect(await page.getByRole('button', { name: 'New' }).count()).toBe(0);
    expect(await page.locator('.shell-aside').getByRole('menuitem', { name: 'Activities' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Studio' }).count()).toBe(0);
    await app.shot(page, '20-viewer-customer-list');

    await page.locator('.el-table__row').first().locator('a').click();
    await page.waitForURL(at(/^\/app\/customer\/[0-9a-f-]{36}$/));
    await page.getByRole('button', { name: 'Edit' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL(at(/\/edit$/));
    await page.locator('[data-field="name"] input').waitFor();
    expect(await page.locator('[data-field="credit_rating"] input').count()).toBe(0);
    expect(await page.locator('[data-field="credit_rating"] .value-text').count()).toBe(1);
    await app.shot(page, '21-viewer-read-only-field');

    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Contacts' }).click();
    await page.waitForURL(at(/^\/app\/contact$/));
    await page.locator('.el-table__row').first().waitFor();
    expect(await page.getByRole('button', { name: 'New' }).count()).toBe(0);
    await page.locator('.el-table__row').first().locator('a').click();
    await page.waitForURL(at(/^\/app\/contact\/[0-9a-f-]{36}$/));
    await page.locator('[data-field="name"]').waitFor();
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.goto(`${new URL(page.url()).pathname}/edit`);
    await page.getByText('Your roles do not allow changing this record.').waitFor();
    await page.goto('/app/contact/new');
    await page.getByText('Your roles do not allow creating these records.').waitFor();
    await app.shot(page, '22-viewer-not-allowed');
  });
});
