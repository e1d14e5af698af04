import { generate } from 'otplib';
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

  it('builds a role in the permission matrix, gives it to a new user, publishes, and that user sees only their own customers', async () => {
    page = await open();
    await page.goto('/studio/roles');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/roles/));
    const choose = async (select: ReturnType<Page['locator']>, option: string) => {
      await select.click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: option }).first().click();
    };

    await page.getByRole('button', { name: 'New role' }).click();
    const create = page.getByRole('dialog', { name: 'New role' });
    await create.getByLabel('Role name').fill('own_customers');
    await create.getByLabel('Label (English)').fill('Own customers');
    await create.getByLabel('Label (中文)').fill('自己的客户');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/studio/role/own_customers') && r.request().method() === 'PUT');
    await create.getByRole('button', { name: 'Create' }).click();
    expect((await created).status()).toBe(200);
    await page.getByRole('tab', { name: /Own customers/ }).waitFor();
    await expect.poll(() => page.getByRole('tab', { name: /Own customers/ }).getAttribute('aria-selected')).toBe('true');

    const customerRow = page.locator('.matrix-row-customer');
    await choose(customerRow.locator('.scope-read'), 'Own');
    await customerRow.getByRole('button', { name: 'All writable' }).click();
    const drawer = page.getByRole('dialog', { name: 'Field access: Customer' });
    await drawer.locator('[data-field="credit_rating"]').getByText('Hidden').click();
    await drawer.getByRole('button', { name: /Close/ }).click();
    await customerRow.getByRole('button', { name: '1 restricted' }).waitFor();
    await app.shot(page, '23-studio-role-matrix');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/studio/role/own_customers') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Save' }).click();
    const savedRole = JSON.parse((await saved).request().postData() ?? '{}') as { entities: Record<string, unknown> };
    expect(savedRole.entities).toEqual({ customer: { create: false, read: 'own', update: 'none', delete: 'none', fields: { credit_rating: 'hidden' } } });
    await page.locator('.role-saved').waitFor();

    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Users' }).click();
    await page.waitForURL(at(/^\/studio\/users$/));
    await page.locator('.users-table .el-table__row').filter({ hasText: 'viewer@e2e.test' }).waitFor();
    await page.getByRole('button', { name: 'Add user' }).click();
    const add = page.getByRole('dialog', { name: 'Add user' });
    await add.getByLabel('Email').fill('owner@e2e.test');
    await add.getByLabel('Name').fill('Olga Owner');
    await add.getByLabel('Password', { exact: true }).fill(app.password);
    await choose(add.locator('.roles-select'), 'Own customers');
    await add.locator('.el-dialog__title').click();
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST');
    await add.getByRole('button', { name: 'Save' }).click();
    const user = (await (await posted).json()) as { id: string; roles: string[] };
    expect(user.roles).toEqual(['own_customers']);
    await page.locator('.users-table .el-table__row').filter({ hasText: 'owner@e2e.test' }).filter({ hasText: 'Own customers' }).waitFor();
    await add.waitFor({ state: 'hidden' });
    await app.shot(page, '24-studio-users');

    const mine = ['Olga Trading Co.', 'Olga Logistics Ltd.'];
    for (const name of mine) expect((await app.call('POST', '/api/records/customer', { name, owner_id: user.id })).status).toBe(201);

    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Publish' }).click();
    await page.waitForURL(at(/^\/studio\/publish$/));
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();

    const owner = await open();
    await owner.goto('/app/customer');
    await signIn(owner, { ...app, email: 'owner@e2e.test' });
    await owner.waitForURL(at(/^\/app\/customer$/));
    await owner.locator('.el-table__row').first().waitFor();
    await expect.poll(() => owner.locator('.el-table__row').count()).toBe(2);
    expect((await owner.locator('.el-table__row').allInnerTexts()).map((r) => mine.find((m) => r.includes(m)))).toEqual(expect.arrayContaining(mine));
    expect(await owner.getByRole('button', { name: 'New' }).count()).toBe(0);
    await app.shot(owner, '25-own-customers-only');
    await owner.locator('.el-table__row').first().locator('a').click();
    await owner.locator('[data-field="name"]').waitFor();
    expect(await owner.locator('[data-field="credit_rating"]').count()).toBe(0);
  });

  it('turns on two-factor sign-in from the account dialog, then signs in with the app\'s code, in English and in Chinese', async () => {
    await createUser(app, { email: 'tfa@e2e.test', name: 'Tess Factor', roles: [] });
    page = await open();
    await page.goto('/app');
    await signIn(page, { ...app, email: 'tfa@e2e.test' });
    await page.waitForURL(at(/^\/app$/));
    await page.locator('.shell-header').getByRole('button', { name: 'Tess Factor' }).click();
    await page.locator('[data-test="two-factor-status"]').getByText('Off').waitFor();
    await page.getByRole('button', { name: 'Turn on' }).click();
    const key = (await page.locator('[data-test="totp-key"]').innerText()).replace(/\s/g, '');
    await page.getByRole('img', { name: 'Two-factor sign-in' }).waitFor();
    const now = Math.floor(Date.now() / 1000);
    await page.getByPlaceholder('Code').fill(await generate({ secret: key, epoch: now }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.locator('[data-test="recovery-codes"] li').count()).toBe(10);
    await app.shot(page, '26-two-factor-recovery-codes');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('[data-test="two-factor-status"]').getByText('10 recovery codes left').waitFor();

    const zh = await app.newPage({ locale: 'zh-CN' });
    contexts.push(zh.context);
    await zh.page.goto('/app');
    await signIn(zh.page, { ...app, email: 'tfa@e2e.test' }, { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' });
    await zh.page.getByText('输入验证码').waitFor();
    expect(zh.page.url()).toContain('/signin');
    await zh.page.getByLabel('验证码').fill(await generate({ secret: key, epoch: now + 30 }));
    await zh.page.getByRole('button', { name: '验证' }).click();
    await zh.page.waitForURL(at(/^\/app$/));
    await app.shot(zh.page, '27-two-factor-signed-in-zh');
  });
});
