import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * The studio's entity, field, dictionary and rule editors against the real server: create an
 * entity with fields, edit a label with the live preview, a dictionary used by a picklist, a
 * validation rule built visually and tried, publish, then use it all in the app (also in 中文).
 * Steps share one page and run in order.
 */
describe('studio entity editors in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const choose = async (select: Locator, option: string | RegExp) => {
    await select.click({ force: true });
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: option }).first().click();
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_studio_entities');
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('lists entities with their origin, searches them and refuses a reserved name', async () => {
    await page.goto('/studio');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio$/));
    const customer = page.locator('.entities-table tr').filter({ hasText: 'customer' }).first();
    await customer.locator('.origin').getByText('Customers').waitFor();
    await page.getByRole('searchbox', { name: 'Search entities' }).fill('zzz');
    await page.getByText('No entity matches “zzz”').waitFor();
    await page.getByRole('searchbox', { name: 'Search entities' }).fill('');

    await page.getByRole('button', { name: 'New entity' }).click();
    const dialog = page.getByRole('dialog', { name: 'New entity' });
    await dialog.getByLabel('Label (English)', { exact: true }).fill('Order');
    await dialog.getByLabel('Label (中文)', { exact: true }).fill('订单');
    expect(await dialog.getByLabel('Entity name', { exact: true }).inputValue()).toBe('order');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('“order” is a reserved word of the database').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates an entity with a title field, then adds a field watching the live preview', async () => {
    await page.getByRole('button', { name: 'New entity' }).click();
    const dialog = page.getByRole('dialog', { name: 'New entity' });
    await dialog.getByLabel('Label (English)', { exact: true }).fill('Project');
    await dialog.getByLabel('Label (中文)', { exact: true }).fill('项目');
    await dialog.getByLabel('Plural label (English)', { exact: true }).fill('Projects');
    await dialog.getByLabel('Plural label (中文)', { exact: true }).fill('项目');
    await choose(dialog.getByLabel('Icon', { exact: true }), 'calendar');
    await app.shot(page, '70-studio-new-entity');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/studio/entity/project') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await page.waitForURL(at(/^\/studio\/entities\/project$/));
    await page.getByText('This entity is not published yet.').waitFor();
    await page.locator('.fields-table tr').filter({ hasText: 'name' }).getByText('Draft').waitFor();

    await page.getByRole('button', { name: 'Add field' }).click();
    const add = page.getByRole('dialog', { name: 'Add field' });
    await add.getByLabel('Field name', { exact: true }).fill('budget');
    await choose(add.getByLabel('Type', { exact: true }), /^Currency$/);
    await add.getByLabel('Label (English)', { exact: true }).fill('Budget');
    await add.getByLabel('Label (中文)', { exact: true }).fill('预算');
    const preview = add.locator('.field-preview .preview-item');
    await expect.poll(() => preview.locator('label').innerText()).toBe('Budget');
    expect(await preview.getAttribute('data-preview-type')).toBe('currency');
    await add.getByLabel('Currency (ISO code, e.g. CNY)', { exact: true }).fill('cny');
    expect(await add.getByLabel('Currency (ISO code, e.g. CNY)', { exact: true }).inputValue()).toBe('CNY');
    await add.getByLabel('Minimum', { exact: true }).fill('-1000');
    await add.getByLabel('Maximum', { exact: true }).fill('-2000');
    await add.getByRole('button', { name: 'Save' }).click();
    await add.getByText('The maximum is below the minimum').waitFor();
    await add.getByLabel('Minimum', { exact: true }).fill('');
    await add.getByLabel('Maximum', { exact: true }).fill('');
    await app.shot(page, '71-studio-field-editor-preview');
    const put = page.waitForResponse((r) => r.url().endsWith('/api/studio/entity/project') && r.request().method() === 'PUT');
    await add.getByRole('button', { name: 'Save' }).click();
    expect((await put).status()).toBe(200);
    await page.locator('.fields-table tr').filter({ hasText: 'budget' }).getByText('Draft').waitFor();
  });

  it('edits a field’s label and the preview follows as one types', async () => {
    await page.getByRole('button', { name: 'Edit budget', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit field budget' });
    expect(await edit.getByLabel('Field name', { exact: true }).isDisabled()).toBe(true);
    const preview = edit.locator('.field-preview .preview-item label');
    await expect.poll(() => preview.innerText()).toBe('Budget');
    await edit.getByLabel('Label (English)', { exact: true }).fill('Project budget');
    await expect.poll(() => preview.innerText()).toBe('Project budget');
    await edit.getByLabel('Help text (English, optional)', { exact: true }).fill('Approved budget in yuan');
    await edit.getByLabel('Help text (中文, optional)', { exact: true }).fill('批准的预算（元）');
    await edit.locator('.field-preview').getByText('Approved budget in yuan').waitFor();
    await app.shot(page, '72-studio-edit-field-preview');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('.fields-table tr').filter({ hasText: 'Project budget' }).waitFor();
  });

  it('creates a dictionary with values, reorders them by dragging, and uses it in a picklist field', async () => {
    await page.getByRole('menuitem', { name: 'Dictionaries' }).click();
    await page.waitForURL(at(/^\/studio\/dictionaries$/));
    await page.getByRole('button', { name: 'New dictionary' }).click();
    const dialog = page.getByRole('dialog', { name: 'New dictionary' });
    await dialog.getByLabel('Label (English)', { exact: true }).fill('Project phase');
    await dialog.getByLabel('Label (中文)', { exact: true }).fill('项目阶段');
    await dialog.getByLabel('Dictionary name', { exact: true }).fill('project_phase');
    const values: [string, string, string][] = [['done', 'Done', '完成'], ['plan', 'Plan', '计划'], ['build', 'Build', '建设']];
    for (const [i, [value, en, zh]] of values.entries()) {
      await dialog.getByRole('button', { name: 'Add value' }).click();
      await dialog.getByLabel(`Value ${i + 1}`, { exact: true }).fill(value);
      await dialog.getByLabel(`English ${i + 1}`, { exact: true }).fill(en);
      await dialog.getByLabel(`中文 ${i + 1}`, { exact: true }).fill(zh);
    }
    const order = () => dialog.locator('.item-row').evaluateAll((rows) => rows.map((r) => (r.querySelector('.item-value input') as HTMLInputElement).value));
    expect(await order()).toEqual(['done', 'plan', 'build']);
    await dialog.locator('.item-row').nth(0).locator('.drag-handle').dragTo(dialog.locator('.item-row').nth(2));
    await expect.poll(order).toEqual(['plan', 'build', 'done']);
    await app.shot(page, '73-studio-dictionary-editor');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/studio/dictionary/project_phase') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const body = (await saved).request().postDataJSON() as { items: { value: string; order: number }[] };
    expect(body.items.map((i) => [i.value, i.order])).toEqual([['plan', 1], ['build', 2], ['done', 3]]);
    await page.locator('.dictionaries-table tr').filter({ hasText: 'project_phase' }).getByText('Draft').waitFor();

    await page.goto('/studio/entities/project');
    await page.getByRole('button', { name: 'Add field' }).click();
    const add = page.getByRole('dialog', { name: 'Add field' });
    await add.getByLabel('Field name', { exact: true }).fill('phase');
    await choose(add.getByLabel('Type', { exact: true }), /^Picklist$/);
    await add.getByLabel('Label (English)', { exact: true }).fill('Phase');
    await add.getByLabel('Label (中文)', { exact: true }).fill('阶段');
    await add.getByText('A dictionary', { exact: true }).click();
    await choose(add.getByLabel('Dictionary', { exact: true }), 'project_phase');
    await add.locator('.field-preview .el-select').click();
    await expect.poll(() => page.locator('.el-select-dropdown:visible .el-select-dropdown__item').allInnerTexts()).toEqual(['Plan', 'Build', 'Done']);
    await page.keyboard.press('Escape');
    const put = page.waitForResponse((r) => r.url().endsWith('/api/studio/entity/project') && r.request().method() === 'PUT');
    await add.getByRole('button', { name: 'Save' }).click();
    expect((await put).status()).toBe(200);
    await page.locator('.fields-table tr').filter({ hasText: 'phase' }).waitFor();
  });

  it('builds a validation rule visually and tries it on sample values', async () => {
    await page.getByRole('button', { name: 'Add rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New rule' });
    await dialog.getByLabel('Rule name', { exact: true }).fill('budget_positive');
    await dialog.getByRole('button', { name: 'Add condition' }).click();
    const row = dialog.locator('.rule-row').first();
    await choose(row.getByLabel('Field', { exact: true }), 'Project budget');
    await choose(row.getByLabel('Operator', { exact: true }), 'greater than / after');
    await row.locator('input[name="rule-value-0-0"]').fill('0');
    await row.locator('input[name="rule-value-0-0"]').blur();
    await dialog.getByLabel('Message (English)', { exact: true }).fill('The budget must be positive');
    await dialog.getByLabel('Message (中文)', { exact: true }).fill('预算必须为正数');
    await choose(dialog.getByLabel('Show the message on', { exact: true }), 'Project budget');
    await page.keyboard.press('Escape');
    const sample = dialog.locator('input[name="try-budget"]');
    await sample.fill('-5');
    await sample.blur();
    await dialog.locator('.try-fail').getByText('Refused: “The budget must be positive”').waitFor();
    await sample.fill('12');
    await sample.blur();
    await dialog.locator('.try-pass').waitFor();
    await app.shot(page, '74-studio-rule-builder');
    const put = page.waitForResponse((r) => r.url().endsWith('/api/studio/entity/project') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const saved = await put;
    expect(saved.status()).toBe(200);
    expect((saved.request().postDataJSON() as { rules: unknown[] }).rules).toEqual([
      { name: 'budget_positive', rule: { '>': [{ var: 'budget' }, 0] }, message: { en: 'The budget must be positive', 'zh-CN': '预算必须为正数' }, fields: ['budget'] },
    ]);
    await page.locator('.rules-table tr').filter({ hasText: 'budget_positive' }).waitFor();
    await app.shot(page, '75-studio-entity-page');
  });

  it('publishes, shows the entity in the app’s navigation and refuses a record that breaks the rule', async () => {
    await page.goto('/studio/publish');
    await page.locator('.plan-table tr').filter({ hasText: 'project' }).first().waitFor();
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();

    await page.getByRole('link', { name: 'App', exact: true }).click();
    await page.locator('.shell-aside').getByRole('menuitem', { name: 'Projects' }).click();
    await page.waitForURL(at(/^\/app\/project$/));
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await page.locator('.page-header').getByRole('button', { name: 'New' }).click();
    await page.waitForURL(at(/^\/app\/project\/new$/));
    await page.getByLabel('Name', { exact: true }).fill('Hangzhou warehouse');
    await page.locator('input[name="budget"]').fill('-5');
    await page.locator('input[name="budget"]').blur();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-field="budget"]').getByText('The budget must be positive').waitFor();
    await app.shot(page, '76-app-rule-message');
    await page.locator('input[name="budget"]').fill('120000');
    await choose(page.locator('[data-field="phase"] .el-select'), 'Build');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records/project') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'Hangzhou warehouse', budget: 120000, phase: 'build' });
    await page.waitForURL(at(/^\/app\/project\/[0-9a-f-]{36}$/));
  });

  it('in 中文: the studio editors and the rule message speak Chinese', async () => {
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: '编辑' }).or(page.getByRole('button', { name: '编辑' })).first().click();
    await page.waitForURL(at(/^\/app\/project\/[0-9a-f-]{36}\/edit$/));
    await page.locator('input[name="budget"]').fill('-1');
    await page.locator('input[name="budget"]').blur();
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('[data-field="budget"]').getByText('预算必须为正数').waitFor();
    await app.shot(page, '77-app-rule-message-zh');

    await page.goto('/studio/entities/project');
    await page.getByRole('heading', { name: /项目/ }).waitFor();
    await page.getByRole('button', { name: '编辑 budget', exact: true }).click();
    const edit = page.getByRole('dialog', { name: '编辑字段 budget' });
    await expect.poll(() => edit.locator('.field-preview .preview-item label').innerText()).toBe('预算');
    await edit.getByLabel('标签（中文）', { exact: true }).fill('项目预算');
    await expect.poll(() => edit.locator('.field-preview .preview-item label').innerText()).toBe('项目预算');
    await app.shot(page, '78-studio-field-editor-zh');
    await edit.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '停用 phase', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '停用字段 phase？' });
    await confirm.getByText('它的列和所有已存的值都会保留').waitFor();
    await confirm.getByRole('button', { name: '停用' }).click();
    await page.locator('.fields-table tr').filter({ hasText: 'phase' }).getByText('发布时停用').waitFor();
    await app.shot(page, '79-studio-retire-field-zh');
    await page.locator('.retired-note').getByRole('button', { name: '撤销' }).click();
    await page.getByText('字段 phase 已恢复。').waitFor();
    await expect.poll(() => page.locator('.fields-table tr').filter({ hasText: 'phase' }).getByText('发布时停用').count()).toBe(0);
  });

  it('fits the field editor on a phone, the preview under the inputs', async () => {
    const phone = await app.newPage({ width: 375, height: 812 });
    try {
      await phone.page.goto('/studio/entities/project');
      await signIn(phone.page, app);
      await phone.page.waitForURL(at(/^\/studio\/entities\/project$/));
      await phone.page.getByRole('button', { name: 'Add field' }).click();
      const dialog = phone.page.getByRole('dialog', { name: 'Add field' });
      await dialog.getByLabel('Label (English)', { exact: true }).fill('Site address');
      await expect.poll(() => dialog.locator('.field-preview .preview-item label').innerText()).toBe('Site address');
      const form = await dialog.locator('.field-form').boundingBox();
      const preview = await dialog.locator('.field-preview').boundingBox();
      expect(preview!.y).toBeGreaterThan(form!.y);
      expect(preview!.width).toBeLessThanOrEqual(375);
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await app.shot(phone.page, '80-studio-field-editor-phone');
    } finally {
      await phone.context.close();
    }
  });

  it('retires a published field, publishes, and brings it back from the history with its values', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto('/studio/entities/project');
    await page.getByRole('button', { name: 'Retire phase', exact: true }).click();
    await page.getByRole('dialog', { name: 'Retire field phase?' }).getByRole('button', { name: 'Retire' }).click();
    await page.locator('.fields-table tr').filter({ hasText: 'phase' }).getByText('Retired on publish').waitFor();
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    const list = await app.call('GET', '/api/records/project');
    expect((list.body as { data: Record<string, unknown>[] }).data[0]).not.toHaveProperty('phase');

    await page.reload();
    await page.locator('.fields-table').waitFor();
    expect(await page.locator('.fields-table tr').filter({ hasText: 'phase' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Show retired fields' }).click();
    const retired = page.locator('.retired-table tr').filter({ hasText: 'phase' });
    await retired.getByText('Picklist').waitFor();
    await app.shot(page, '81-studio-retired-fields');
    await retired.getByRole('button', { name: 'Bring back phase' }).click();
    await page.locator('.fields-table tr').filter({ hasText: 'phase' }).getByText('Draft').waitFor();
    expect((await app.call('POST', '/api/studio/publish', {})).status).toBe(200);
    const again = await app.call('GET', '/api/records/project');
    expect((again.body as { data: Record<string, unknown>[] }).data[0]).toMatchObject({ name: 'Hangzhou warehouse', phase: 'build' });
  });
});
