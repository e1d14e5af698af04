import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, tenantWithAdmin } from '../../core/http/test-server.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * docs/guide-property-management.md in a browser: a consultant starts a module, creates the
 * lease and payment entities in it with their fields, draws the lease lifecycle from the
 * entity page, adds it to the module, publishes on the Publish page and exports the module as
 * a plugin package; an admin of a second tenant uploads the package in the plugin manager,
 * creates a lease with the app's form and takes it through a transition.
 */
describe('a module built in the studio, exported and installed in another tenant', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  let packagePath = '';
  let second: Awaited<ReturnType<typeof tenantWithAdmin>>;
  let moduleUrl = '';
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
    if (packagePath) rmSync(dirname(packagePath), { recursive: true, force: true });
    await context?.close();
    await app?.close();
  });

  /** Picks `text` in an Element Plus select. */
  const choose = async (select: Locator, text: string) => {
    await select.click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: new RegExp(`^${text.replace(/[()]/g, '\\$&')}$`) }).first().click();
    await expect.poll(() => page.locator('.el-select-dropdown__item:visible').count()).toBe(0);
  };
  /** Adds a field on the entity page open in `page` with the Add field dialog and waits for the draft to be saved. */
  const addField = async (entity: string, name: string, type: string, en: string, zh: string, fill: (dialog: Locator) => Promise<void>) => {
    await page.getByRole('button', { name: 'Add field' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add field' });
    await dialog.getByLabel('Field name', { exact: true }).fill(name);
    await choose(dialog.getByLabel('Type', { exact: true }), type);
    await dialog.getByLabel('Label (English)', { exact: true }).fill(en);
    await dialog.getByLabel('Label (中文)', { exact: true }).fill(zh);
    await fill(dialog);
    const put = page.waitForResponse((r) => r.url().endsWith(`/api/studio/entity/${entity}`) && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await put).status()).toBe(200);
    await page.locator('.fields-table tr').filter({ hasText: name }).waitFor();
  };

  it('starts a module and creates the lease and payment entities in it', async () => {
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
    moduleUrl = new URL(page.url()).pathname;

    for (const [name, en, zh] of [['lease', 'Lease', '租约'], ['payment', 'Rent payment', '收租记录']]) {
      await page.getByRole('button', { name: 'New entity in this module' }).click();
      const entity = page.getByRole('dialog', { name: 'New entity in this module' });
      await entity.locator('.entity-name input').fill(name);
      await entity.locator('.entity-label-en input').fill(en);
      await entity.locator('.entity-label-zh input').fill(zh);
      await entity.getByRole('button', { name: 'Confirm' }).click();
      await page.locator(`.document-entity-${name}`).getByText(en).waitFor();
      expect(await page.locator(`.document-entity-${name}`).innerText()).toContain('Entity');
    }
    await app.shot(page, '90-module');

    // the lease's state field, a picklist; the lifecycle editor adds the last state
    await page.locator('.document-entity-lease').getByRole('link', { name: 'Lease' }).click();
    await page.waitForURL(at(/^\/studio\/entities\/lease$/));
    await addField('lease', 'status', 'Picklist', 'Status', '状态', async (d) => {
      for (const [i, [value, en, zh]] of [['draft', 'Draft', '草拟'], ['active', 'Active', '生效']].entries()) {
        await d.getByRole('button', { name: 'Add value' }).click();
        const row = d.locator(`.option-row[data-option="${i}"]`);
        await row.locator('.option-value input').fill(value);
        await row.getByLabel(`English ${i + 1}`, { exact: true }).fill(en);
        await row.getByLabel(`中文 ${i + 1}`, { exact: true }).fill(zh);
      }
    });

    // a payment refers to its lease
    await page.goto(moduleUrl);
    await page.locator('.document-entity-payment').getByRole('link', { name: 'Rent payment' }).click();
    await page.waitForURL(at(/^\/studio\/entities\/payment$/));
    await addField('payment', 'lease', 'Reference', 'Lease', '租约', (d) => choose(d.getByLabel('Refers to', { exact: true }), 'Lease (lease)'));
    await addField('payment', 'due_date', 'Date', 'Due', '应收日', async () => undefined);
  });

  it('draws the lease lifecycle from the entity page and keeps it in the module', async () => {
    await page.goto('/studio/entities/lease');
    await page.locator('.add-lifecycle[data-field="status"]').click();
    await page.waitForURL(at(/^\/studio\/entities\/lease\/lifecycles\/lease_status_flow\?field=status$/));
    const node = (state: string) => page.locator(`.state-node[data-state="${state}"]`);
    await node('active').waitFor();
    await page.locator('input[name="lifecycle-label-en"]').fill('Lease');
    await page.locator('input[name="lifecycle-label-zh"]').fill('租约流程');
    await choose(page.locator('.initial-state'), 'Draft');
    await page.locator('input[name="new-state-value"]').fill('ended');
    await page.locator('input[name="new-state-en"]').fill('Ended');
    await page.locator('input[name="new-state-zh"]').fill('已到期');
    await page.getByRole('button', { name: 'Add state' }).click();
    await node('ended').waitFor();
    for (const [from, to] of [['Draft', 'Active'], ['Active', 'Ended']]) {
      await page.locator('.vue-flow__pane').click({ position: { x: 5, y: 5 } });
      await choose(page.locator('.new-transition-from'), from);
      await choose(page.locator('.new-transition-to'), to);
      await page.getByRole('button', { name: 'Add transition' }).click();
    }
    await page.locator('.vue-flow__edge[data-id="to_ended:active"]').waitFor({ state: 'attached' });
    // the picker beside the canvas selects a node the canvas may draw out of sight
    await choose(page.locator('.node-picker'), 'State · Ended');
    await page.locator('.state-final').click();
    // a transition added with the form is named after its target state; its label reads as the guide's
    await choose(page.locator('.node-picker'), 'Transition · Active');
    await page.locator('input[name="transition-label-en"]').fill('Activate');
    await page.locator('input[name="transition-label-zh"]').fill('生效');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/lifecycle/lease_status_flow'));
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => page.locator('.state-node.faulty').count()).toBe(0);
    await app.shot(page, '90-module-lifecycle');

    // drawn while the studio works in the module, the lifecycle joined it by itself
    await page.locator('.module-work').getByText('Working in module “Property rentals”').waitFor();
    await page.locator('.module-work-open').click();
    await page.locator('.document-lifecycle-lease_status_flow').getByText('Lifecycle').waitFor();

    await page.locator('.publish-link').click();
    await page.waitForURL(at(/^\/studio\/publish$/));
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish') && r.request().method() === 'POST', { timeout: SLOW_MS });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();
    const meta = (await app.call('GET', '/api/meta')).body as { lifecycles: Record<string, { initial: string; transitions: { name: string; label: { en: string } }[] }> };
    expect(meta.lifecycles.lease_status_flow.initial).toBe('draft');
    expect(meta.lifecycles.lease_status_flow.transitions.map((t) => [t.name, t.label.en])).toEqual([['to_active', 'Activate'], ['to_ended', 'Ended']]);
  });

  it('builds the rent reminder, the landlord role, the rent roll and the dashboard; each joins the module by itself', async () => {
    // the rent reminder: three days before a payment is due, at nine, its owner is notified
    await page.goto('/studio/workflows');
    await page.getByRole('button', { name: 'New workflow' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workflow' });
    await dialog.getByLabel('Name').fill('rent_reminder');
    await choose(dialog.locator('.entity-select'), 'Rent payment');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/workflows\/rent_reminder\?new=1&entity=payment$/));
    await choose(page.locator('.trigger-on'), 'On a date');
    await choose(page.locator('.trigger-date-field'), 'Due');
    const offset = page.locator('.trigger-form .el-input-number input');
    await offset.fill('-3');
    await offset.press('Tab');
    await page.locator('input[name="at"]').fill('09:00');
    await choose(page.locator('.new-step-type'), 'Notify');
    await page.locator('.add-step').click();
    await page.locator('[data-node="notify_1"]').waitFor();
    await choose(page.locator('.recipient-field'), 'Owner');
    await page.locator('input[name="notify-title"]').fill('Rent due: {{name}}');
    const workflow = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/workflow/rent_reminder'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await workflow).status()).toBe(200);
    expect(((await app.call('GET', '/api/studio/workflow/rent_reminder')).body as { trigger: unknown }).trigger).toMatchObject({ on: 'date', field: 'due_date', offsetDays: -3, at: '09:00' });

    // the landlord role: reads every lease
    await page.goto('/studio/roles');
    await page.getByRole('button', { name: 'New role' }).click();
    const create = page.getByRole('dialog', { name: 'New role' });
    await create.getByLabel('Role name').fill('landlord');
    await create.getByLabel('Label (English)').fill('Landlord');
    await create.getByLabel('Label (中文)').fill('房东');
    await create.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /Landlord/ }).getAttribute('aria-selected')).toBe('true');
    await choose(page.locator('.matrix-row-lease .scope-read'), 'All');
    const role = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/studio/role/landlord'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect((await role).status()).toBe(200);

    // the rent roll: payments by lease, published so a dashboard can show it
    await page.goto('/studio/reports');
    await page.getByRole('button', { name: 'New report' }).click();
    const report = page.getByRole('dialog', { name: 'New report' });
    await report.getByLabel('Name').fill('rent_roll');
    await choose(report.locator('.entity-select'), 'Rent payment');
    await report.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/reports\/rent_roll\?new=1&entity=payment$/));
    await page.locator('input[name="label-en"]').fill('Rent roll');
    await page.locator('input[name="label-zh"]').fill('租金台账');
    await page.getByRole('button', { name: 'Add a group' }).click();
    await choose(page.locator('[data-group="0"] .group-field'), 'Lease');
    const reportPublished = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'), { timeout: SLOW_MS });
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await reportPublished).status()).toBe(200);

    // the dashboard shows it
    await page.goto('/studio/reports');
    await page.getByRole('button', { name: 'New dashboard' }).click();
    const board = page.getByRole('dialog', { name: 'New dashboard' });
    await board.getByLabel('Name').fill('rentals_overview');
    await board.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/dashboards\/rentals_overview\?new=1$/));
    await page.locator('input[name="label-en"]').fill('Rentals');
    await page.locator('input[name="label-zh"]').fill('租赁概览');
    await choose(page.locator('.report-picker'), 'Rent roll');
    await page.getByRole('button', { name: 'Add a report' }).click();
    await page.locator('[data-tile="rent_roll"]').waitFor();
    const boardPublished = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'), { timeout: SLOW_MS });
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await boardPublished).status()).toBe(200);

    // the module lists all of it, with no Add documents
    await page.goto(moduleUrl);
    for (const [kind, name, text] of [['workflow', 'rent_reminder', 'Workflow'], ['role', 'landlord', 'Role'], ['report', 'rent_roll', 'Report'], ['dashboard', 'rentals_overview', 'Dashboard']]) {
      await page.locator(`.document-${kind}-${name}`).getByText(text, { exact: true }).waitFor();
    }
    await app.shot(page, '90-module-complete');

    // the app's menu puts the module's entities under its menu group
    await page.goto('/app');
    const group = page.locator('.shell-aside .el-menu-item-group').filter({ has: page.locator('.el-menu-item-group__title', { hasText: /^Property$/ }) });
    await group.locator('[data-entity="lease"]').waitFor();
    await group.locator('[data-entity="payment"]').waitFor();
  });

  it('exports the module as a plugin package', async () => {
    await page.goto(moduleUrl);
    await page.getByRole('button', { name: 'Export as plugin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export “Property rentals” as a plugin' });
    await dialog.locator('.export-version input').waitFor();
    const download = page.waitForEvent('download', { timeout: SLOW_MS });
    await dialog.getByRole('button', { name: 'Download package' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('rentals-1.0.0.zip');
    packagePath = join(mkdtempSync(join(tmpdir(), 'module-export-')), 'rentals.zip');
    await file.saveAs(packagePath);
    const zip = readFileSync(packagePath);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    for (const file of ['plugin.json', 'entities/lease.json', 'entities/payment.json', 'lifecycles/lease_status_flow.json', 'workflows/rent_reminder.json', 'roles/landlord.json', 'reports/rent_roll.json', 'dashboards/rentals_overview.json']) {
      expect(zip.includes(`rentals/${file}`), file).toBe(true);
    }
  });

  /** Signs in to the second tenant's plugin manager and uploads a package there (201). */
  const uploadInSecondTenant = async (p: Page, file: string) => {
    await p.goto('/studio/plugins');
    await signIn(p, { tenant: 'e2e_modgot', email: second.email, password: app.password });
    await p.waitForURL(at(/^\/studio\/plugins$/));
    await p.getByRole('button', { name: 'Upload package' }).click();
    const dialog = p.getByRole('dialog', { name: 'Upload a plugin package' });
    await dialog.locator('input[type=file]').setInputFiles(file);
    const uploaded = p.waitForResponse((r) => r.url().includes('/api/plugins/upload') && r.request().method() === 'POST', { timeout: SLOW_MS });
    await dialog.getByRole('button', { name: 'Upload' }).click();
    expect((await uploaded).status()).toBe(201);
  };

  it('installs the package in a second tenant through the plugin manager, and a lease is created there', async () => {
    second = await tenantWithAdmin(app.db, app.url, 'e2e_modgot');
    const other = await app.newPage();
    try {
      const p = other.page;
      await uploadInSecondTenant(p, packagePath);
      const row = p.locator('.plugin-rentals');
      await row.locator('.plugin-status').getByText('Installed').waitFor({ timeout: SLOW_MS });
      await row.getByText('Uploaded').waitFor();
      await app.shot(p, '91-module-installed');

      // a lease through the app's form, taken from its initial state through one transition
      await p.goto('/app/lease/new');
      await p.getByLabel('Name', { exact: true }).fill('3号楼 1201 室 2027 年租约');
      const created = p.waitForResponse((r) => r.url().endsWith('/api/records/lease') && r.request().method() === 'POST');
      await p.getByRole('button', { name: 'Save' }).click();
      expect((await created).status()).toBe(201);
      await p.waitForURL(at(/^\/app\/lease\/[0-9a-f-]{36}$/));
      await p.locator('[data-field="status"]').getByText('Draft').waitFor();
      const moved = p.waitForResponse((r) => r.url().endsWith('/transitions/to_active') && r.request().method() === 'POST');
      await p.getByRole('button', { name: 'Activate', exact: true }).click();
      expect((await moved).status()).toBe(200);
      await p.locator('[data-field="status"]').getByText('Active').waitFor();
      const leaseUrl = new URL(p.url()).pathname;
      // the package keeps the module's menu group: the installing tenant's menu lists the lease under it
      const group = p.locator('.shell-aside .el-menu-item-group').filter({ has: p.locator('.el-menu-item-group__title', { hasText: /^Property$/ }) });
      await group.locator('[data-entity="lease"]').waitFor();
      await app.shot(p, '91-module-lease');

      await p.goto('/studio/plugins');
      await p.getByRole('button', { name: '中文' }).click();
      await p.getByRole('heading', { name: '插件' }).waitFor();
      await row.getByText('已上传').waitFor();
      await p.goto('/studio/modules');
      await p.getByRole('heading', { name: '模块' }).waitFor();
      await app.shot(p, '92-modules-zh');
      await p.goto(leaseUrl);
      await p.locator('[data-field="status"]').getByText('生效').waitFor();
      await p.getByRole('button', { name: '已到期', exact: true }).waitFor();
    } finally {
      await other.context.close();
    }
  });

  it('ships a new version: a field added in the first tenant reaches the second on upload, its lease kept', async () => {
    await page.goto('/studio/entities/lease');
    await addField('lease', 'deposit', 'Decimal', 'Deposit', '押金', async () => undefined);
    await page.goto('/studio/publish');
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish') && r.request().method() === 'POST', { timeout: SLOW_MS });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    expect((await published).status()).toBe(200);
    await page.goto(moduleUrl);
    await page.getByRole('button', { name: 'Export as plugin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export “Property rentals” as a plugin' });
    await dialog.locator('.export-version input').fill('1.1.0');
    const download = page.waitForEvent('download', { timeout: SLOW_MS });
    await dialog.getByRole('button', { name: 'Download package' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('rentals-1.1.0.zip');
    const newer = join(dirname(packagePath), 'rentals-1.1.0.zip');
    await file.saveAs(newer);

    const other = await app.newPage();
    try {
      const p = other.page;
      await uploadInSecondTenant(p, newer);
      await p.locator('.plugin-rentals').getByText('1.1.0').first().waitFor();
    } finally {
      await other.context.close();
    }
    const call = api(app.url, second.token);
    const meta = (await call('GET', '/api/meta')).body as { entities: Record<string, { fields: Record<string, unknown> }> };
    expect(Object.keys(meta.entities.lease.fields)).toContain('deposit');
    const leases = (await call('GET', '/api/records/lease')).body as { data: { name: string; status: string }[] };
    expect(leases.data.map((l) => [l.name, l.status])).toEqual([['3号楼 1201 室 2027 年租约', 'active']]);
  });
});
