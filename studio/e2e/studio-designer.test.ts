import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * The studio's designers in Chromium against the real server: rearrange the customer form
 * (drag and drop and the buttons), publish and see it in the app; add a column to the customer
 * list view; open a version in the history, read its diff and restore it. Steps run in order.
 */
describe('studio designers in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const card = (section: string): Locator => page.locator(`.design-section[data-section="${section}"]`);
  const chip = (section: string, field: string): Locator => card(section).locator(`.field-chip[data-field="${field}"]`);
  const fieldsOf = (section: string) => card(section).locator('.field-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
  /** Picks an option of the Element Plus select whose input has the accessible name `name`. */
  const choose = async (name: string, option: string) => {
    await page.locator('.el-select', { has: page.getByRole('combobox', { name, exact: true }) }).click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: option }).first().click();
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_designer');
    ({ context, page } = await app.newPage({ width: 1400, height: 1200 }));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto('/studio/entities/customer/form');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/entities\/customer\/form$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `designer-failed-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('moves a field to another section by dragging it', async () => {
    await chip('contact_info', 'website').waitFor();
    await app.shot(page, 'designer-01-form');
    await chip('contact_info', 'website').locator('.drag-handle').dragTo(chip('evaluation', 'satisfaction'));
    await expect.poll(() => fieldsOf('evaluation')).toEqual(['credit_rating', 'website', 'satisfaction']);
    expect(await fieldsOf('contact_info')).not.toContain('website');
    await page.getByText('Unsaved changes').first().waitFor();
    await page.locator('.form-preview .form-section[data-section="evaluation"] [data-field="website"]').waitFor();
  });

  it('moves fields and adds a section with the buttons, with undo and redo', async () => {
    await choose('Move Phone to a section', 'Evaluation');
    await expect.poll(() => fieldsOf('evaluation')).toEqual(['credit_rating', 'website', 'satisfaction', 'phone']);
    await page.getByRole('button', { name: 'Move Phone up' }).click();
    await expect.poll(() => fieldsOf('evaluation')).toEqual(['credit_rating', 'website', 'phone', 'satisfaction']);

    await page.getByRole('button', { name: 'Add section' }).click();
    const dialog = page.getByRole('dialog', { name: 'New section' });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.getByText('Enter the label').first().waitFor();
    await dialog.getByLabel('Label (English)').fill('Social media');
    await dialog.getByLabel('Label (中文)').fill('社交媒体');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await card('social_media').waitFor();
    await choose('Move Address to a section', 'Social media');
    await expect.poll(() => fieldsOf('social_media')).toEqual(['address']);
    await page.getByRole('button', { name: 'Move Social media up' }).click();

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => fieldsOf('contact_info')).toContain('address');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => fieldsOf('social_media')).toEqual(['address']);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Move Social media up' }).click();
    const sections = () => page.locator('.design-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    await expect.poll(sections).toEqual(['basic', 'contact_info', 'evaluation', 'social_media', 'contacts', 'activities', 'churn']);
    await page.getByRole('button', { name: 'Remove Contact information' }).click();
    await expect.poll(sections).toEqual(['basic', 'evaluation', 'social_media', 'contacts', 'activities', 'churn']);
    expect(await page.getByRole('button', { name: 'Remove Contacts' }).isDisabled()).toBe(true);
    await app.shot(page, 'designer-02-form-rearranged');
  });

  it('saves the form as a draft, publishes it and shows the new layout in the app', async () => {
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/studio/form/customer') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Saved as a draft').waitFor();
    await page.getByRole('link', { name: 'Go to publish' }).click();
    await page.waitForURL(at(/^\/studio\/publish$/));
    const group = page.locator('.plan-group[data-document="form/customer"]');
    await group.waitFor();
    await group.locator('.el-collapse-item__header').click();
    await group.locator('.diff-change').filter({ hasText: 'social_media' }).first().waitFor();
    await app.shot(page, 'designer-03-publish-grouped');
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();

    const list = await app.call('GET', '/api/records/customer?limit=1');
    const id = (list.body as { data: { id: string }[] }).data[0].id;
    await page.goto(`/app/customer/${id}`);
    const social = page.locator('.form-section[data-section="social_media"]');
    await social.getByRole('heading', { name: 'Social media' }).waitFor();
    await social.locator('[data-field="address"]').waitFor();
    await page.locator('.form-section[data-section="evaluation"] [data-field="website"]').waitFor();
    const order = await page.locator('.form-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
    expect(order.indexOf('social_media')).toBeLessThan(order.indexOf('contacts'));
    await app.shot(page, 'designer-04-app-form');
  });

  it('adds a column to the customer list view, publishes it and shows it in the app list', async () => {
    await page.goto('/studio/entities/customer/views');
    await page.getByRole('button', { name: 'Edit All customers' }).click();
    const editor = page.locator('.editor-card');
    await editor.getByLabel('Label (English)', { exact: true }).fill('');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.getByText('Fix these before saving').waitFor();
    await editor.locator('.el-form-item__error').filter({ hasText: 'Enter the label' }).waitFor();
    await editor.getByLabel('Label (English)', { exact: true }).fill('All customers');
    await choose('Add column', 'Phone');
    await editor.locator('.column-row[data-column="phone"]').waitFor();
    await page.getByRole('button', { name: 'Move Phone up' }).click();
    await expect.poll(() => editor.locator('.column-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')).slice(-2))).toEqual(['phone', 'status']);
    await app.shot(page, 'designer-05-view-editor');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/studio/view/customer_all') && r.request().method() === 'PUT');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    expect((await saved).status()).toBe(200);
    await page.locator('.views-table tr').filter({ hasText: 'All customers' }).getByText('Draft').waitFor();

    await page.getByRole('link', { name: 'Go to publish' }).click();
    await page.locator('.plan-group[data-document="view/customer_all"]').waitFor();
    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.publish-done').waitFor();

    await page.goto('/app/customer');
    await page.locator('.el-table__row').first().waitFor();
    await expect.poll(() => page.locator('th').allInnerTexts()).toContain('Phone');
    await app.shot(page, 'designer-06-app-list-column');
  });

  it('opens a version in the history, shows its diff and restores it after confirmation', async () => {
    await page.goto('/studio/history');
    const row = page.locator('.history-table .el-table__row').filter({ hasText: 'form customer' });
    await row.getByRole('button', { name: /^Open/ }).click();
    await page.waitForURL(at(/^\/studio\/history\/1$/));
    const form = page.locator('.document-diff[data-document="form/customer"]');
    await form.locator('.diff-change').filter({ hasText: 'social_media' }).first().waitFor();
    await app.shot(page, 'designer-07-version-diff');

    await page.getByRole('button', { name: 'Restore this version' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore version 1?' });
    await dialog.locator('.document-diff[data-document="view/customer_all"] .el-tag', { hasText: 'Removed' }).waitFor();
    await app.shot(page, 'designer-08-restore-confirm');
    const restored = page.waitForResponse((r) => r.url().endsWith('/api/studio/restore/1'));
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    expect((await restored).status()).toBe(200);
    await page.waitForURL(at(/^\/studio\/history\/3$/));
    await page.locator('.document-diff[data-document="view/customer_all"] .el-tag', { hasText: 'Removed' }).waitFor();
    const drafts = await app.call('GET', '/api/studio');
    expect((drafts.body as { data: { kind: string; name: string }[] }).data.map((d) => `${d.kind}/${d.name}`)).toEqual(['form/customer']);
  });

  it('works on a phone-sized screen', async () => {
    const phone = await app.newPage({ width: 375, height: 812 });
    try {
      const p = phone.page;
      await p.goto('/studio/entities/customer/form');
      await signIn(p, app);
      await p.locator('.design-section[data-section="basic"] .field-chip').first().waitFor();
      const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(1);
      await p.getByRole('button', { name: 'Move Name up' }).click();
      await expect.poll(() => p.locator('.design-section[data-section="basic"] .field-chip').first().getAttribute('data-field')).toBe('name');
      await app.shot(p, 'designer-09-phone-form');
      await p.goto('/studio/history/1');
      await p.locator('.document-diff').first().waitFor();
      expect(await overflow()).toBeLessThanOrEqual(1);
      await app.shot(p, 'designer-10-phone-version');
    } finally {
      await phone.context.close();
    }
  });
});
