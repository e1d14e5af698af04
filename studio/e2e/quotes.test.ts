import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoContractTemplate } from '../../plugins/sales/seed/contract-template.js';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

type Row = Record<string, any>;
const QUOTE = 'Data centre expansion E2E';

/**
 * A rep's quote in the browser: approved within the discount limit, its contract generated
 * from the uploaded Word template and attached, sent, accepted into a sales order; then the
 * same quote read in Chinese with its contract and order.
 */
describe('sales: quote to contract to order', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  let quoteId = '';
  const problems: string[] = [];
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await app.call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Row;
  };
  const take = async (name: string, label: string, confirm = false) => {
    const taken = page.waitForResponse((r) => r.url().endsWith(`/transitions/${name}`) && r.request().method() === 'POST');
    await page.locator(`button[data-transition="${name}"]`).click();
    if (confirm) await page.locator('.el-message-box').getByRole('button', { name: label }).click();
    const res = await taken;
    expect(res.status(), JSON.stringify(await res.json())).toBe(200);
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_quotes');
    await ok('POST', '/api/plugins/sales/install', { withDemoData: false });
    const customer = (await ok('POST', '/api/records/customer', { name: 'Lotus Trading E2E', status: 'active' })).id;
    const product = (await ok('POST', '/api/records/product', { sku: 'SRV-E2E', name: 'Rack server', price: 20000, category: 'hardware' })).id;
    for (const language of ['en', 'zh-CN'] as const) {
      const res = await fetch(`${app.url}/api/files?entity=document_template&field=file`, {
        method: 'POST',
        headers: { authorization: (await tokenOf(app)) as string, 'x-file-name': `contract-${language}.docx`, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
        body: new Uint8Array(demoContractTemplate(language)),
      });
      expect(res.status).toBe(201);
      await ok('POST', '/api/records/document_template', { name: `Contract ${language}`, language, file: await res.json() });
    }
    quoteId = (await ok('POST', '/api/records/quote', { title: QUOTE, customer, language: 'en', email: 'buyer@lotus.test', valid_until: '2027-03-31' })).id;
    await ok('POST', '/api/records/quote_line', { quote: quoteId, product, quantity: 2, discount_pct: 5 });
    ({ context, page } = await app.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app);
    await page.waitForURL(at(/^\/app$/));
  }, 600_000);
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await app.shot(page, `failed-quotes-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
      if (problems.length) console.error(problems.join('\n'));
    }
    problems.length = 0;
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('approves the quote, generates its contract, sends it and turns the acceptance into an order', async () => {
    await page.goto(`/app/quote/${quoteId}`);
    await page.getByRole('heading', { name: QUOTE }).waitFor();
    await expect.poll(() => page.locator('[data-field="total"]').innerText()).toMatch(/38,000/);
    await take('approve', 'Approve (discount within limit)');
    await page.locator('[data-field="status"]').getByText('Approved').waitFor();

    await page.locator('[data-action="generate_contract"]').click();
    const dialog = page.getByRole('dialog', { name: 'Generate contract' });
    const generated = page.waitForResponse((r) => r.url().endsWith('/actions/generate_contract') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const res = await generated;
    expect(res.status()).toBe(200);
    await expect.poll(() => page.locator('[data-field="contract_file"]').innerText()).toMatch(/-v1-contract\.docx/);
    await expect.poll(() => page.locator('[data-field="contract_template_version"]').innerText()).toContain('1');

    await take('send', 'Send by e-mail');
    await page.locator('[data-field="status"]').getByText('Sent').waitFor();
    await take('accept', 'Customer accepted (make the order)', true);
    await page.locator('[data-field="status"]').getByText('Accepted').waitFor();
    await expect.poll(() => page.locator('[data-field="sales_order"]').innerText()).toMatch(/SO\d{8}/);
    await app.shot(page, 'quotes-01-accepted');
    const quote = await ok('GET', `/api/records/quote/${quoteId}`);
    expect(await ok('GET', `/api/records/sales_order/${quote.sales_order}`)).toMatchObject({ total: 38000, line_count: 1 });
  });

  it('shows the accepted quote, its contract and its order in Chinese', async () => {
    const zh = await app.newPage({ locale: 'zh-CN' });
    try {
      await zh.page.goto('/app');
      await signIn(zh.page, app, { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' });
      await zh.page.waitForURL(at(/^\/app$/));
      await zh.page.goto(`/app/quote/${quoteId}`);
      await zh.page.getByRole('heading', { name: QUOTE }).waitFor();
      await zh.page.locator('[data-field="status"]').getByText('已接受').waitFor();
      await expect.poll(() => zh.page.locator('[data-field="contract_file"]').innerText()).toMatch(/contract\.docx/);
      await expect.poll(() => zh.page.locator('[data-field="sales_order"]').innerText()).toMatch(/SO\d{8}/);
      await zh.page.getByText('报价明细').first().waitFor();
      await app.shot(zh.page, 'quotes-02-accepted-zh');
    } finally {
      await zh.context.close();
    }
  });
});

/** The admin's bearer header, as the harness's API helper sends it. */
const tokenOf = async (app: E2eApp): Promise<string> => {
  const res = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: app.tenant, email: app.email, password: app.password }) });
  return `Bearer ${((await res.json()) as { token: string }).token}`;
};
