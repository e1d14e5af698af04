import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * Duplicates and merge in Chromium: the warning while typing a customer, the review list,
 * merging two customers with a value chosen from each, the contact and activity moved to
 * the one that stays, and undo; the same words in Chinese once.
 */
describe('duplicates and merge', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const ids = { keep: '', gone: '', contact: '', activity: '' };

  const record = async (entity: string, id: string) => (await app.call('GET', `/api/records/${entity}/${id}`)).body as Record<string, unknown>;
  const created = async (entity: string, values: Record<string, unknown>) => {
    const res = await app.call('POST', `/api/records/${entity}`, values);
    expect(res.status).toBe(201);
    return String((res.body as { id: string }).id);
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_merge');
    ids.keep = await created('customer', { name: 'Zephyr Lighting Works', phone: '021-6666 7788', address: 'Old Road 1' });
    ids.gone = await created('customer', { name: 'Zephyr Lighting Works Ltd', phone: '+86 21 6666 7788', address: 'New Road 2' });
    ids.contact = await created('contact', { name: 'Mei Lin', customer: ids.gone });
    ids.activity = await created('activity', { customer: ids.gone, subject: 'First visit', type: 'visit', date: '2026-01-05' });
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-merge-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('warns while a customer is typed that it may be a duplicate, with a link to it', async () => {
    await page.goto('/app/customer/new');
    await page.getByLabel('Name', { exact: true }).fill('Zephyr Lighting Work');
    const warning = page.locator('.duplicate-warning');
    await warning.getByText('Possible duplicate:').waitFor();
    const link = warning.locator('a.duplicate-link');
    expect(await link.getAttribute('href')).toMatch(new RegExp(`/app/customer/(${ids.keep}|${ids.gone})$`));
    await app.shot(page, '80-duplicate-warning');
  });

  it('merges two customers from the review list with a value chosen from each, moves their references, and undoes it', async () => {
    await page.goto('/app/customer');
    await page.locator('.duplicates-link').click();
    await page.waitForURL(at(/^\/app\/customer\/duplicates$/));
    const pair = page.locator('.pair').filter({ hasText: 'Zephyr Lighting Works Ltd' }).first();
    await pair.waitFor();
    await pair.locator('.merge-pair').click();
    const dialog = page.getByRole('dialog', { name: 'Merge two records' });
    await dialog.waitFor();
    // The older record is "a" and stays; its address is replaced by the other's.
    await dialog.locator('tr[data-field="address"] .pick-b').click();
    await app.shot(page, '81-merge-dialog');
    const merged = page.waitForResponse((r) => r.url().endsWith(`/api/records/customer/${ids.keep}/merge`) && r.request().method() === 'POST');
    await dialog.locator('.confirm-merge').click();
    expect((await merged).status()).toBe(200);
    await page.getByText('Merged. 2 related records moved.').waitFor();

    expect(await record('customer', ids.keep)).toMatchObject({ name: 'Zephyr Lighting Works', address: 'New Road 2' });
    expect((await app.call('GET', `/api/records/customer/${ids.gone}`)).status).toBe(404);
    expect((await record('contact', ids.contact)).customer).toBe(ids.keep);
    expect((await record('activity', ids.activity)).customer).toBe(ids.keep);
    // Another tab shows the contact now belonging to the customer that stays.
    const view = await context.newPage();
    await view.goto(`/app/contact/${ids.contact}`);
    await view.locator('[data-field="customer"]').getByText('Zephyr Lighting Works', { exact: true }).waitFor();
    await app.shot(view, '82-reference-moved');
    await view.close();

    const undone = page.waitForResponse((r) => r.url().endsWith(`/api/records/customer/${ids.gone}/unmerge`));
    await page.locator('.undo-merge').click();
    expect((await undone).status()).toBe(200);
    await page.locator('.merge-undone').getByText('The merge was undone.').waitFor();
    expect(await record('customer', ids.gone)).toMatchObject({ name: 'Zephyr Lighting Works Ltd', deleted_at: null });
    expect((await record('customer', ids.keep)).address).toBe('Old Road 1');
    expect((await record('contact', ids.contact)).customer).toBe(ids.gone);
    expect((await record('activity', ids.activity)).customer).toBe(ids.gone);
  });

  it('words the warning and the review list in Chinese', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '可能重复的客户' }).waitFor();
    await page.locator('.pair').filter({ hasText: 'Zephyr Lighting Works Ltd' }).first().getByRole('button', { name: '合并' }).waitFor();
    await page.goto('/app/customer/new');
    await page.locator('[data-field="name"] input').fill('Zephyr Lighting Work');
    await page.locator('.duplicate-warning').getByText('可能重复：').waitFor();
    await app.shot(page, '83-duplicate-warning-zh');
  });
});
