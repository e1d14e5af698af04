import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../core/time/index.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * Decision support in the browser, on one tenant in Shanghai's zone with the workspace and
 * sales plugins: the calendar lays out the day in the tenant's zone (not the browser's,
 * UTC here), the pivot drills down and rolls up, the pyramid lists a tier's customers, and
 * the data-mining page runs an analysis in the background and shows it.
 */
describe('calendar in the tenant zone and data mining', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await app.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_decision', { workflows: true });
    // The workspace plugin brings the sales plugin it requires.
    await ok('POST', '/api/plugins/workspace/install', { withDemoData: false });
    const settings = await app.call('GET', '/api/settings');
    const { version, ...doc } = settings.body as Record<string, unknown>;
    const saved = await app.call('PUT', '/api/settings', { ...doc, timeZone: 'Asia/Shanghai' }, { 'if-match': String(version) });
    expect(saved.status).toBe(200);
    // Two orders with the same two products, and one with one of them.
    const products = [];
    for (const name of ['Tea', 'Cups']) products.push((await ok('POST', '/api/records/product', { sku: name, name, price: 10 })).id);
    const customer = (await ok('POST', '/api/records/customer', { name: 'Mining Co', status: 'active' })).id;
    for (const items of [products, products, [products[0]]]) {
      const order = (await ok('POST', '/api/records/sales_order', { customer, order_date: '2026-01-05' })).id;
      for (const product of items) await ok('POST', '/api/records/order_line', { sales_order: order, product, quantity: 1, unit_price: 10 });
      await ok('POST', `/api/records/sales_order/${order}/transitions/confirm`, {});
    }
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-decision-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('shows an appointment at its time in the tenant zone, whatever the browser zone', async () => {
    const day = todayIn('Asia/Shanghai');
    await ok('POST', '/api/x/workspace/appointments', { subject: 'Zone check', starts_at: `${day}T09:00:00+08:00`, ends_at: `${day}T10:00:00+08:00` });
    await page.goto('/app/calendar');
    await expect.poll(() => page.locator('[data-zone]').textContent()).toContain('Asia/Shanghai');
    const event = page.locator('.fc-event', { hasText: 'Zone check' });
    await event.first().waitFor();
    // 09:00 in Shanghai is 01:00 UTC: the browser (UTC) would show 1:00.
    expect(await event.first().textContent()).toMatch(/^9:00/);
  });

  it('drills into a year of the sales pivot and rolls back up', async () => {
    await page.goto('/app/pivot/sales_analysis');
    const table = page.locator('[data-test="pivot-table"]');
    await table.locator('tr[data-row="2026"]').waitFor();
    await table.locator('tr[data-row="2026"] a.member').click();
    await table.locator('tr[data-row="2026/2026-Q1"]').waitFor();
    expect(await page.locator('[data-test="drilled"]').textContent()).toContain('2026');
    await page.locator('[data-axis="rows"] [data-test="roll-up"]').first().click();
    await expect.poll(() => table.locator('tr[data-row="2026/2026-Q1"]').count()).toBe(0);
  });

  it('shows the value pyramid and a tier\'s customers', async () => {
    await page.goto('/app/pyramid');
    await page.locator('[data-tier="vip"]').click();
    await expect.poll(() => page.locator('[data-test="members"]').textContent()).toContain('Mining Co');
  });

  it('runs an analysis in the background and shows the products bought together', async () => {
    await page.goto('/app/mining');
    await page.getByRole('tab', { name: 'Bought together' }).click();
    await page.locator('[data-test="run"]').click();
    const rules = page.locator('[data-test="rules"]');
    await rules.waitFor({ timeout: 30_000 });
    await expect.poll(() => rules.textContent()).toContain('Cups');
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('done');
    expect(await rules.textContent()).toContain('Tea');
  });
});
