import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

const pad = (n: number) => String(n).padStart(2, '0');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** The list page's other views: the kanban board, the calendar, saved views and bulk actions on selected rows. */
describe('list views in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const record = async (entity: string, id: string) => (await app.call('GET', `/api/records/${entity}/${id}`)).body as Record<string, unknown>;

  beforeAll(async () => {
    app = await startE2eApp('e2e_views');
    const sales = await app.call('POST', '/api/plugins/sales/install', { withDemoData: true });
    expect(sales.status).toBe(200);
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-views-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('switches to the pipeline board and drags a card to the next stage through its transition', async () => {
    await page.goto('/app/opportunity');
    await page.locator('.el-table__row').first().waitFor();
    await page.locator('.view-switcher').getByText('Pipeline board').click();
    await page.waitForURL(at(/view=opportunity_pipeline/));
    const prospecting = page.locator('.column-cards[data-column="prospecting"]');
    const card = prospecting.locator('.kanban-card').first();
    await card.waitFor();
    const id = String(await card.getAttribute('data-id'));
    expect(await page.locator('.kanban-column[data-column="won"] .column-title').innerText()).toBe('Won');
    await app.shot(page, '60-kanban-board');

    const moved = page.waitForResponse((r) => r.url().endsWith(`/${id}/transitions/qualify`) && r.request().method() === 'POST');
    await card.dragTo(page.locator('.column-cards[data-column="qualification"]'));
    expect((await moved).status()).toBe(200);
    await page.locator(`.column-cards[data-column="qualification"] .kanban-card[data-id="${id}"]`).waitFor();
    await expect.poll(async () => (await record('opportunity', id)).stage).toBe('qualification');
    await app.shot(page, '61-kanban-moved');
  });

  it('puts a card back and says why when no transition leads to the column chosen from its move menu', async () => {
    const card = page.locator('.column-cards[data-column="prospecting"] .kanban-card').first();
    const id = String(await card.getAttribute('data-id'));
    await card.locator('.move-button').click();
    await page.locator('.el-dropdown-menu:visible').getByRole('menuitem', { name: 'Won' }).click();
    await page.getByText('No transition leads from “Prospecting” to “Won”.').waitFor();
    await page.locator(`.column-cards[data-column="prospecting"] .kanban-card[data-id="${id}"]`).waitFor();
    expect(await page.locator(`.column-cards[data-column="won"] .kanban-card[data-id="${id}"]`).count()).toBe(0);
    expect((await record('opportunity', id)).stage).toBe('prospecting');
  });

  it('moves a customer to another grade on the plain enum board, and a concurrent change conflicts instead of overwriting', async () => {
    await page.goto('/app/customer?view=customer_by_grade');
    const normal = page.locator('.column-cards[data-column="normal"]');
    const first = normal.locator('.kanban-card').first();
    await first.waitFor();
    const id = String(await first.getAttribute('data-id'));
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/records/customer/${id}`) && r.request().method() === 'PATCH');
    await first.dragTo(page.locator('.column-cards[data-column="prospect_key"]'));
    const res = await saved;
    expect(res.status()).toBe(200);
    expect(res.request().headers()['if-match']).toBeTruthy();
    await expect.poll(async () => (await record('customer', id)).grade).toBe('prospect_key');

    const other = normal.locator('.kanban-card').first();
    const otherId = String(await other.getAttribute('data-id'));
    const current = await record('customer', otherId);
    expect((await app.call('PATCH', `/api/records/customer/${otherId}`, { satisfaction: 4 }, { 'If-Match': String(current.version) })).status).toBe(200);
    await other.dragTo(page.locator('.column-cards[data-column="prospect_key"]'));
    await page.getByText('Someone changed this record meanwhile; the board was reloaded.').waitFor();
    await page.locator(`.column-cards[data-column="normal"] .kanban-card[data-id="${otherId}"]`).waitFor();
    expect((await record('customer', otherId)).grade).toBe('normal');
    await app.shot(page, '66-enum-board-conflict');
  });

  it('shows the plan calendar for the month, opens a record from it and offers a new one on a day', async () => {
    const open = encodeURIComponent(JSON.stringify({ '==': [{ var: 'stage' }, 'prospecting'] }));
    const opp = (await app.call('GET', `/api/records/opportunity?limit=1&filter=${open}`)).body as { data: { id: string }[] };
    const created = await app.call('POST', '/api/records/development_plan', { opportunity: opp.data[0].id, planned_date: today(), step: 'Calendar check call' });
    expect(created.status).toBe(201);
    await page.goto('/app/development_plan?view=development_plan_calendar');
    const day = page.locator(`.day[data-day="${today()}"]`);
    const event = day.locator('.event').filter({ hasText: 'Calendar check call' });
    await event.waitFor();
    expect(await page.locator('.month .day').count()).toBeGreaterThanOrEqual(28);
    await app.shot(page, '62-calendar-month');

    await day.hover();
    await day.locator('.new-on').click();
    await page.waitForURL(at(new RegExp(`^/app/development_plan/new\\?planned_date=${today()}$`)));
    await expect.poll(() => page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain(today());
    await page.goBack();
    await page.getByRole('button', { name: 'Leave' }).click();
    await event.click();
    await page.waitForURL(at(new RegExp(`^/app/development_plan/${(created.body as { id: string }).id}$`)));
  });

  it('shows a week agenda and the board on a phone, with views picked from a select', async () => {
    const phone = await app.newPage({ width: 375, height: 812 });
    try {
      await phone.page.goto('/app');
      await signIn(phone.page, app);
      await phone.page.waitForURL(at(/^\/app$/));
      await phone.page.goto('/app/development_plan?view=development_plan_calendar');
      await phone.page.locator(`.agenda-day[data-day="${today()}"] .event`).filter({ hasText: 'Calendar check call' }).waitFor();
      await app.shot(phone.page, '63-calendar-phone');
      await phone.page.goto('/app/opportunity');
      await phone.page.locator('[data-record-cards] li .card-link').first().waitFor();
      await phone.page.locator('.view-select').click();
      await phone.page.getByRole('option', { name: 'Pipeline board · Board' }).click();
      await phone.page.waitForURL(at(/view=opportunity_pipeline/));
      await phone.page.locator('.column-cards[data-column="prospecting"] .kanban-card').first().waitFor();
      await app.shot(phone.page, '67-kanban-phone');
    } finally {
      await phone.context.close();
    }
  });

  it('saves the current filter as a view and picks it again after a reload', async () => {
    const filter = { '==': [{ var: 'status' }, 'active'] };
    await page.goto(`/app/customer?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    await page.locator('.el-table__row').first().waitFor();
    await page.locator('.saved-toggle').click();
    await page.getByText('No saved views yet').waitFor();
    await page.getByRole('button', { name: 'Save current view' }).click();
    await page.locator('.saved-name input').fill('Active customers');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/views/customer/saved') && r.request().method() === 'POST');
    await page.locator('.saved-submit').click();
    expect((await saved).status()).toBe(201);
    await page.waitForURL(at(/saved=/));

    await page.goto('/app/customer');
    await page.locator('.el-table__row').first().waitFor();
    await page.locator('.saved-toggle').click();
    const listed = page.waitForResponse((r) => r.url().includes('/api/records/customer?') && decodeURIComponent(r.url()).includes('"status"'));
    await page.locator('[data-saved="Active customers"] .pick').click();
    expect((await listed).status()).toBe(200);
    await page.waitForURL(at(/saved=/));
    await page.reload();
    await page.getByRole('button', { name: 'View: Active customers' }).waitFor();
    await app.shot(page, '64-saved-view');
  });

  it('deletes selected records after confirming, then restores them with Undo', async () => {
    await page.goto('/app/activity');
    const rows = page.locator('.el-table__row');
    await rows.nth(1).waitFor();
    const ids = await Promise.all([0, 1].map(async (i) => String(await rows.nth(i).locator('a.row-link').getAttribute('href')).split('/').pop()!));
    for (const i of [0, 1]) await rows.nth(i).locator('.el-checkbox').click();
    await page.getByText('2 selected').waitFor();
    await app.shot(page, '65-bulk-selected');
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await page.getByText('Delete 2 records? You can undo right after.').waitFor();
    await page.locator('.el-message-box').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('2 records deleted').waitFor();
    for (const id of ids) expect((await app.call('GET', `/api/records/activity/${id}`)).status).toBe(404);
    await page.locator('.undo-bar').getByRole('button', { name: 'Undo' }).click();
    await page.getByText('2 records restored').waitFor();
    for (const id of ids) expect((await app.call('GET', `/api/records/activity/${id}`)).status).toBe(200);
    await page.locator(`a.row-link[href$="${ids[0]}"]`).waitFor();
  });
});
