import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/http/test-server.js';
import { createDemoUsers } from '../../core/provisioning/demo-users.js';
import { getTenant } from '../../core/tenants/tenant-store.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

type Call = ReturnType<typeof api>;
/** Polls with a deadline: lists and tiles load over a busy machine. */
const POLL = { timeout: 15_000 };
interface Tile { name: string; count: number; records?: { id: string }[] }

/**
 * A demo rep's day: the home page's tiles (declared by the workspace, sales and service
 * plugins, answered under her row scope), the header's search with the keyboard, and a
 * list's total, in English and in Chinese, and on a phone.
 */
describe('my day: home tiles, search everywhere, list totals', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  let lihua: Call;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startE2eApp('e2e_myday');
    for (const [plugin, withDemoData] of [['products', false], ['sales', false], ['service', false], ['workspace', true]] as const) {
      const res = await app.call('POST', `/api/plugins/${plugin}/install`, { withDemoData });
      if (res.status !== 200) throw new Error(`installing ${plugin} failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    // The demo users the plugins declare, with the demo records shared out among them.
    const me = await app.call('GET', '/api/auth/me');
    const adminId = String((me.body as { user?: { id: string }; id?: string }).user?.id ?? (me.body as { id: string }).id);
    await createDemoUsers({ tenant: await getTenant(app.db.knex, app.tenant), password: app.password, adminId }, { knex: app.db.knex });
    const login = await api(app.url)('POST', '/api/auth/login', { tenant: app.tenant, email: `lihua@${app.tenant}.local`, password: app.password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    lihua = api(app.url, String((login.body as { token: string }).token));
    const customers = (await lihua('GET', '/api/records/customer?limit=2&fields=id')).body as { data: { id: string }[] };
    // Her opportunities walk the stages as a rep's would: two at proposal, one in negotiation.
    for (const [title, steps, amount] of [['扩产设备采购', ['qualify', 'propose'], 480000], ['Annual service renewal', ['qualify', 'propose', 'negotiate'], 120000], ['New plant automation', ['qualify', 'propose'], 36000]] as const) {
      const made = await lihua('POST', '/api/records/opportunity', { title, amount, customer: customers.data[0].id, expected_close_date: '2027-01-31' });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      for (const step of steps) {
        const moved = await lihua('POST', `/api/records/opportunity/${String((made.body as { id: string }).id)}/transitions/${step}`, {});
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      }
    }
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto('/app');
    await signIn(page, { ...app, email: `lihua@${app.tenant}.local` });
    await page.waitForURL(at(/^\/app$/));
  }, 900_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-my-day-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it("shows the rep's tiles: her tasks, her pipeline by stage with amounts, and empty states", async () => {
    const home = (await lihua('GET', '/api/home')).body as { tiles: Tile[] };
    const byName = Object.fromEntries(home.tiles.map((t) => [t.name, t]));
    expect(Object.keys(byName)).toEqual(['my_tasks_due', 'my_appointments_today', 'my_pipeline', 'my_approvals', 'my_overdue_cases', 'recent_customers']);
    expect(byName.my_tasks_due.count).toBeGreaterThan(0);
    const tasks = page.locator('[data-tile="my_tasks_due"]');
    await expect.poll(() => tasks.locator('[data-tile-count]').innerText(), POLL).toBe(String(byName.my_tasks_due.count));
    await expect.poll(() => tasks.locator('.tile-row').count(), POLL).toBe(byName.my_tasks_due.records!.length);
    expect(await tasks.getByRole('heading').innerText()).toBe('My open tasks due today or overdue');

    const pipeline = page.locator('[data-tile="my_pipeline"]');
    await expect.poll(() => pipeline.locator('[data-tile-count]').innerText(), POLL).toBe('3');
    // Stages in their order, by their labels, with money.
    expect(await pipeline.locator('tr[data-group] th').allInnerTexts()).toEqual(['Proposal', 'Negotiation']);
    expect(await pipeline.locator('tr[data-group="proposal"]').innerText()).toMatch(/516,000/);
    expect(await pipeline.locator('tr.total').innerText()).toMatch(/636,000/);

    expect(await page.locator('[data-tile="my_approvals"] [data-tile-empty]').innerText()).toBe('Nothing waits for your approval.');
    expect(await page.locator('[data-tile="my_overdue_cases"] [data-tile-empty]').innerText()).toBe('No service case is past its due time.');
    await app.shot(page, '90-my-day-home');

    await tasks.locator('.tile-row').first().click();
    await page.waitForURL(at(new RegExp(`^/app/task/${byName.my_tasks_due.records![0].id}$`)));
  });

  it('searches everything from the header: results grouped by entity, arrows move, Esc closes, Enter opens', async () => {
    const mine = (await lihua('GET', '/api/records/customer?limit=1&fields=id,name&sort=name')).body as { data: { id: string; name: string }[] };
    const word = mine.data[0].name.slice(0, 4);
    const found = (await lihua('GET', `/api/search?q=${encodeURIComponent(word)}`)).body as { groups: { entity: string; records: { id: string; title: string }[] }[] };
    expect(found.groups.length).toBeGreaterThan(0);
    const box = page.locator('[data-global-search] input');
    await box.fill(word);
    const results = page.locator('[data-global-results]');
    await results.waitFor();
    await expect.poll(() => results.locator('[data-result-group]').count(), POLL).toBe(found.groups.length);
    expect(await results.locator('[data-result-group]').first().innerText()).toBe('Customers');
    const options = results.getByRole('option');
    await expect.poll(() => options.first().getAttribute('aria-selected'), POLL).toBe('true');
    if ((await options.count()) > 1) {
      await box.press('ArrowDown');
      await expect.poll(() => options.nth(1).getAttribute('aria-selected'), POLL).toBe('true');
      await box.press('ArrowUp');
      await expect.poll(() => options.first().getAttribute('aria-selected'), POLL).toBe('true');
    }
    await app.shot(page, '91-global-search');
    await box.press('Escape');
    await results.waitFor({ state: 'detached' });
    await box.press('ArrowDown');
    await results.waitFor();
    await box.press('Enter');
    const first = found.groups[0];
    await page.waitForURL(at(new RegExp(`^/app/${first.entity}/${first.records[0].id}$`)));
    await page.getByRole('heading', { name: first.records[0].title }).first().waitFor();
  });

  it('lists the records opened last, across entities and newest first, on the home page', async () => {
    // The task opened from its tile and the record opened from the search, the latest first
    // (the record page notes a visit as it opens: wait for the second note to land).
    let recent: { entity: string; title: string }[] = [];
    await expect
      .poll(async () => {
        recent = ((await lihua('GET', '/api/recent')).body as { data: { entity: string; title: string }[] }).data;
        return recent.length;
      }, POLL)
      .toBeGreaterThanOrEqual(2);
    expect(new Set(recent.map((r) => r.entity)).size).toBeGreaterThanOrEqual(2);
    await page.goto('/app');
    const card = page.locator('[data-tile="recent"]');
    await expect.poll(() => card.locator('.tile-row').count(), POLL).toBe(recent.length);
    expect(await card.getByRole('heading').innerText()).toBe('Recently viewed');
    expect(await card.locator('.tile-title').first().innerText()).toBe(recent[0].title);
    await card.locator('.tile-row').nth(1).click();
    await page.getByRole('heading', { name: recent[1].title }).first().waitFor();
  });

  it('shows a list total, sorts ascending on the first header click, and keeps order lines out of the menu', async () => {
    const total = ((await lihua('GET', '/api/records/customer?limit=1&total=true')).body as { total: number }).total;
    expect(total).toBeGreaterThan(50);
    await page.goto('/app/customer');
    await expect.poll(() => page.locator('[data-list-total]').innerText(), POLL).toBe(`1–50 of ${total}`);
    const sorted = page.waitForRequest((r) => r.url().includes('/api/records/customer?') && new URL(r.url()).searchParams.get('sort') !== null);
    await page.locator('.el-table__header th').filter({ hasText: 'Name' }).first().click();
    expect(new URL((await sorted).url()).searchParams.get('sort')).toBe('name');
    const nav = page.locator('.shell-aside');
    await nav.getByText('Opportunities').first().waitFor();
    expect(await nav.getByText('Order lines').count()).toBe(0);
    expect(await nav.getByText('Attendees').count()).toBe(0);
  });

  it('says it all in Chinese', async () => {
    await page.goto('/app');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.locator('[data-tile="my_pipeline"] h2').innerText(), POLL).toBe('我的商机（按阶段）');
    expect(await page.locator('[data-tile="my_approvals"] [data-tile-empty]').innerText()).toBe('没有等待您审批的事项。');
    expect(await page.locator('[data-tile="my_pipeline"] tr[data-group] th').allInnerTexts()).toEqual(['方案报价', '商务谈判']);
    expect(await page.locator('[data-tile="recent"] h2').innerText()).toBe('最近查看');
    await app.shot(page, '92-my-day-home-zh');
    await page.goto('/app/customer');
    await expect.poll(() => page.locator('[data-list-total]').innerText(), POLL).toMatch(/^第 1–50 条，共 \d+ 条$/);
    expect(await page.locator('[data-global-search] input').getAttribute('placeholder')).toBe('搜索全部…');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('fits a phone: tiles in one column, the search in the header, lists as cards', async () => {
    const phone = await app.newPage({ width: 390, height: 844 });
    try {
      await phone.page.goto('/app');
      await signIn(phone.page, { ...app, email: `lihua@${app.tenant}.local` });
      await phone.page.waitForURL(at(/^\/app$/));
      await phone.page.locator('[data-tile="my_pipeline"] tr[data-group]').first().waitFor();
      const boxes = await phone.page.locator('[data-tile]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
      for (const w of boxes) expect(w).toBeLessThanOrEqual(390);
      await phone.page.locator('[data-global-search] input').waitFor();
      // The header fits: the search shrinks, the language buttons stay whole.
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const zh = await phone.page.getByRole('button', { name: '中文' }).boundingBox();
      expect(zh && zh.x + zh.width).toBeLessThanOrEqual(390);
      expect(zh?.width).toBeGreaterThan(20);
      await app.shot(phone.page, '93-my-day-phone');
      // A list on a phone: cards with the title and two key fields, the tools folded into one toggle.
      await phone.page.goto('/app/customer');
      const cards = phone.page.locator('[data-record-cards] li');
      await expect.poll(() => cards.count(), POLL).toBe(50);
      expect(await cards.first().locator('.card-field').count()).toBe(2);
      expect(await phone.page.locator('[data-list-tools]').isVisible()).toBe(false);
      await phone.page.locator('[data-list-tools-toggle]').click();
      await phone.page.locator('[data-list-tools]').getByRole('button', { name: 'Filter' }).waitFor();
      expect(await phone.page.locator('[data-list-total]').innerText()).toMatch(/^1–50 of \d+$/);
      await app.shot(phone.page, '94-list-cards-phone');
    } finally {
      await phone.context.close();
    }
  });
});
