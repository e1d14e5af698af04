import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, createUser, publishRole, signIn, startE2eApp, type E2eApp } from './harness.js';

/** The record page (transitions, actions, history) and the list view (filters, CSV export and import). */
describe('record page and list view', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const others: BrowserContext[] = [];
  const problems: string[] = [];

  const firstId = async (entity: string, filter: unknown): Promise<string> => {
    const res = await app.call('GET', `/api/records/${entity}?limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    return (res.body as { data: { id: string }[] }).data[0].id;
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_record');
    const lifecycle = await app.call('PUT', '/api/studio/lifecycle/customer_status', {
      kind: 'lifecycle',
      name: 'customer_status',
      label: { en: 'Customer status', 'zh-CN': '客户状态' },
      entity: 'customer',
      field: 'status',
      initial: 'active',
      transitions: [
        { name: 'flag_risk', label: { en: 'Flag as at risk', 'zh-CN': '标记流失预警' }, from: ['active'], to: 'at_risk' },
        { name: 'mark_lost', label: { en: 'Mark as lost', 'zh-CN': '标记已流失' }, from: ['at_risk'], to: 'lost', guard: { '<=': [{ var: 'satisfaction' }, 2] } },
        { name: 'recover', label: { en: 'Recover', 'zh-CN': '恢复正常' }, from: ['at_risk', 'lost'], to: 'active' },
      ],
    });
    expect(lifecycle.status).toBe(200);
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-record-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    for (const c of others) await c.close().catch(() => undefined);
    await context?.close();
    await app?.close();
  });

  it('takes a lifecycle transition from its button, explains a refused one, and lists it in the history', async () => {
    const id = await firstId('customer', { '==': [{ var: 'status' }, 'active'] });
    const current = await app.call('GET', `/api/records/customer/${id}`);
    expect((await app.call('PATCH', `/api/records/customer/${id}`, { satisfaction: 5 }, { 'If-Match': String(current.body.version) })).status).toBe(200);

    await page.goto(`/app/customer/${id}`);
    const flag = page.getByRole('button', { name: 'Flag as at risk' });
    await flag.waitFor();
    const taken = page.waitForResponse((r) => r.url().endsWith(`/transitions/flag_risk`) && r.request().method() === 'POST');
    await flag.click();
    expect((await taken).status()).toBe(200);
    await page.locator('[data-field="status"]').getByText('At risk').waitFor();
    await page.getByRole('button', { name: 'Recover' }).waitFor();
    expect(await page.getByRole('button', { name: 'Mark as lost' }).isDisabled()).toBe(true);
    await page.locator('[data-transition="mark_lost"]').hover();
    await page.getByRole('tooltip').getByText('The conditions of "mark_lost" are not met').waitFor();
    await app.shot(page, '30-record-transitions');

    await page.getByRole('tab', { name: 'History' }).click();
    const entry = page.locator('.history-entry').filter({ hasText: 'Transition: Flag as at risk' });
    await entry.waitFor();
    expect(await entry.locator('.who').innerText()).toBe('Admin (you)');
    await entry.locator('tr[data-field="status"]').filter({ hasText: 'Active' }).filter({ hasText: 'At risk' }).waitFor();
    await page.locator('.history-entry[data-action="create"]').waitFor();
    await app.shot(page, '31-record-history');
  });

  it('runs a record action from its button with a small dialog', async () => {
    const id = await firstId('customer_loss', { '==': [{ var: 'status' }, 'warning'] });
    await page.goto(`/app/customer_loss/${id}`);
    await page.getByRole('button', { name: 'Pause churn' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause churn' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('Measures taken to keep the customer is required').waitFor();
    await dialog.getByLabel('Measures taken to keep the customer').fill('Regional manager visits next week');
    await app.shot(page, '32-record-action-dialog');
    const ran = page.waitForResponse((r) => r.url().endsWith('/actions/pause_churn'));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    expect((await ran).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-field="status"]').getByText('Churn paused').waitFor();
    await page.locator('[data-field="pause_measures"]').getByText('Regional manager visits next week').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('.history-entry').filter({ hasText: 'Action: Pause churn' }).waitFor();
    await page.locator('.history-entry tr[data-field="status"]').filter({ hasText: 'Churn paused' }).waitFor();
  });

  it('shows a refusal from the server as a clear message', async () => {
    await publishRole(app, {
      name: 'churn_clerk',
      label: { en: 'Churn clerk', 'zh-CN': '流失登记员' },
      entities: { customer: { read: 'all' }, customer_loss: { read: 'all', update: 'all' } },
    });
    await createUser(app, { email: 'clerk@e2e.test', name: 'Carl Clerk', roles: ['churn_clerk'] });
    const id = await firstId('customer_loss', { '==': [{ var: 'status' }, 'warning'] });
    const clerk = await app.newPage();
    others.push(clerk.context);
    const p = clerk.page;
    await p.goto(`/app/customer_loss/${id}`);
    await signIn(p, { ...app, email: 'clerk@e2e.test' });
    await p.getByRole('button', { name: 'Confirm churn' }).click();
    const dialog = p.getByRole('dialog', { name: 'Confirm churn' });
    await dialog.getByLabel('Reason for the churn').fill('Moved to a competitor');
    const refused = p.waitForResponse((r) => r.url().endsWith('/actions/confirm_churn'));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    expect((await refused).status()).toBe(403);
    await dialog.getByRole('alert').getByText('You do not have permission to do this').waitFor();
    await app.shot(p, '33-record-action-refused');
  });
});
