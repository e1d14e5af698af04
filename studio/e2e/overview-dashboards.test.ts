import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

/**
 * The customer 360° page (related counts, timeline, plugin tabs) and dashboards (charts,
 * drill-down from a bar to the filtered list), in English, in Chinese and on a phone.
 */
describe('customer overview and dashboards', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const list = async (entity: string, filter?: unknown): Promise<{ id: string; customer?: string }[]> => {
    const res = await app.call('GET', `/api/records/${entity}?limit=500&fields=id${entity === 'customer' ? '' : ',customer'}${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`);
    expect(res.status).toBe(200);
    return (res.body as { data: { id: string; customer?: string }[] }).data;
  };
  const of = (id: string) => ({ '==': [{ var: 'customer' }, id] });

  /** The largest shape drawn in the series' colour: a bar, not its legend icon. */
  const biggestBar = async (chart: Locator, fill: string): Promise<Locator> => {
    const bars = chart.locator(`svg path[fill="${fill}"]`);
    await bars.first().waitFor();
    let best = 0;
    let area = -1;
    for (let i = 0; i < (await bars.count()); i++) {
      const box = await bars.nth(i).boundingBox();
      if (box && box.width * box.height > area) [best, area] = [i, box.width * box.height];
    }
    return bars.nth(best);
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_overview');
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-overview-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('shows a customer’s contacts and activities at a glance, and a timeline newest first', async () => {
    const activities = await list('activity');
    const id = String(activities[0].customer);
    const contacts = await list('contact', of(id));
    const theirs = activities.filter((a) => a.customer === id);
    expect(contacts.length + theirs.length).toBeGreaterThan(1);

    await page.goto(`/app/customer/${id}`);
    const contactTile = page.locator('[data-count="contact.customer"]');
    await expect.poll(() => contactTile.locator('.count').innerText()).toBe(String(contacts.length));
    await expect.poll(() => page.locator('[data-count="activity.customer"] .count').innerText()).toBe(String(theirs.length));
    expect(await contactTile.innerText()).toContain('Contacts');

    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.locator('.entry').first().waitFor();
    const shown = Math.min(10, contacts.length + theirs.length);
    await expect.poll(() => timeline.locator('.entry').count()).toBe(shown);
    const times = await timeline.locator('time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await timeline.locator('.entry').first().innerText()).toMatch(/(Contact|Activity) added/);
    await app.shot(page, '60-customer-overview');

    await contactTile.click();
    await page.waitForURL(at(/^\/app\/contact\?filter=/));
    expect(JSON.parse(new URL(page.url()).searchParams.get('filter') ?? 'null')).toEqual(of(id));
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(contacts.length);
  });

  // Installing sales with its demo data writes thousands of rows: on a busy machine it takes minutes.
  it('adds Opportunities and Orders tabs and counts once sales is installed', async () => {
    const installed = await app.call('POST', '/api/plugins/sales/install', { withDemoData: true });
    expect(installed.status).toBe(200);
    const opportunities = await list('opportunity');
    const id = String(opportunities[0].customer);
    const theirs = opportunities.filter((o) => o.customer === id);

    await page.goto(`/app/customer/${id}`);
    await expect.poll(() => page.locator('[data-count="opportunity.customer"] .count').innerText()).toBe(String(theirs.length));
    await page.locator('[data-count="sales_order.customer"]').waitFor();
    await page.getByRole('tab', { name: 'Orders' }).waitFor();
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    const related = page.locator('[data-related="opportunity"]');
    await expect.poll(() => related.locator('.el-table__row').count()).toBe(theirs.length);
    await app.shot(page, '61-customer-opportunities-tab');
  }, 600_000);

  it('draws the customers dashboard and drills from a bar to the filtered list', async () => {
    await page.goto('/app');
    await page.locator('[data-home="dashboards"]').getByRole('link', { name: 'Customer overview' }).click();
    await page.waitForURL(at(/^\/app\/dashboards\/customers_overview$/));
    await page.getByRole('heading', { name: 'Customer overview' }).waitFor();
    for (const w of ['composition', 'activity']) await page.locator(`[data-widget="${w}"] svg`).first().waitFor();
    await expect.poll(() => page.locator('[data-widget] .el-skeleton').count()).toBe(0);
    expect(await page.locator('[data-widget] .el-alert').count()).toBe(0);
    const described = await page.locator('[data-widget="composition"] [role="img"]').getAttribute('aria-label');
    expect(described).toContain('Customers by region and grade');
    expect(described).toContain('East China');
    await app.shot(page, '62-dashboard');

    const bar = await biggestBar(page.locator('[data-widget="composition"]'), '#5070dd');
    await bar.click();
    await page.waitForURL(at(/^\/app\/customer\?filter=/));
    const filter = JSON.parse(new URL(page.url()).searchParams.get('filter') ?? 'null') as { and: unknown[] };
    expect(JSON.stringify(filter)).toContain('"var":"region"');
    expect(JSON.stringify(filter)).toContain('"var":"grade"');
    const expected = await list('customer', filter);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.el-table__row').count()).toBe(Math.min(50, expected.length));
    await app.shot(page, '63-dashboard-drill-list');

    await page.goBack();
    await page.locator('[data-widget="composition"]').getByRole('button', { name: 'Show as a table' }).click();
    const firstRow = page.locator('[data-widget="composition"] tbody tr').first();
    await firstRow.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(at(/^\/app\/customer\?filter=/));
  });

  it('draws every widget of the sales dashboard: funnel, line, pie and bars', async () => {
    await page.goto('/app/dashboards/sales_overview');
    await page.getByRole('heading', { name: 'Sales overview' }).waitFor();
    const widgets = page.locator('[data-widget]');
    await expect.poll(() => widgets.count()).toBe(9);
    await expect.poll(() => page.locator('[data-widget] .el-skeleton').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('[data-widget] .el-alert').count()).toBe(0);
    await expect.poll(() => page.locator('[data-widget] [role="img"]').count()).toBeGreaterThanOrEqual(7);
    const pipeline = await page.locator('[data-widget="pipeline"] [role="img"]').getAttribute('aria-label');
    expect(pipeline).toMatch(/funnel/i);
    await app.shot(page, '68-sales-dashboard');
  });

  it('speaks Chinese on the dashboard and the customer page', async () => {
    await page.goto('/app/dashboards/customers_overview');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '客户概览' }).waitFor();
    const chart = page.locator('[data-widget="composition"]');
    await chart.locator('svg').first().waitFor();
    await expect.poll(() => chart.locator('svg text').allTextContents().then((t) => t.some((s) => /华|区/.test(s)))).toBe(true);
    await page.getByText('点击柱形或扇区查看对应记录。').waitFor();
    await app.shot(page, '64-dashboard-zh');

    const id = String((await list('activity'))[0].customer);
    await page.goto(`/app/customer/${id}`);
    await page.getByRole('region', { name: '时间线' }).locator('.entry').first().waitFor();
    expect(await page.locator('[data-count="contact.customer"]').innerText()).toContain('联系人');
    await page.getByRole('tab', { name: '销售机会' }).waitFor();
    await app.shot(page, '65-customer-overview-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
  });

  it('fits a phone: one widget per row, the timeline as a tab', async () => {
    const phone = await app.newPage({ width: 375, height: 812 });
    try {
      await phone.page.goto('/app');
      await signIn(phone.page, app);
      await phone.page.waitForURL(at(/^\/app$/));
      await phone.page.goto('/app/dashboards/customers_overview');
      const widgets = phone.page.locator('[data-widget]');
      await phone.page.locator('[data-widget="composition"] svg').first().waitFor();
      const boxes = await widgets.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, width: r.width })));
      expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1);
      for (const b of boxes) expect(b.width).toBeLessThanOrEqual(375);
      await app.shot(phone.page, '66-dashboard-phone');

      const id = String((await list('activity'))[0].customer);
      await phone.page.goto(`/app/customer/${id}`);
      await phone.page.locator('[data-count="contact.customer"]').waitFor();
      expect(await phone.page.locator('.timeline-card').count()).toBe(0);
      await phone.page.getByRole('tab', { name: 'Timeline' }).click();
      await phone.page.getByRole('region', { name: 'Timeline' }).locator('.entry').first().waitFor();
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await app.shot(phone.page, '67-customer-overview-phone');
    } finally {
      await phone.context.close();
    }
  });
});
