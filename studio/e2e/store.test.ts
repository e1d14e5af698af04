import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/http/test-server.js';
import { signIn, startE2eApp, type E2eApp } from './harness.js';

/** The storefront on a phone: a visitor buys and pays with the test provider; staff see the store order paid. */
describe('online store in a browser', () => {
  let app: E2eApp;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let orderId = '';

  beforeAll(async () => {
    app = await startE2eApp('e2e_store');
    const installed = await app.call('POST', '/api/plugins/eshop/install', {});
    if (installed.status !== 200) throw new Error(`installing eshop failed: ${JSON.stringify(installed.body)}`);
    const warehouse = (await app.call('POST', '/api/records/warehouse', { code: 'W1', name: 'Main' })).body;
    const product = (await app.call('POST', '/api/records/product', { sku: 'MUG-1', name: 'Store mug', price: 25, category: 'accessory', published: true, specification: '350 ml' })).body;
    await app.call('POST', '/api/records/stock_move', { product: product.id, warehouse: warehouse.id, direction: 'in', quantity: 3, reason: 'purchase' });
    // A product photo (a 1×1 PNG), uploaded by staff; the store serves it publicly while the product is published.
    const token = (await api(app.url)('POST', '/api/auth/login', { tenant: app.tenant, email: app.email, password: app.password })).body.token as string;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const photo = await fetch(`${app.url}/api/files?entity=product&field=images&name=mug.png`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: new Uint8Array(png) });
    if (photo.status !== 201) throw new Error(`uploading the product photo failed: ${photo.status}`);
    const patched = await app.call('PATCH', `/api/records/product/${product.id}`, { images: [await photo.json()] }, { 'if-match': String(product.version) });
    if (patched.status !== 200) throw new Error(`attaching the product photo failed: ${JSON.stringify(patched.body)}`);
    ({ context, page } = await app.newPage({ width: 390, height: 844 }));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  }, 600_000);
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('a visitor finds a product, checks out, pays on the test provider and sees the order paid', async () => {
    await page.goto(`/store/${app.tenant}`);
    const card = page.locator('[data-sku="MUG-1"]');
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.locator('img.store-thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await card.getByRole('button', { name: 'Add to cart' }).click();
    await page.locator('[data-test="open-cart"]').click();
    await expect.poll(() => page.locator('[data-test="cart-total"]').textContent()).toContain('25');
    await page.locator('input[name="name"]').fill('Ann Lee');
    await page.locator('input[name="email"]').fill('ann@example.test');
    await page.locator('input[name="address"]').fill('1 Main Street');
    await page.locator('[data-test="place-order"]').click();
    await page.waitForURL(/\/test-pay\/tp_/);
    expect(await page.textContent('h1')).toBe('Test payment');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('link', { name: 'Back to the store' }).click();
    await page.waitForURL(/\?order=/);
    await expect.poll(() => page.locator('.store-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('paid');
    await app.shot(page, 'store-order-paid-phone');
    const orders = await app.call('GET', '/api/records/sales_order');
    expect(orders.body.data.map((o: { source: string; status: string }) => [o.source, o.status])).toEqual([['store', 'paid']]);
    orderId = orders.body.data[0].id;
    expect(problems).toEqual([]);
  }, 600_000);

  it('staff see the store order paid in sales', async () => {
    const staff = await app.newPage();
    await staff.page.goto('/');
    await signIn(staff.page, app);
    await staff.page.waitForURL(/\/app/);
    await staff.page.goto(`/app/sales_order/${orderId}`);
    // The menu also says "Online store": read the record page itself, once it has loaded.
    const main = staff.page.locator('.shell-main');
    await expect.poll(() => main.textContent(), { timeout: 15_000 }).toContain('Paid');
    expect(await main.textContent()).toContain('Online store');
    await staff.context.close();
  }, 600_000);

  it('a contact who signs in to the portal keeps what they put in the cart and orders under their company', async () => {
    const customer = (await app.call('POST', '/api/records/customer', { name: 'Lee Trading' })).body.id;
    const contact = (await app.call('POST', '/api/records/contact', { customer, name: 'Lee Buyer', email: 'lee@lee.test' })).body.id;
    const invited = await app.call('POST', '/api/portal-users', { entity: 'contact', id: contact, email: 'lee@lee.test', name: 'Lee Buyer', role: 'portal_customer' });
    const buyer = await app.newPage({ width: 390, height: 844 });
    await buyer.page.goto(`/store/${app.tenant}`);
    const card = buyer.page.locator('[data-sku="MUG-1"]');
    await expect.poll(() => card.count()).toBe(1);
    await card.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => buyer.page.locator('[data-test="open-cart"]').textContent()).toContain('(1)');
    // Signing in (the invitation accepted in this browser) sets the portal's cookie; the store then merges the cart into the account's.
    const accepted = await buyer.context.request.post('/api/portal/auth/accept', { data: { tenant: app.tenant, token: invited.body.invitation.token, password: 'Outside-Buyer-2026' } });
    expect(accepted.status()).toBe(200);
    await buyer.page.reload();
    await buyer.page.locator('[data-test="open-cart"]').click();
    await expect.poll(() => buyer.page.locator('[data-test="signed-in-as"]').textContent()).toContain('Lee Buyer');
    expect(await buyer.page.locator('[data-test="cart-total"]').textContent()).toContain('25');
    await buyer.page.locator('input[name="address"]').fill('2 Harbour Road');
    await buyer.page.locator('[data-test="place-order"]').click();
    await buyer.page.waitForURL(/\/test-pay\/tp_/);
    const orders = await app.call('GET', '/api/records/sales_order?sort=-created_at');
    expect(orders.body.data[0]).toMatchObject({ source: 'store', customer, contact_email: 'lee@lee.test' });
    await buyer.context.close();
  }, 600_000);
});
