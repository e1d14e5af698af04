import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signFormToken, smtpSink } from '../../core/plugins/testing.js';
import { findTenant } from '../../core/tenants/tenant-store.js';
import { bulkMailQueue, databaseTenantEnv } from '../../core/work/index.js';
import { startWorkflowWorker, type WorkflowWorker } from '../../core/workflow/index.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

type Row = Record<string, any>;
const CUSTOMER = 'Lotus Trading E2E';
const CAMPAIGN = 'Autumn seminar E2E';

/**
 * A marketer's round in the browser, on one tenant with the marketing plugin: builds a
 * segment, creates a campaign, adds the segment's members, chooses their channels, approves
 * and sends the invitation (a worker delivers it to an SMTP server on 127.0.0.1); a visitor
 * signs up on the campaign's landing page; the marketer makes the response a lead; the won
 * deal (set up through the API) shows as the campaign's return on the dashboard, in English
 * and in Chinese.
 */
describe('marketing: segment to campaign to sent mail to landing page to lead to ROI', () => {
  let app: E2eApp;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let worker: WorkflowWorker;
  let context: BrowserContext;
  let page: Page;
  let campaignId = '';
  const problems: string[] = [];
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await app.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Row;
  };
  const list = async (entity: string, filter: unknown) => (await ok('GET', `/api/records/${entity}?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=50`)).data as Row[];
  /** Runs a record action from its button and dialog; answers the server's answer. */
  const runAction = async (name: string, label: string, inputs: Record<string, string> = {}) => {
    await page.locator(`[data-action="${name}"]`).click();
    const dialog = page.getByRole('dialog', { name: label });
    for (const [field, value] of Object.entries(inputs)) await dialog.getByLabel(field).fill(value);
    const ran = page.waitForResponse((r) => r.url().endsWith(`/actions/${name}`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const res = await ran;
    expect(res.status(), JSON.stringify(await res.json())).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    return (await res.json()) as Row;
  };
  const choose = async (field: string, option: string) => {
    await page.locator(`[data-field="${field}"] .el-select`).click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: option }).first().click();
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_marketing');
    sink = await smtpSink();
    worker = await startWorkflowWorker(app.db, {
      tenants: databaseTenantEnv(app.db.knex),
      services: { mail: { transport: sink.transport, from: 'crm@e2e-mkt.test' } },
      queues: [bulkMailQueue()],
      pollSeconds: 0.5,
      queue: { schedule: false },
    });
    // The marketing plugin brings the sales plugin it requires.
    await ok('POST', '/api/plugins/marketing/install', { withDemoData: false });
    const customer = (await ok('POST', '/api/records/customer', { name: CUSTOMER, status: 'active' })).id;
    for (const [name, email] of [['Ada Wong', 'ada@e2e-mkt.test'], ['Bo Chen', 'bo@e2e-mkt.test']]) await ok('POST', '/api/records/contact', { customer, name, email });
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  }, 600_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-marketing-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await worker?.stop();
    await app?.close();
    await sink?.close();
  });

  it('builds a segment, creates a campaign, adds the members and sends the invitation', async () => {
    await page.goto('/app/segment/new');
    await page.getByLabel('Name', { exact: true }).fill('Lotus contacts');
    await choose('source', 'Contacts');
    await page.locator('[data-field="filter"] textarea').fill(JSON.stringify({ '==': [{ var: 'customer.name' }, CUSTOMER] }));
    const segment = page.waitForResponse((r) => r.url().endsWith('/api/records/segment') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await segment).status()).toBe(201);
    await page.waitForURL(at(/^\/app\/segment\/[0-9a-f-]{36}$/));

    await page.goto('/app/campaign/new');
    await page.getByLabel('Name', { exact: true }).fill(CAMPAIGN);
    await choose('type', 'E-mail');
    await page.getByLabel('E-mail template').fill('campaign_invitation');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/records/campaign') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save' }).click();
    const campaign = await created;
    expect(campaign.status()).toBe(201);
    campaignId = ((await campaign.json()) as Row).id;
    await page.waitForURL(at(/^\/app\/campaign\/[0-9a-f-]{36}$/));
    await page.getByRole('heading', { name: CAMPAIGN }).waitFor();

    expect(await runAction('add_segment', 'Add a segment', { 'Segment (name)': 'Lotus contacts' })).toMatchObject({ matched: 2, created: 2 });
    await expect.poll(() => page.locator('[data-field="members"]').innerText()).toContain('2');
    expect(await runAction('plan_outreach', 'Choose channels by rules')).toMatchObject({ channels: { email: 2 } });
    const approved = page.waitForResponse((r) => r.url().endsWith('/transitions/approve') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    expect((await approved).status()).toBe(200);
    await page.locator('[data-field="status"]').getByText('Approved').waitFor();
    expect(await runAction('send_email', 'Send the e-mail')).toMatchObject({ recipients: 2, status: 'queued' });
    await app.shot(page, 'marketing-01-campaign-sent');

    // The worker sends the queued invitation to the SMTP server.
    await expect.poll(() => sink.messages.length, { timeout: 30_000 }).toBe(2);
    expect(sink.messages.map((m) => m.subject)).toEqual([`${CAMPAIGN}: you are invited`, `${CAMPAIGN}: you are invited`]);
    expect(sink.messages.map((m) => String(m.text)).join('\n')).toContain(`We would like to invite ${CUSTOMER}`);
    await expect.poll(async () => (await list('campaign_member', { '==': [{ var: 'campaign' }, campaignId] })).map((m) => m.status), { timeout: 15_000 }).toEqual(['sent', 'sent']);
  });

  it('takes a sign-up from the campaign’s landing page and makes it a lead', async () => {
    const code = String((await ok('GET', `/api/records/campaign/${campaignId}`)).code);
    const visitor = await app.browser.newContext({ baseURL: app.url, locale: 'en-US' });
    try {
      const form = await visitor.newPage();
      await form.goto(`/api/public/${app.tenant}/forms/campaign_response`);
      await form.getByLabel('Campaign no. (see the invitation)').fill(code);
      await form.getByLabel('Your name').fill('Ada Wong');
      await form.getByLabel('Company').fill(CUSTOMER);
      await form.getByLabel('E-mail').fill('ada@e2e-mkt.test');
      await form.getByLabel('Message').fill('Two seats, please.');
      // The form drops sign-ups sent faster than a person fills it in: this visitor took a minute.
      const tenant = (await findTenant(app.db.knex, app.tenant))!;
      const token = await signFormToken(app.db.knex, { tenantId: tenant.id, form: 'campaign_response', now: new Date(Date.now() - 60_000) });
      await form.locator('input[name="_token"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), token);
      await form.getByRole('button', { name: 'Send' }).click();
      await form.getByText('Thank you! We look forward to seeing you.').waitFor();
    } finally {
      await visitor.close();
    }
    const [response] = await list('campaign_response', { '==': [{ var: 'campaign' }, campaignId] });
    expect(response).toMatchObject({ kind: 'web_form', name: 'Ada Wong', email: 'ada@e2e-mkt.test' });

    await page.goto(`/app/campaign_response/${response.id}`);
    const made = await runAction('create_lead', 'Create a lead');
    expect(made.lead).toMatchObject({ source_campaign: campaignId });
    await page.locator('[data-field="lead"]').getByText(/\S/).first().waitFor();
    expect(await page.locator('[data-field="lead"]').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // The sales side (not the point here): the lead qualified, converted and won; the campaign's cost.
    const lead = made.lead.id;
    await ok('POST', `/api/records/lead/${lead}/transitions/qualify`, {});
    const opp = (await ok('POST', `/api/records/lead/${lead}/actions/convert`, { amount: 5000, title: 'Seminar seats', expected_close_date: '2026-12-30' })).opportunity;
    for (const t of ['qualify', 'propose', 'negotiate', 'win']) await ok('POST', `/api/records/opportunity/${opp.id}/transitions/${t}`, {});
    await ok('POST', '/api/records/campaign_cost', { campaign: campaignId, category: 'venue', amount: 1000 });
    expect(await ok('GET', `/api/records/campaign/${campaignId}`)).toMatchObject({ responses: 1, leads: 1, won_revenue: 5000, actual_cost: 1000, roi: 400 });
  });

  it('shows the campaign’s return on the dashboard and its ROI on the campaign, in English and in Chinese', async () => {
    const roiRow = async (p: Page) => {
      const widget = p.locator('[data-widget="roi"]');
      await widget.locator('svg').first().waitFor();
      await widget.getByRole('button', { name: /table|表格/ }).click();
      const row = widget.locator('tbody tr').filter({ hasText: CAMPAIGN });
      await row.waitFor();
      return row.innerText();
    };
    await page.goto('/app/dashboards/marketing_overview');
    await page.getByRole('heading', { name: 'Marketing overview' }).waitFor();
    const english = await roiRow(page);
    expect(english).toMatch(/1,000/);
    expect(english).toMatch(/5,000/);
    await app.shot(page, 'marketing-02-dashboard');
    await page.goto(`/app/campaign/${campaignId}`);
    await expect.poll(() => page.locator('[data-field="roi"]').innerText()).toMatch(/400/);

    const zh = await app.newPage({ locale: 'zh-CN' });
    try {
      await zh.page.goto('/app');
      await signIn(zh.page, app, { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' });
      await zh.page.waitForURL(at(/^\/app$/));
      await zh.page.goto('/app/dashboards/marketing_overview');
      await zh.page.getByRole('heading', { name: '营销概览' }).waitFor();
      await zh.page.locator('[data-widget="roi"]').getByText('营销活动投资回报').waitFor();
      const chinese = await roiRow(zh.page);
      expect(chinese).toMatch(/1,000/);
      expect(chinese).toMatch(/5,000/);
      await app.shot(zh.page, 'marketing-03-dashboard-zh');
    } finally {
      await zh.context.close();
    }
  });
});
