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
        // Asks for the rating its guard reads, and the address, in a dialog.
        {
          name: 'rate_risk', label: { en: 'Rate and flag', 'zh-CN': '评估后标记预警' }, from: ['active'], to: 'at_risk',
          fields: [{ field: 'satisfaction', required: true }, { field: 'address' }], guard: { '<=': [{ var: 'satisfaction' }, 3] },
        },
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
    await page.getByRole('tooltip').getByText('The conditions of “Mark as lost” are not met.').waitFor();
    await app.shot(page, '30-record-transitions');

    await page.getByRole('tab', { name: 'History' }).click();
    const entry = page.locator('.history-entry').filter({ hasText: 'Transition: Flag as at risk' });
    await entry.waitFor();
    expect(await entry.locator('.who').innerText()).toBe('Admin (you)');
    await entry.locator('tr[data-field="status"]').filter({ hasText: 'Active' }).filter({ hasText: 'At risk' }).waitFor();
    await page.locator('.history-entry[data-action="create"]').waitFor();
    await app.shot(page, '31-record-history');

    // The customer's org chart: the decision maker on top, the others below, with their evaluation.
    await page.getByRole('tab', { name: 'Org chart' }).click();
    const top = page.locator('[data-section="org-chart"] .org-tree > .org-node > .person').first();
    await top.waitFor();
    expect(await top.locator('.role').innerText()).toBe('Decision maker');
    expect(await page.locator('[data-section="org-chart"] .reports .person').count()).toBeGreaterThan(0);
    await app.shot(page, '31b-customer-org-chart');
  });

  it('asks for the fields a transition needs in its dialog, shows what the server refuses there, and saves them with it', async () => {
    const id = await firstId('customer', { '==': [{ var: 'status' }, 'active'] });
    const current = await app.call('GET', `/api/records/customer/${id}`);
    expect((await app.call('PATCH', `/api/records/customer/${id}`, { satisfaction: null }, { 'If-Match': String(current.body.version) })).status).toBe(200);
    await page.goto(`/app/customer/${id}`);
    await page.getByRole('button', { name: 'Rate and flag' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rate and flag' });
    await dialog.getByText('“Rate and flag” needs the following; they are saved with it.').waitFor();
    const confirm = dialog.locator('[data-confirm-transition]');
    await confirm.click();
    await dialog.locator('[data-field="satisfaction"]').getByText('is required', { exact: false }).waitFor();
    const rating = dialog.locator('input[name="satisfaction"]');
    await rating.fill('5');
    await rating.press('Tab');
    const refused = page.waitForResponse((r) => r.url().endsWith('/transitions/rate_risk'));
    await confirm.click();
    expect((await refused).status()).toBe(422);
    await dialog.getByRole('alert').getByText('The conditions of “Rate and flag” are not met.').waitFor();
    await rating.fill('2');
    await rating.press('Tab');
    await dialog.locator('input[name="address"]').fill('上海市浦东新区张江路 88 号');
    await app.shot(page, '32a-transition-fields-dialog');
    const taken = page.waitForResponse((r) => r.url().endsWith('/transitions/rate_risk'));
    await confirm.click();
    expect((await taken).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-field="status"]').getByText('At risk').waitFor();
    expect((await app.call('GET', `/api/records/customer/${id}`)).body).toMatchObject({ status: 'at_risk', satisfaction: 2, address: '上海市浦东新区张江路 88 号' });

    await page.getByRole('button', { name: '中文' }).click();
    await page.goto(`/app/customer/${await firstId('customer', { '==': [{ var: 'status' }, 'active'] })}`);
    await page.getByRole('button', { name: '评估后标记预警' }).click();
    await page.getByRole('dialog', { name: '评估后标记预警' }).getByText('执行“评估后标记预警”需要填写以下内容，将与其一并保存。').waitFor();
    await page.getByRole('dialog', { name: '评估后标记预警' }).getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('runs a record action from its button with a small dialog', async () => {
    const id = await firstId('customer_loss', { '==': [{ var: 'status' }, 'warning'] });
    await page.goto(`/app/customer_loss/${id}`);
    await page.getByRole('button', { name: 'Pause churn' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pause churn' });
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('Measures to stop the churn is required').waitFor();
    await dialog.getByLabel('Measures to stop the churn').fill('Regional manager visits next week');
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

  it('hides the actions the user has no right to run, as /api/meta says', async () => {
    await publishRole(app, {
      name: 'churn_clerk',
      label: { en: 'Churn clerk', 'zh-CN': '流失登记员' },
      entities: { customer: { read: 'all' }, customer_loss: { read: 'all', update: 'all' } },
      actions: ['customer_loss.pause_churn'],
    });
    await createUser(app, { email: 'clerk@e2e.test', name: 'Carl Clerk', roles: ['churn_clerk'] });
    const id = await firstId('customer_loss', { '==': [{ var: 'status' }, 'warning'] });
    const clerk = await app.newPage();
    others.push(clerk.context);
    const p = clerk.page;
    await p.goto(`/app/customer_loss/${id}`);
    await signIn(p, { ...app, email: 'clerk@e2e.test' });
    await p.getByRole('button', { name: 'Pause churn' }).waitFor();
    expect(await p.locator('[data-action="confirm_churn"]').count()).toBe(0);
    await app.shot(p, '33-record-action-hidden');
  });

  it('filters the list with the filter builder and exports the filtered records as CSV', async () => {
    await page.goto('/app/customer');
    await page.locator('.el-table__row').first().waitFor();
    await page.getByRole('button', { name: 'Filter' }).click();
    const row = (i: number) => page.locator('.filter-row').nth(i);
    const choose = async (select: ReturnType<Page['locator']>, option: string) => {
      await select.click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: option }).first().click();
    };
    await choose(row(0).locator('.filter-field'), 'Grade');
    await choose(row(0).locator('.filter-value .el-select'), 'Major customer');
    await page.getByRole('button', { name: 'Add condition' }).click();
    await choose(row(1).locator('.filter-field'), 'Region');
    await choose(row(1).locator('.filter-op'), 'is any of');
    await choose(row(1).locator('.filter-value .el-select'), 'East China');
    await choose(row(1).locator('.filter-value .el-select'), 'North China');
    await page.keyboard.press('Escape');
    await app.shot(page, '34-list-filter-builder');
    const filtered = page.waitForResponse((r) => r.url().includes('/api/records/customer?') && r.url().includes('filter='));
    await page.getByRole('button', { name: 'Apply' }).click();
    const response = await filtered;
    const expected = { and: [{ '==': [{ var: 'grade' }, 'major'] }, { in: [{ var: 'region' }, ['east', 'north']] }] };
    expect(JSON.parse(new URL(response.url()).searchParams.get('filter')!)).toEqual(expected);
    expect(JSON.parse(new URL(page.url()).searchParams.get('filter')!)).toEqual(expected);
    const shown = ((await response.json()) as { data: { grade: string; region: string }[] }).data;
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => c.grade === 'major' && ['east', 'north'].includes(c.region))).toBe(true);
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(shown.length);
    await page.locator('.filter-badge').getByText('2').waitFor();

    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV (.csv)' }).click()]);
    expect(download.suggestedFilename()).toBe('customer.csv');
    const csv = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', reject);
      }, reject);
    });
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['id', 'name', 'grade', 'region']));
    expect(lines).toHaveLength(shown.length + 1);
    await app.shot(page, '35-list-filtered');
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await page.waitForURL((u) => !u.searchParams.has('filter'));
  });

  it('picks a contact of the chosen customer only, told apart by company and mobile, and fills from the chosen customer', async () => {
    // The activity's place is filled from the chosen customer's address (a tenant overlay, as an admin would declare it).
    const overlay = await app.call('PUT', '/api/studio/entity/activity', { kind: 'entity', name: 'activity', fields: { customer: { fills: { place: 'address' } } } });
    expect(overlay.status, JSON.stringify(overlay.body)).toBe(200);
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    const contacts = (await app.call('GET', '/api/records/contact?limit=200&fields=customer,name')).body.data as { customer: string }[];
    const perCustomer = new Map<string, number>();
    for (const c of contacts) perCustomer.set(c.customer, (perCustomer.get(c.customer) ?? 0) + 1);
    const [customerId, count] = [...perCustomer].find(([, n]) => n >= 2)!;
    const customer = (await app.call('GET', `/api/records/customer/${customerId}?fields=name,address`)).body as { name: string; address: string };

    await page.goto('/app/activity/new');
    await page.reload(); // the overlay is in /api/meta
    const pick = async (field: string, search: string) => {
      await page.locator(`[data-field="${field}"] .el-select`).click();
      if (search) await page.keyboard.type(search);
    };
    const options = page.locator('.el-select-dropdown:visible .reference-option');
    await pick('customer', customer.name);
    await options.filter({ hasText: customer.name }).first().click();
    await expect.poll(() => page.locator('[data-field="place"] input').inputValue()).toBe(customer.address);
    const listed = page.waitForResponse((r) => r.url().includes('/api/records/contact?'));
    await pick('contact', '');
    const filter = JSON.parse(new URL((await listed).url()).searchParams.get('filter')!);
    expect(filter).toEqual({ '==': [{ var: 'customer' }, customerId] });
    await expect.poll(() => options.count()).toBe(count);
    expect(await options.locator('.option-secondary').first().innerText()).toContain(customer.name);
    await app.shot(page, '37-dependent-picker');
    await options.first().click();
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-field="contact"] .el-select').innerText()).not.toBe('');
  });

  it('changes the owner of one customer and of a selection; the account manager shows who owns them', async () => {
    const lily = await createUser(app, { email: 'lily@e2e.test', name: 'Lily Li', roles: ['account_manager'] });
    const id = await firstId('customer', { '!=': [{ var: 'account_manager' }, lily] });
    await page.goto(`/app/customer/${id}`);
    await page.getByRole('button', { name: 'Change owner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change owner' });
    const choose = async () => {
      await dialog.getByLabel('New owner').click();
      await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: 'Lily Li' }).click();
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/records/customer/'));
      await dialog.locator('.change-owner-confirm').click();
      expect((await saved).status()).toBe(200);
    };
    await choose();
    await page.locator('[data-field="account_manager"]').getByText('Lily Li').waitFor();
    expect((await app.call('GET', `/api/records/customer/${id}`)).body).toMatchObject({ owner_id: lily, account_manager: lily });

    await page.goto('/app/customer');
    await page.locator('.el-table__row').nth(1).waitFor();
    const rows = page.locator('.el-table__body .el-table__row');
    for (const i of [0, 1]) await rows.nth(i).locator('.el-checkbox').click();
    await page.locator('.bulk-owner').click();
    await dialog.getByText('Hand 2 record(s) on to:').waitFor();
    await app.shot(page, '38-change-owner-bulk');
    await choose();
    await dialog.waitFor({ state: 'hidden' });
    const mine = await app.call('GET', `/api/records/customer?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'owner_id' }, lily] }))}&fields=account_manager`);
    expect(mine.body.data.length).toBeGreaterThanOrEqual(2);
    expect(mine.body.data.every((c: { account_manager: string }) => c.account_manager === lily)).toBe(true);
  });

  it('imports CSV after a dry-run preview that lists the errors per line', async () => {
    await page.goto('/app/customer');
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import CSV' });
    const file = (text: string) => ({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await dialog.locator('input[type=file]').setInputFiles(file('name,grade,credit_rating\nImported Alpha Ltd,major,3\nImported Beta Ltd,no_such_grade,4\n'));
    const dry = page.waitForResponse((r) => r.url().includes('/import?dryRun=true'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    expect((await dry).status()).toBe(200);
    await dialog.getByText('Would create 1 and update 0; rows with errors: 1').waitFor();
    await dialog.locator('.import-errors .el-table__row').filter({ hasText: 'grade' }).filter({ hasText: '3' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await app.shot(page, '36-import-preview-errors');

    await dialog.locator('input[type=file]').setInputFiles(file('name,grade,credit_rating\nImported Alpha Ltd,major,3\nImported Beta Ltd,partner,4\n'));
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('Would create 2 and update 0; rows with errors: 0').waitFor();
    const real = page.waitForResponse((r) => r.url().includes('/import') && !r.url().includes('dryRun'));
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const report = (await (await real).json()) as { created: number; committed: boolean };
    expect(report).toMatchObject({ created: 2, committed: true });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Imported: 2 created, 0 updated, 0 skipped').waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Imported');
    await expect.poll(() => page.locator('.el-table__row').filter({ hasText: 'Imported' }).count()).toBe(2);
  });
});
