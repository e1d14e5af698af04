import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/** The workflow builder, publishing, the run monitor and the dry run, against a server that runs workflows. */
describe('workflows in the studio', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp('e2e_workflows', { workflows: true });
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/studio/workflows');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/workflows$/));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('builds a workflow on the canvas (on create of a customer, set a field), saves and publishes it', async () => {
    await page.getByRole('button', { name: 'New workflow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workflow' });
    await dialog.getByLabel('Name').fill('welcome_customer');
    await dialog.locator('.entity-select').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^Customer$/ }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/workflows\/welcome_customer\?new=1&entity=customer$/));

    await page.locator('[data-node="trigger"]').getByText('A record is created').waitFor();
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.locator('[data-node="set_1"]').waitFor();
    await page.locator('.vue-flow__edge[data-id="trigger:->set_1"]').waitFor({ state: 'attached' });
    // the set step's form: pick a field and type its value, no JSON
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.locator('.value-row').first().locator('.value-field').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^Satisfaction/ }).click();
    const value = page.locator('.value-row[data-field="satisfaction"] input[name="set-fields-satisfaction"]');
    await value.fill('5');
    await value.blur();
    // the step's condition with the condition builder
    await page.getByRole('button', { name: 'Edit condition: Run only when' }).click();
    const condition = page.getByRole('dialog', { name: 'Condition: Run only when' });
    await condition.getByLabel('Field').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^Name$/ }).click();
    await condition.locator('input[name="filter-0"]').fill('Co');
    await app.shot(page, '68-workflow-condition-builder');
    await condition.getByRole('button', { name: 'Apply' }).click();
    await condition.waitFor({ state: 'hidden' });
    await page.locator('[data-condition="step-condition"] .summary').getByText('Name contains Co').waitFor();
    await app.shot(page, '60-workflow-builder');

    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/workflow/welcome_customer'));
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    const doc = (await app.call('GET', '/api/studio/workflow/welcome_customer')).body;
    expect(doc).toMatchObject({ kind: 'workflow', name: 'welcome_customer', entity: 'customer', trigger: { on: 'create' }, steps: [{ id: 'set_1', type: 'set', fields: { satisfaction: 5 }, condition: { contains: [{ var: 'name' }, 'Co'] } }] });

    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.getByText('Published').first().waitFor();
    const meta = (await app.call('GET', '/api/meta')).body as { workflows: Record<string, unknown> };
    expect(Object.keys(meta.workflows)).toContain('welcome_customer');
  });

  it('runs it when a customer is created, and the run monitor shows the run completed with its step', async () => {
    const created = await app.call('POST', '/api/records/customer', { name: 'Workflow Test Co', satisfaction: 1 });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;

    await page.goto('/studio/runs');
    const completed = page.locator('.run-workflow[data-status="completed"]').filter({ hasText: 'Welcome customer' });
    for (let i = 0; i < 60 && !(await completed.count()); i++) {
      const listed = page.waitForResponse((r) => r.url().includes('/api/workflows/runs'));
      await page.getByRole('button', { name: 'Refresh' }).click();
      await listed;
    }
    await completed.waitFor();
    await page.locator('.runs-table .el-table__expand-icon').first().click();
    const step = page.locator('.run-step[data-step="set_1"]');
    await step.waitFor();
    expect(await step.getAttribute('data-status')).toBe('done');
    await app.shot(page, '61-run-monitor');
    expect((await app.call('GET', `/api/records/customer/${id}`)).body).toMatchObject({ satisfaction: 5 });
  });

  it('dry-runs the workflow against a record and shows what it would change', async () => {
    const created = await app.call('POST', '/api/records/customer', { name: 'Dry Run Co', satisfaction: 2 });
    const id = (created.body as { id: string }).id;
    // the record was just created, so the real run set it to 5; put it back to see a change
    await expect.poll(async () => ((await app.call('GET', `/api/records/customer/${id}`)).body as { satisfaction: number }).satisfaction).toBe(5);
    const current = (await app.call('GET', `/api/records/customer/${id}`)).body as { version: number };
    expect((await app.call('PATCH', `/api/records/customer/${id}`, { satisfaction: 2 }, { 'If-Match': String(current.version) })).status).toBe(200);

    await page.goto('/studio/workflows');
    await page.locator('[data-workflow="welcome_customer"]').click();
    await page.waitForURL(at(/^\/studio\/workflows\/welcome_customer$/));
    await page.getByLabel('Record id').fill(id);
    const ran = page.waitForResponse((r) => r.url().endsWith('/api/workflows/welcome_customer/dry-run'));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect((await ran).status()).toBe(200);
    const row = page.locator('.dry-changes .el-table__row').filter({ hasText: 'Satisfaction' });
    await row.waitFor();
    expect(await row.locator('.after').innerText()).toBe('5');
    await app.shot(page, '62-workflow-dry-run');
    expect(((await app.call('GET', `/api/records/customer/${id}`)).body as { satisfaction: number }).satisfaction).toBe(2);
    expect(problems).toEqual([]);
  });

  it('keeps a moved node where it was put, after saving and reloading; asks before leaving unsaved changes', async () => {
    await page.goto('/studio/workflows/welcome_customer');
    const node = page.locator('.vue-flow__node[data-id="set_1"]');
    await node.waitFor();
    const before = await node.evaluate((el) => (el as HTMLElement).style.transform);
    const box = (await node.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(box.x + box.width / 2 + i * 40, box.y + box.height / 2 + i * 16);
    await page.mouse.up();
    await page.locator('.unsaved').waitFor();
    const transform = () => node.evaluate((el) => (el as HTMLElement).style.transform);
    expect(await transform()).not.toBe(before);

    // leaving asks first; staying keeps the change
    await page.getByRole('link', { name: /All workflows/ }).click();
    const ask = page.getByRole('dialog', { name: 'Unsaved changes' });
    await ask.getByRole('button', { name: 'Stay' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/studio/workflows/welcome_customer');

    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/workflow/welcome_customer'));
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    const layout = ((await app.call('GET', '/api/studio/workflow/welcome_customer')).body as { layout?: Record<string, { x: number; y: number }> }).layout;
    expect(layout?.set_1).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    // dragged 200 px right and 80 px down on a canvas drawn at most at 100%
    const [beforeX, beforeY] = before.match(/-?[\d.]+/g)!.map(Number);
    expect(layout!.set_1.x).toBeGreaterThan(beforeX + 150);
    expect(layout!.set_1.y).toBeGreaterThan(beforeY + 50);
    const moved = `translate(${layout!.set_1.x}px, ${layout!.set_1.y}px)`;
    await expect.poll(transform).toBe(moved);

    await page.reload();
    await node.waitFor();
    await expect.poll(transform).toBe(moved);
    expect(await page.locator('.unsaved').count()).toBe(0);
    await app.shot(page, '66-workflow-layout-kept');
    expect(problems).toEqual([]);
  });

  it('fits a phone: the canvas, then the chosen step’s form', async () => {
    const phone = await app.newPage({ width: 375, height: 812 });
    try {
      await phone.page.goto('/studio/workflows/welcome_customer');
      await signIn(phone.page, app);
      await phone.page.waitForURL(at(/^\/studio\/workflows\/welcome_customer$/));
      await phone.page.locator('.vue-flow__node[data-id="set_1"]').waitFor();
      await phone.page.locator('.node-picker').click();
      await phone.page.locator('.el-select-dropdown__item:visible').filter({ hasText: /^set_1/ }).click();
      await phone.page.locator('.value-row[data-field="satisfaction"]').waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await app.shot(phone.page, '67-workflow-builder-phone');
    } finally {
      await phone.context.close();
    }
  });

  it('draws an entity’s lifecycle as a read-only diagram of states and transitions', async () => {
    const saved = await app.call('PUT', '/api/studio/lifecycle/customer_status', {
      kind: 'lifecycle',
      name: 'customer_status',
      label: { en: 'Customer status', 'zh-CN': '客户状态' },
      entity: 'customer',
      field: 'status',
      initial: 'active',
      transitions: [
        { name: 'flag_risk', label: { en: 'Flag as at risk', 'zh-CN': '标记流失预警' }, from: ['active'], to: 'at_risk' },
        { name: 'recover', label: { en: 'Recover', 'zh-CN': '恢复正常' }, from: ['at_risk'], to: 'active' },
      ],
    });
    expect(saved.status).toBe(200);
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    await page.goto('/studio/entities/customer');
    const diagram = page.locator('.lifecycle-diagram[data-lifecycle="customer_status"]');
    await diagram.locator('[data-state="active"]').waitFor();
    await diagram.locator('[data-state="at_risk"]').waitFor();
    await diagram.locator('.vue-flow__edge-text').filter({ hasText: 'Flag as at risk' }).waitFor({ state: 'attached' });
    await app.shot(page, '63-lifecycle-diagram');
  });

  it('rings the bell for a notify step and takes an approval from the inbox with a comment', async () => {
    const me = (await app.call('GET', '/api/auth/me')).body as { user?: { id: string }; id?: string };
    const adminId = me.user?.id ?? me.id!;
    const saved = await app.call('PUT', '/api/studio/workflow/vip_check', {
      kind: 'workflow',
      name: 'vip_check',
      label: { en: 'VIP check', 'zh-CN': '大客户审核' },
      entity: 'customer',
      trigger: { on: 'create', condition: { '==': [{ var: 'name' }, 'Big Fish Ltd'] } },
      steps: [
        { id: 'tell', type: 'notify', to: { users: [adminId] }, title: 'A VIP customer needs your approval' },
        { id: 'ok', type: 'approval', approvers: { users: [adminId] } },
        { id: 'rate', type: 'set', fields: { credit_rating: 5 } },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    const created = await app.call('POST', '/api/records/customer', { name: 'Big Fish Ltd' });
    const id = (created.body as { id: string }).id;
    await expect.poll(async () => ((await app.call('GET', '/api/workflows/approvals')).body as { data: unknown[] }).data.length, { timeout: 30_000 }).toBe(1);

    await page.goto('/app');
    const bell = page.getByRole('button', { name: 'Notifications' });
    const unread = ((await app.call('GET', '/api/notifications')).body as { unread: number }).unread;
    expect(unread).toBeGreaterThan(0);
    await bell.locator('.el-badge__content').filter({ hasText: String(unread) }).waitFor();
    await bell.click();
    const note = page.locator('.notification.unread').filter({ hasText: 'A VIP customer needs your approval' });
    await note.waitFor();
    await app.shot(page, '64-notification-bell');
    const read = page.waitForResponse((r) => /\/api\/notifications\/[^/]+\/read$/.test(r.url()));
    await note.getByRole('button', { name: 'Mark read' }).click();
    expect((await read).status()).toBe(204);
    await page.locator('.notification:not(.unread)').filter({ hasText: 'A VIP customer needs your approval' }).waitFor();

    await page.locator('.approvals-link').click();
    await page.waitForURL(at(/^\/app\/approvals$/));
    const row = page.locator('.approvals-table .el-table__row').filter({ hasText: 'VIP check' });
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve' });
    await dialog.getByLabel('Comment').fill('Good risk');
    const decided = page.waitForResponse((r) => r.url().includes('/approve'));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    expect((await decided).status()).toBe(200);
    await page.getByText('Nothing is waiting for your decision.').waitFor();
    await app.shot(page, '65-approvals-inbox');
    await expect.poll(async () => ((await app.call('GET', `/api/records/customer/${id}`)).body as { credit_rating?: number }).credit_rating, { timeout: 30_000 }).toBe(5);
    expect(problems).toEqual([]);
  });
});
