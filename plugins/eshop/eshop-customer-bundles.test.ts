import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/plugins/testing.js';
import { storeServer, type Store } from './test-support/store-fixture.js';

const PORTAL_PASSWORD = 'Outside-Buyer-2026';

/** KIT is MOUSE + KEYBOARD for everyone; Lee Trading gets two CABLEs instead, Other Co a LAPTOP. */
const PRODUCTS = [
  { sku: 'MOUSE', price: 99, stock: 5, category: 'accessory' },
  { sku: 'KEYBOARD', price: 149.5, stock: 3, category: 'accessory' },
  { sku: 'LAPTOP', price: 8999, stock: 1, category: 'hardware' },
  { sku: 'CABLE', price: 9, stock: 10, category: 'accessory' },
  { sku: 'KIT', price: 240, category: 'accessory', components: { MOUSE: 1, KEYBOARD: 1 } },
];

type Component = { sku: string; quantity: number };

/** A customer's own bundle contents: the store's availability, product page, cart, checkout and shipment check take them, never the generic rows too, never another customer's. */
describe('eshop: bundle contents of one customer', () => {
  let s: Awaited<ReturnType<typeof storeServer>>;
  beforeAll(async () => {
    s = await storeServer();
  }, 600_000);
  afterAll(async () => s?.close());

  /** Lee Trading (with a portal buyer) and Other Co, each with KIT contents of their own. */
  const setUp = async () => {
    const store = await s.fresh(PRODUCTS);
    const customer = (await store.admin('POST', '/api/records/customer', { name: 'Lee Trading' })).body.id as string;
    const other = (await store.admin('POST', '/api/records/customer', { name: 'Other Co' })).body.id as string;
    const own = await store.admin('POST', '/api/records/product_bundle_item', { bundle: store.products.KIT, component: store.products.CABLE, quantity: 2, customer });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await store.admin('POST', '/api/records/product_bundle_item', { bundle: store.products.KIT, component: store.products.LAPTOP, quantity: 1, customer: other })).status).toBe(201);
    const contact = (await store.admin('POST', '/api/records/contact', { customer, name: 'Ann Lee', email: 'ann@lee.test' })).body.id as string;
    const invited = await store.admin('POST', '/api/portal-users', { entity: 'contact', id: contact, email: 'ann@lee.test', name: 'Ann Lee', role: 'portal_customer' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const accepted = await api(s.url)('POST', '/api/portal/auth/accept', { tenant: store.tenant.slug, token: invited.body.invitation.token, password: PORTAL_PASSWORD });
    expect(accepted.status).toBe(200);
    const ann = (method: string, path: string, body?: unknown) => store.pub(method, path, body, { authorization: `Bearer ${accepted.body.token}` });
    return { store, customer, other, ann };
  };

  const kitOf = (list: { sku: string; available: number | null }[]) => list.find((p) => p.sku === 'KIT')?.available;
  const parts = (body: { components: Component[] }) => body.components.map((c) => [c.sku, c.quantity]).sort();

  it('shows and sells a signed-in customer their own contents, and anonymous visitors the generic ones', async () => {
    const { store, ann } = await setUp();
    // Anonymous: MOUSE + KEYBOARD, as many as the 3 keyboards allow; no other customer's LAPTOP.
    const anonymous = await store.pub('GET', '/products/KIT');
    expect(parts(anonymous.body)).toEqual([['KEYBOARD', 1], ['MOUSE', 1]]);
    expect(anonymous.body.available).toBe(3);
    expect(kitOf((await store.pub('GET', '/catalogue')).body.data)).toBe(3);
    // Lee Trading's buyer: two cables a kit, 10 cables → 5 kits.
    const own = await ann('GET', '/products/KIT');
    expect(parts(own.body)).toEqual([['CABLE', 2]]);
    expect(own.body.available).toBe(5);
    expect(kitOf((await ann('GET', '/catalogue')).body.data)).toBe(5);

    // The cart: 5 kits for Ann (4 is over the anonymous limit of 3).
    const anonymousCart = (await store.pub('POST', '/carts')).body.token as string;
    expect((await store.pub('PUT', `/carts/${anonymousCart}/items/KIT`, { quantity: 4 })).body.code).toBe('ESHOP_BAD_QUANTITY');
    const cart = (await ann('POST', '/carts')).body.token as string;
    const put = await ann('PUT', `/carts/${cart}/items/KIT`, { quantity: 5 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.lines[0].product.available).toBe(5);

    // The checkout reserves the customer's components only.
    const placed = await ann('POST', `/carts/${cart}/checkout`, { address: '1 Main Street' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const held = await store.sql(`select p.sku, r.quantity::int as quantity from stock_reservation r join product p on p.id = r.product order by p.sku`);
    expect(held).toEqual([{ sku: 'CABLE', quantity: 10 }]);
    // Cables are all held now: the kit is sold out for Ann, not for anonymous visitors.
    expect((await ann('GET', '/products/KIT')).body.available).toBe(0);
    expect((await store.pub('GET', '/products/KIT')).body.available).toBe(3);
  }, 600_000);

  /** A staff order of KITs for `customer`, taken to paid. */
  const staffOrder = async (store: Store, customer: string, quantity: number) => {
    const [w] = await store.sql(`select id from warehouse`);
    const order = await store.admin('POST', '/api/records/sales_order', { customer, order_date: '2026-12-01', warehouse: w.id });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect((await store.admin('POST', '/api/records/order_line', { sales_order: order.body.id, product: store.products.KIT, quantity, unit_price: 240 })).status).toBe(201);
    for (const t of ['confirm', 'pay']) expect((await store.admin('POST', `/api/records/sales_order/${order.body.id}/transitions/${t}`, {})).status).toBe(200);
    return order.body.id as string;
  };
  const ship = (store: Store, id: string) => store.admin('POST', `/api/records/sales_order/${id}/transitions/ship`, {});

  it('checks a shipment against the stock of the customer\'s own components', async () => {
    const { store, customer, other, ann } = await setUp();
    // Ann's checkout holds 8 of the 10 cables.
    const cart = (await ann('POST', '/carts')).body.token as string;
    expect((await ann('PUT', `/carts/${cart}/items/KIT`, { quantity: 4 })).status).toBe(200);
    expect((await ann('POST', `/carts/${cart}/checkout`, { address: '1 Main Street' })).status).toBe(200);
    // Another order of Lee Trading for 2 kits needs 4 cables: only 2 are free, so it is refused naming the cables.
    const lee = await staffOrder(store, customer, 2);
    const refused = await ship(store, lee);
    expect([refused.status, refused.body.code]).toEqual([409, 'ESHOP_STOCK_RESERVED']);
    expect(refused.body.detail).toContain('CABLE (2 free, 4 needed)');
    expect(refused.body.detail).not.toMatch(/MOUSE|KEYBOARD|LAPTOP/);
    // One kit (2 cables) fits and ships, issuing cables only.
    const small = await staffOrder(store, customer, 1);
    expect((await ship(store, small)).status).toBe(200);
    expect(await store.sql(`select p.sku, m.quantity::int as quantity from stock_move m join product p on p.id = m.product where m.direction = 'out'`)).toEqual([{ sku: 'CABLE', quantity: 2 }]);
    // Other Co's kit is its laptop, and a customer with no contents of its own gets the generic ones.
    const otherOrder = await staffOrder(store, other, 1);
    expect((await ship(store, otherOrder)).status).toBe(200);
    const walkIn = (await store.admin('POST', '/api/records/customer', { name: 'Walk-in' })).body.id as string;
    const generic = await staffOrder(store, walkIn, 2);
    expect((await ship(store, generic)).status).toBe(200);
    const out = await store.sql(`select p.sku, sum(m.quantity)::int as quantity from stock_move m join product p on p.id = m.product where m.direction = 'out' group by p.sku order by p.sku`);
    expect(out).toEqual([{ sku: 'CABLE', quantity: 2 }, { sku: 'KEYBOARD', quantity: 2 }, { sku: 'LAPTOP', quantity: 1 }, { sku: 'MOUSE', quantity: 2 }]);
  }, 600_000);
});
