import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * The studio's report designer (entity, group, measure, filter, chart, live preview, publish) and
 * dashboard designer (add, move by dragging, resize, publish), then the dashboard in the app — in
 * English and in Chinese.
 */
describe('report and dashboard designer', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const pick = (text: RegExp) => page.locator('.el-select-dropdown__item:visible').filter({ hasText: text }).click();
  /** A chart is drawn: its svg has bars (paths filled with a colour), not only axis lines. */
  const drawn = (scope: Locator) => expect.poll(() => scope.locator('svg path:not([fill="none"])').count(), { timeout: 15_000 }).toBeGreaterThan(1);
  const tileOrder = () => page.locator('[data-tile]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tile')));

  beforeAll(async () => {
    app = await startE2eApp('e2e_designer');
    ({ context, page } = await app.newPage({ width: 1400, height: 900 }));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/studio/reports');
    await signIn(page, app);
    await page.waitForURL(at(/^\/studio\/reports$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-designer-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('builds a chart report with a live preview, and publishes it', async () => {
    await page.getByRole('link', { name: 'Customers by region and grade' }).waitFor();
    await page.getByRole('button', { name: 'New report' }).click();
    const dialog = page.getByRole('dialog', { name: 'New report' });
    await dialog.getByLabel('Name').fill('customer_regions');
    await dialog.locator('.entity-select').click();
    await pick(/^Customer$/);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/reports\/customer_regions\?new=1&entity=customer$/));

    await page.locator('input[name="label-en"]').fill('Customers by region');
    await page.locator('input[name="label-zh"]').fill('客户地区分布');
    await page.getByRole('button', { name: 'Add a group' }).click();
    await page.locator('[data-group="0"] .group-field').click();
    await pick(/^Region$/);
    // the visual condition builder of views and workflows
    await page.getByRole('button', { name: 'Edit condition: Only records where' }).click();
    const condition = page.getByRole('dialog', { name: 'Condition: Only records where' });
    await condition.getByLabel('Field').click();
    await pick(/^Name$/);
    await condition.locator('input[name="filter-0"]').fill('有限公司');
    await condition.getByRole('button', { name: 'Apply' }).click();
    await condition.waitFor({ state: 'hidden' });
    await page.locator('[data-condition="report-filter"] .summary').getByText('Name contains 有限公司').waitFor();

    // the preview runs the unsaved document on real data: a bar per region
    const preview = page.getByRole('region', { name: 'Preview' });
    const ran = page.waitForResponse((r) => r.url().endsWith('/api/reports/preview') && r.status() === 200);
    await page.locator('[data-chart="pie"]').click();
    const answer = (await (await ran).json()) as { rows: unknown[]; columns: { key: string }[] };
    expect(answer.columns.map((c) => c.key)).toEqual(['region', 'count']);
    expect(answer.rows.length).toBeGreaterThan(1);
    await drawn(preview);
    await page.locator('[data-chart="bar"]').click();
    await preview.locator('[data-widget="preview"] h2').getByText('Customers by region').waitFor();
    await app.shot(page, '70-report-designer');

    // leaving unsaved work asks first
    await page.getByRole('link', { name: /Reports and dashboards/ }).first().click();
    await page.getByRole('dialog', { name: 'Leave the designer?' }).getByRole('button', { name: 'Stay' }).click();
    expect(page.url()).toContain('/studio/reports/customer_regions');

    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    await page.locator('.unsaved').waitFor({ state: 'detached' });
    const run = await app.call('POST', '/api/reports/customer_regions/run', {});
    expect(run.status).toBe(200);
    expect((run.body as { chart: unknown }).chart).toEqual({ type: 'bar', x: 'region', y: ['count'] });
  });

  it('places the report on a dashboard, moves and resizes widgets by dragging, and the app shows the chart', async () => {
    await page.goto('/studio/reports');
    await page.getByRole('button', { name: 'New dashboard' }).click();
    const dialog = page.getByRole('dialog', { name: 'New dashboard' });
    await dialog.getByLabel('Name').fill('regional');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(at(/^\/studio\/dashboards\/regional\?new=1$/));
    await page.getByText('Empty dashboard').waitFor();

    await page.locator('input[name="label-en"]').fill('Regional view');
    await page.locator('input[name="label-zh"]').fill('区域视图');
    for (let i = 0; i < 2; i++) {
      await page.locator('.report-picker').click();
      await pick(/^Customers by region$/);
      await page.getByRole('button', { name: 'Add a report' }).click();
    }
    await expect.poll(tileOrder).toEqual(['customer_regions', 'customer_regions_2']);
    await drawn(page.locator('[data-tile="customer_regions"]'));

    // drag the second onto the first: it takes its place
    await page.locator('[data-tile="customer_regions_2"] .tile-bar').dragTo(page.locator('[data-tile="customer_regions"]'));
    await expect.poll(tileOrder).toEqual(['customer_regions_2', 'customer_regions']);
    // resize by the corner: two columns to the right, one row down
    const handle = page.locator('[data-tile="customer_regions_2"] .resize-handle');
    const box = await handle.boundingBox();
    const column = ((await page.locator('.layout-grid').boundingBox())?.width ?? 1200) / 12;
    if (!box) throw new Error('no resize handle');
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + 5 + column, box.y + 35, { steps: 4 });
    await page.mouse.move(box.x + 5 + 2 * column, box.y + 65, { steps: 4 });
    await page.mouse.up();
    await page.locator('[data-tile="customer_regions_2"] [data-size="8x6"]').waitFor();
    await page.locator('[data-tile="customer_regions"]').getByRole('button', { name: 'Narrower' }).click();
    await page.locator('[data-tile="customer_regions"] [data-size="5x5"]').waitFor();
    await app.shot(page, '71-dashboard-designer');

    const published = page.waitForResponse((r) => r.url().endsWith('/api/studio/publish'));
    await page.getByRole('button', { name: 'Publish' }).click();
    expect((await published).status()).toBe(200);
    const doc = await app.call('GET', '/api/studio/dashboard/regional');
    expect((doc.body as { widgets: unknown[] }).widgets).toEqual([
      { id: 'customer_regions_2', report: 'customer_regions', width: 8, height: 6 },
      { id: 'customer_regions', report: 'customer_regions', width: 5, height: 5 },
    ]);

    await page.getByRole('link', { name: 'Open in the app' }).click();
    await page.waitForURL(at(/^\/app\/dashboards\/regional$/));
    await page.getByRole('heading', { name: 'Regional view' }).waitFor();
    const widget = page.locator('[data-dashboard="regional"] [data-widget="customer_regions_2"]');
    await drawn(widget);
    await widget.getByRole('heading', { name: 'Customers by region' }).waitFor();

    // the same screens in Chinese
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '区域视图' }).waitFor();
    await widget.getByRole('heading', { name: '客户地区分布' }).waitFor();
    await page.goto('/studio/reports/customer_regions');
    await page.getByRole('heading', { name: /客户地区分布/ }).waitFor();
    await page.getByText('分组', { exact: true }).waitFor();
    await drawn(page.getByRole('region', { name: '预览' }));
    await app.shot(page, '72-report-designer-zh');
    expect(problems).toEqual([]);
  });
});
