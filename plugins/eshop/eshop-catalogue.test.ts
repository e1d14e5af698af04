import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPluginMetadata } from '../../core/plugins/testing.js';
import { storeServer } from './test-support/store-fixture.js';

/** The store's public catalogue and carts over HTTP (/api/public/<tenant>/x/eshop/…). */
describe('eshop: catalogue and cart', () => {
  let s: Awaited<ReturnType<typeof storeServer>>;
  beforeAll(async () => {
    s = await storeServer();
  }, 600_000);
  afterAll(async () => s?.close());

  it('has metadata that passes the check', async () => {
    expect(await checkPluginMetadata('eshop')).toEqual([]);
  });

  it('lists published products with prices in the tenant currency, availability, categories and search', async () => {
    const store = await s.fresh();
    await store.admin('PUT', '/api/settings', { currency: 'CNY' });
    const list = await store.pub('GET', '/catalogue');
    expect(list.status).toBe(200);
    expect(list.body.currency).toBe('CNY');
    const bySku = Object.fromEntries(list.body.data.map((p: any) => [p.sku, p]));
    expect(Object.keys(bySku).sort()).toEqual(['KEYBOARD', 'KIT', 'LAPTOP', 'MOUSE', 'TRAINING']);
    expect(bySku.MOUSE).toMatchObject({ price: 99, currency: 'CNY', available: 5, inStock: true, category: 'accessory', categoryLabel: { en: 'Accessory', 'zh-CN': '配件' } });
    expect(bySku.KIT.available).toBe(3); // a bundle: as many as its scarcest component allows
    expect(bySku.TRAINING.available).toBeNull(); // a service is not kept in stock
    const cats = await store.pub('GET', '/categories');
    expect(cats.body.data.map((c: any) => [c.value, c.count])).toEqual([['hardware', 1], ['service', 1], ['accessory', 3]]);
    const accessories = await store.pub('GET', '/catalogue?category=accessory');
    expect(accessories.body.data.map((p: any) => p.sku).sort()).toEqual(['KEYBOARD', 'KIT', 'MOUSE']);
    const found = await store.pub('GET', '/catalogue?q=LAPTOP');
    expect(found.body.data.map((p: any) => p.sku)).toEqual(['LAPTOP']);
  });

  it('shows a product page by SKU or id, with its bundle components; unpublished and unknown products are 404', async () => {
    const store = await s.fresh();
    const kit = await store.pub('GET', '/products/KIT');
    expect(kit.status).toBe(200);
    expect(kit.body).toMatchObject({ sku: 'KIT', specification: 'Spec of KIT', available: 3 });
    expect(kit.body.components.map((c: any) => [c.sku, c.quantity]).sort()).toEqual([['KEYBOARD', 1], ['MOUSE', 1]]);
    expect((await store.pub('GET', `/products/${store.products.MOUSE}`)).body.sku).toBe('MOUSE');
    for (const p of ['SECRET', store.products.SECRET, 'NOPE', '00000000-0000-0000-0000-000000000000']) {
      const res = await store.pub('GET', `/products/${p}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ESHOP_UNKNOWN_PRODUCT');
    }
  });

  it('keeps a cart for an anonymous visitor, priced from the catalogue', async () => {
    const store = await s.fresh();
    const cart = await store.pub('POST', '/carts');
    expect(cart.status).toBe(200);
    expect(cart.body.token).toMatch(/^[\w-]{32}$/);
    const token = cart.body.token;
    expect((await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 2, price: 99 })).status).toBe(200);
    const withKb = await store.pub('PUT', `/carts/${token}/items/${store.products.KEYBOARD}`, { quantity: 1 });
    expect(withKb.body.lines.map((l: any) => [l.product.sku, l.quantity, l.amount])).toEqual([['MOUSE', 2, 198], ['KEYBOARD', 1, 149.5]]);
    expect(withKb.body.total).toBe(347.5);
    const changed = await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 3 });
    expect(changed.body.lines[0].quantity).toBe(3);
    const removed = await store.pub('DELETE', `/carts/${token}/items/${store.products.MOUSE}`);
    expect(removed.body.lines.map((l: any) => l.product.sku)).toEqual(['KEYBOARD']);
    expect((await store.pub('GET', `/carts/${token}`)).body.total).toBe(149.5);
  });

  it('refuses tampered prices, bad quantities, unknown products and unknown or expired carts, changing nothing', async () => {
    const store = await s.fresh();
    const token = await store.cartWith({ MOUSE: 1 });
    const refused = [
      [await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 2, price: 1 }), 409, 'ESHOP_PRICE_CHANGED'],
      [await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 0 }), 422, 'ESHOP_BAD_QUANTITY'],
      [await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: -1 }), 422, 'ESHOP_BAD_QUANTITY'],
      [await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 1.5 }), 422, 'ESHOP_BAD_QUANTITY'],
      [await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: '2' }), 422, 'ESHOP_BAD_QUANTITY'],
      [await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 6 }), 422, 'ESHOP_BAD_QUANTITY'],
      [await store.pub('PUT', `/carts/${token}/items/SECRET`, { quantity: 1 }), 404, 'ESHOP_UNKNOWN_PRODUCT'],
      [await store.pub('PUT', `/carts/${token}/items/NOPE`, { quantity: 1 }), 404, 'ESHOP_UNKNOWN_PRODUCT'],
      [await store.pub('GET', '/carts/not-a-real-token-at-all-xxxxx'), 404, 'ESHOP_CART_NOT_FOUND'],
    ] as const;
    for (const [res, status, code] of refused) expect([res.status, res.body.code]).toEqual([status, code]);
    expect((await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 6 })).body.errors?.[0]?.field).toBe('quantity');
    const cart = await store.pub('GET', `/carts/${token}`);
    expect(cart.body.lines.map((l: any) => [l.product.sku, l.quantity])).toEqual([['MOUSE', 1]]);
    await store.sql(`update store_cart set expires_at = now() - interval '1 minute' where token = ?`, [token]);
    for (const res of [await store.pub('GET', `/carts/${token}`), await store.pub('PUT', `/carts/${token}/items/MOUSE`, { quantity: 2 }), await store.pub('POST', `/carts/${token}/checkout`, { name: 'A', email: 'a@b.test', address: 'x' })]) {
      expect([res.status, res.body.code]).toEqual([410, 'ESHOP_CART_EXPIRED']);
    }
    expect(await store.sql('select count(*)::int as n from sales_order')).toEqual([{ n: 0 }]);
  });

  it('serves the images of published products through the files service, and nothing else', async () => {
    const store = await s.fresh();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const upload = async (name: string) => {
      const res = await fetch(`${s.url}/api/files?entity=product&field=images&name=${name}`, { method: 'POST', headers: { authorization: `Bearer ${store.adminToken}`, 'content-type': 'image/png' }, body: png });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };
    const mouseImage = await upload('mouse.png');
    const secretImage = await upload('secret.png');
    expect((await store.patch('product', store.products.MOUSE, { images: [mouseImage] })).status).toBe(200);
    expect((await store.patch('product', store.products.SECRET, { images: [secretImage] })).status).toBe(200);
    const page = await store.pub('GET', '/products/MOUSE');
    expect(page.body.images).toEqual([{ id: mouseImage.id, name: 'mouse.png', path: `/products/${store.products.MOUSE}/images/${mouseImage.id}` }]);
    const base = `${s.url}/api/public/${store.tenant.slug}/x/eshop`;
    const image = await fetch(`${base}${page.body.images[0].path}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=300');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    // An unpublished product's image, another product's image by this one, an unknown file: 404, problem+json.
    const hidden = await fetch(`${base}/products/${store.products.SECRET}/images/${secretImage.id}`);
    expect(hidden.status).toBe(404);
    const crossed = await fetch(`${base}/products/MOUSE/images/${secretImage.id}`);
    expect([crossed.status, crossed.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    expect((await crossed.json()).code).toBe('ESHOP_IMAGE_NOT_FOUND');
    expect((await fetch(`${base}/products/MOUSE/images/not-a-file`)).status).toBe(404);
    // Unpublished later: its images go with it.
    expect((await store.patch('product', store.products.MOUSE, { published: false })).status).toBe(200);
    expect((await fetch(`${base}${page.body.images[0].path}`)).status).toBe(404);
  });

  it('answers only for tenants with the store installed', async () => {
    const res = await fetch(`${s.url}/api/public/nobody/x/eshop/catalogue`);
    expect(res.status).toBe(404);
  });
});
