import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, signIn, startE2eApp, type E2eApp } from './harness.js';

type Row = Record<string, any>;

/**
 * Warranty in a browser: a serial number looked up on /app/warranty (in English), then the
 * warranty panel of the service cases naming that unit, another unit out of warranty, and
 * only a product (in Chinese).
 */
describe('warranty lookup and the service case warranty panel', () => {
  let app: E2eApp;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const ids: Row = {};
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10); // the e2e tenant's zone is UTC

  const make = async (entity: string, values: Row): Promise<Row> => {
    const res = await app.call('POST', `/api/records/${entity}`, values);
    if (res.status !== 201) throw new Error(`creating ${entity} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const open = async (locale?: string): Promise<Page> => {
    const { context, page } = await app.newPage(locale ? { locale } : {});
    contexts.push(context);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto('/app');
    await signIn(page, app, locale === 'zh-CN' ? { tenant: '租户', email: '邮箱', password: '密码', submit: '登录' } : undefined);
    await page.waitForURL(at(/^\/app$/));
    return page;
  };

  beforeAll(async () => {
    app = await startE2eApp('e2e_warranty');
    for (const plugin of ['products', 'service']) {
      const installed = await app.call('POST', `/api/plugins/${plugin}/install`, {});
      if (installed.status !== 200) throw new Error(`installing ${plugin} failed: ${JSON.stringify(installed.body)}`);
    }
    const customer = await make('customer', { name: 'Suzhou Precision Machinery' });
    const product = await make('product', { sku: 'CNC-500', name: 'CNC machining centre', price: 50000, category: 'hardware' });
    const covered = await make('serial_number', { product: product.id, serial: 'CNC-E2E-001' });
    const lapsed = await make('serial_number', { product: product.id, serial: 'CNC-E2E-002' });
    ids.contract = await make('service_contract', { title: 'Factory warranty CNC-E2E-001', customer: customer.id, product: product.id, serial_number: covered.id, kind: 'warranty', start_date: day(-30), end_date: day(335) });
    ids.expired = await make('service_contract', { title: 'Warranty CNC-E2E-002 (ended)', customer: customer.id, product: product.id, serial_number: lapsed.id, kind: 'warranty', start_date: day(-400), end_date: day(-35) });
    ids.caseCovered = (await make('service_case', { subject: 'Spindle noise', customer: customer.id, type: 'repair', product: product.id, serial_number: covered.id })).id;
    ids.caseLapsed = (await make('service_case', { subject: 'Coolant leak', customer: customer.id, type: 'repair', product: product.id, serial_number: lapsed.id })).id;
  }, 600_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await app?.close();
  });

  it('looks a serial number up and shows the same warranty on the case that names the unit', async () => {
    const page = await open();
    await page.goto('/app/warranty');
    await page.getByRole('textbox', { name: 'Serial number' }).fill('CNC-E2E-001');
    await page.locator('[data-test=warranty-look-up]').click();
    await expect.poll(() => page.locator('[data-test=warranty-state]').innerText()).toBe('In warranty');
    expect(await page.locator('[data-test=warranty-contract]').innerText()).toBe('Factory warranty CNC-E2E-001');

    await page.goto(`/app/service_case/${ids.caseCovered}`);
    await page.getByRole('tab', { name: 'Warranty' }).click();
    const panel = page.locator('[data-section="warranty"]');
    await expect.poll(() => panel.locator('[data-test=case-warranty-state]').innerText()).toBe('In warranty');
    expect(await panel.locator('[data-test=case-warranty-serial]').innerText()).toBe('CNC-E2E-001');
    expect(await panel.locator('[data-test=case-warranty-contract]').innerText()).toBe('Factory warranty CNC-E2E-001');
    await app.shot(page, 'warranty-case-en');
    // From the panel to the lookup of the unit.
    await panel.getByRole('link', { name: 'Open in the warranty lookup' }).click();
    await page.waitForURL(at(/\/app\/warranty\?serial=CNC-E2E-001$/));
    await expect.poll(() => page.locator('[data-test=warranty-state]').innerText()).toBe('In warranty');
    expect(problems).toEqual([]);
  });

  it('shows a unit out of warranty, and a case with only a product, in Chinese', async () => {
    const page = await open('zh-CN');
    await page.goto(`/app/service_case/${ids.caseLapsed}`);
    await page.getByRole('tab', { name: '保修' }).click();
    const panel = page.locator('[data-section="warranty"]');
    await expect.poll(() => panel.locator('[data-test=case-warranty-state]').innerText()).toBe('已过保');
    expect(await panel.locator('[data-test=case-warranty-contract]').innerText()).toBe('Warranty CNC-E2E-002 (ended)');
    await app.shot(page, 'warranty-case-zh');

    // Taking the unit off the case: the customer's contracts of the product, the running one covering it.
    const current = (await app.call('GET', `/api/records/service_case/${ids.caseLapsed}`)).body as Row;
    expect((await app.call('PATCH', `/api/records/service_case/${ids.caseLapsed}`, { serial_number: null }, { 'if-match': String(current.version) })).status).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: '保修' }).click();
    await expect.poll(() => panel.locator('[data-test=case-warranty-state]').innerText()).toBe('在保');
    expect(await panel.textContent()).toContain('未指定具体设备');
    expect(problems).toEqual([]);
  });
});
