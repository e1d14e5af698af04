import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUYER, storeServer, type Store } from './test-support/store-fixture.js';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Checkout over HTTP: the order, its lines at catalogue prices, reserved stock, idempotency, the last unit under load, abandoned payments. */
describe('eshop: checkout', () => {
  let s: Awaited<ReturnType<typeof storeServer>>;
  beforeAll(async () => {
    s = await storeServer();
  }, 600_000);
  afterAll(async () => s?.close());

  it('makes a new store order for a new customer at catalogue prices, reserves its stock and starts the payment', async () => {
    const store = await s.fresh();
    const token = await store.cartWith({ MOUSE: 2, KIT: 1, TRAINING: 1 });
    const res = await store.pub('POST', `/carts/${token}/checkout`, { ...BUYER, company: 'Lee Trading', unit_price: 1, lines: [{ sku: 'MOUSE', price: 1 }] });
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({ status: 'new', total: 2 * 99 + 240 + 600 });
    expect(res.body.payment).toMatchObject({ provider: 'test', status: 'pending' });
    expect(res.body.payment.redirectUrl).toMatch(new RegExp(`^/api/public/${store.tenant.slug}/x/eshop/test-pay/tp_[0-9a-f]{24}$`));
    const [order] = await store.sql(`select o.id, o.code, o.status, o.source, o.contact_email, o.delivery_address, c.name as customer from sales_order o join customer c on c.id = o.customer`);
    expect(order).toMatchObject({ status: 'new', source: 'store', contact_email: 'ann@example.test', customer: 'Lee Trading', code: res.body.order.code });
    const lines = await store.sql(`select p.sku, l.quantity::int as q, l.unit_price::float as price from order_line l join product p on p.id = l.product order by p.sku`);
    expect(lines).toEqual([{ sku: 'KIT', q: 1, price: 240 }, { sku: 'MOUSE', q: 2, price: 99 }, { sku: 'TRAINING', q: 1, price: 600 }]);
    const held = await store.sql(`select p.sku, r.quantity::int as q, r.status from stock_reservation r join product p on p.id = r.product order by p.sku`);
    expect(held).toEqual([{ sku: 'KEYBOARD', q: 1, status: 'active' }, { sku: 'MOUSE', q: 3, status: 'active' }]);
    expect(await store.sql(`select name, email from contact`)).toEqual([{ name: 'Ann Lee', email: 'ann@example.test' }]);
    const mouse = await store.pub('GET', '/products/MOUSE');
    expect(mouse.body.available).toBe(2); // 5 on hand, 3 held
    const page = await store.pub('GET', `/orders/${res.body.order.token}`);
    expect(page.body).toMatchObject({ code: order.code, status: 'new', total: 1038, payment: { status: 'pending', amount: 1038 } });
    expect((await store.pub('GET', `/carts/${token}`)).body.code).toBe('ESHOP_CART_ORDERED');
    // The staff app sees the order with its source.
    const staff = await store.admin('GET', `/api/records/sales_order/${order.id}`);
    expect(staff.body).toMatchObject({ source: 'store', status: 'new', total: 1038 });
    // A returning buyer (same e-mail) is the same customer.
    const again = await store.cartWith({ MOUSE: 1 });
    expect((await store.pub('POST', `/carts/${again}/checkout`, { ...BUYER, name: 'Ann' })).status).toBe(200);
    expect(await store.sql(`select count(*)::int as n from customer`)).toEqual([{ n: 1 }]);
  });

  it('replays the answer for the same Idempotency-Key and refuses the key with another body', async () => {
    const store = await s.fresh();
    const token = await store.cartWith({ KEYBOARD: 1 });
    const key = { 'idempotency-key': 'order-7f1c' };
    const first = await store.pub('POST', `/carts/${token}/checkout`, BUYER, key);
    const second = await store.pub('POST', `/carts/${token}/checkout`, BUYER, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.order).toEqual(first.body.order);
    expect(second.body.payment).toEqual(first.body.payment);
    expect(second.body.replayed).toBe(true);
    const other = await store.pub('POST', `/carts/${token}/checkout`, { ...BUYER, name: 'Someone Else' }, key);
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await store.sql(`select count(*)::int as n from sales_order`)).toEqual([{ n: 1 }]);
    expect(await store.sql(`select count(*)::int as n from payment`)).toEqual([{ n: 1 }]);
  });

  it('refuses bad checkouts with a clear 4xx and leaves nothing behind', async () => {
    const store = await s.fresh();
    const token = await store.cartWith({ LAPTOP: 1 });
    const bad = await store.pub('POST', `/carts/${token}/checkout`, { name: '', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['address', 'email', 'name']);
    const tampered = await store.pub('POST', `/carts/${token}/checkout`, { ...BUYER, expectedTotal: 1 });
    expect([tampered.status, tampered.body.code]).toEqual([409, 'ESHOP_PRICE_CHANGED']);
    const provider = await store.pub('POST', `/carts/${token}/checkout`, { ...BUYER, provider: 'nope' });
    expect([provider.status, provider.body.code]).toEqual([404, 'ESHOP_UNKNOWN_PROVIDER']);
    const empty = (await store.pub('POST', '/carts')).body.token;
    expect((await store.pub('POST', `/carts/${empty}/checkout`, BUYER)).body.code).toBe('ESHOP_CART_EMPTY');
    expect((await store.pub('POST', '/carts/unknown-cart-token-0000000/checkout', BUYER)).status).toBe(404);
    // Someone else bought the last laptop since it went into this cart.
    const other = await store.cartWith({ LAPTOP: 1 });
    expect((await store.pub('POST', `/carts/${other}/checkout`, { ...BUYER, email: 'bo@example.test' })).status).toBe(200);
    const late = await store.pub('POST', `/carts/${token}/checkout`, BUYER);
    expect([late.status, late.body.code]).toEqual([409, 'ESHOP_OUT_OF_STOCK']);
    // A product unpublished after it went into the cart is no longer sold.
    const mouseCart = await store.cartWith({ MOUSE: 1 });
    expect((await store.patch('product', store.products.MOUSE, { published: false })).status).toBe(200);
    const gone = await store.pub('POST', `/carts/${mouseCart}/checkout`, BUYER);
    expect([gone.status, gone.body.code]).toEqual([404, 'ESHOP_UNKNOWN_PRODUCT']);
    expect(await store.sql(`select count(*)::int as n from sales_order`)).toEqual([{ n: 1 }]);
    expect(await store.sql(`select count(*)::int as n from customer`)).toEqual([{ n: 1 }]);
    expect(await store.sql(`select count(*)::int as n from stock_reservation`)).toEqual([{ n: 1 }]);
  });

  it(`sells the last unit once to 20 concurrent checkouts (${onPostgres ? 'in parallel on PostgreSQL' : 'serialised on PGlite'})`, async () => {
    const store = await s.fresh();
    const carts = [];
    for (let i = 0; i < 20; i++) carts.push(await store.cartWith({ LAPTOP: 1 }));
    const answers = await Promise.all(carts.map((token, i) => store.pub('POST', `/carts/${token}/checkout`, { ...BUYER, email: `buyer${i}@example.test` })));
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 409);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const r of refused) expect(r.body.code).toBe('ESHOP_OUT_OF_STOCK');
    expect(await store.sql(`select count(*)::int as n from sales_order`)).toEqual([{ n: 1 }]);
    expect(await store.sql(`select sum(quantity)::int as n from stock_reservation where status = 'active'`)).toEqual([{ n: 1 }]);
    expect(await store.sql(`select count(*)::int as n from stock where quantity < 0`)).toEqual([{ n: 0 }]);
    const laptop = await store.pub('GET', '/products/LAPTOP');
    expect([laptop.body.available, laptop.body.inStock]).toEqual([0, false]);
  }, 600_000);

  /** A staff order of `quantity` LAPTOP from the store's warehouse, taken to paid (ready to ship). */
  const staffOrder = async (store: Store, quantity = 1) => {
    const [w] = await store.sql(`select id from warehouse`);
    const customer = (await store.admin('POST', '/api/records/customer', { name: `Walk-in ${Math.random().toString(36).slice(2, 6)}` })).body.id;
    const order = await store.admin('POST', '/api/records/sales_order', { customer, order_date: '2026-12-01', warehouse: w.id });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect((await store.admin('POST', '/api/records/order_line', { sales_order: order.body.id, product: store.products.LAPTOP, quantity, unit_price: 8999 })).status).toBe(201);
    for (const t of ['confirm', 'pay']) expect((await store.admin('POST', `/api/records/sales_order/${order.body.id}/transitions/${t}`, {})).status).toBe(200);
    return order.body.id as string;
  };
  const ship = (store: Store, id: string) => store.admin('POST', `/api/records/sales_order/${id}/transitions/ship`, {});

  it('ships an order only from stock no other order holds; the order holding it ships', async () => {
    const store = await s.fresh();
    const placed = await store.pub('POST', `/carts/${await store.cartWith({ LAPTOP: 1 })}/checkout`, BUYER);
    expect(placed.status).toBe(200);
    const walkIn = await staffOrder(store);
    const refused = await ship(store, walkIn);
    expect([refused.status, refused.body.code]).toEqual([409, 'ESHOP_STOCK_RESERVED']);
    expect(refused.body.detail).toContain('LAPTOP (0 free, 1 needed)');
    expect(await store.sql(`select sum(quantity)::int as n from stock where product = ?`, [store.products.LAPTOP])).toEqual([{ n: 1 }]);
    expect(await store.sql(`select status from sales_order where id = ?`, [walkIn])).toEqual([{ status: 'paid' }]);
    // The store order that holds the laptop ships it.
    const [w] = await store.sql(`select id from warehouse`);
    const [online] = await store.sql(`select id, version from sales_order where source = 'store'`);
    expect((await store.admin('PATCH', `/api/records/sales_order/${online.id}`, { warehouse: w.id }, { 'if-match': String(online.version) })).status).toBe(200);
    for (const t of ['confirm', 'pay']) expect((await store.admin('POST', `/api/records/sales_order/${online.id}/transitions/${t}`, {})).status).toBe(200);
    expect((await ship(store, online.id)).status).toBe(200);
    expect(await store.sql(`select status from stock_reservation`)).toEqual([{ status: 'fulfilled' }]);
    expect(await store.sql(`select sum(quantity)::int as n from stock where product = ?`, [store.products.LAPTOP])).toEqual([{ n: 0 }]);
  });

  it(`gives the last unit to one of concurrent shipments and checkouts (${onPostgres ? 'in parallel on PostgreSQL' : 'serialised on PGlite'})`, async () => {
    const store = await s.fresh();
    const orders: string[] = [];
    const carts: string[] = [];
    for (let i = 0; i < 4; i++) {
      orders.push(await staffOrder(store));
      carts.push(await store.cartWith({ LAPTOP: 1 }));
    }
    const answers = await Promise.all([
      ...orders.map((id) => ship(store, id)),
      ...carts.map((token, i) => store.pub('POST', `/carts/${token}/checkout`, { ...BUYER, email: `race${i}@example.test` })),
    ]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect([409, ['ESHOP_STOCK_RESERVED', 'ESHOP_OUT_OF_STOCK'].includes(a.body.code)]).toEqual([a.status, true]);
    const [{ shipped }] = await store.sql(`select count(*)::int as shipped from sales_order where status = 'shipped'`);
    const [{ held }] = await store.sql(`select coalesce(sum(quantity), 0)::int as held from stock_reservation where status = 'active'`);
    expect(shipped + held).toBe(1);
    expect(await store.sql(`select sum(quantity)::int as n from stock where product = ?`, [store.products.LAPTOP])).toEqual([{ n: 1 - shipped }]);
  }, 600_000);

  it('releases the stock of an abandoned payment after the time in the store settings, by the sweep the schedule runs', async () => {
    const store = await s.fresh();
    const settings = await store.admin('GET', '/api/records/store_settings');
    expect(settings.body.data[0]).toMatchObject({ name: 'default', reservation_minutes: 30 });
    expect((await store.patch('store_settings', settings.body.data[0].id, { reservation_minutes: 5 })).status).toBe(200);
    const token = await store.cartWith({ LAPTOP: 1 });
    const res = await store.pub('POST', `/carts/${token}/checkout`, BUYER);
    const [held] = await store.sql(`select extract(epoch from (expires_at - created_at))::int as seconds from stock_reservation`);
    expect(held.seconds).toBeGreaterThanOrEqual(299);
    expect(held.seconds).toBeLessThanOrEqual(330);
    expect((await store.pub('GET', '/products/LAPTOP')).body.available).toBe(0);
    await store.sql(`update stock_reservation set expires_at = now() - interval '1 second'`);
    // Free again for the catalogue at once; the sweep then cancels the order and closes its payment.
    expect((await store.pub('GET', '/products/LAPTOP')).body.available).toBe(1);
    const sweep = await store.admin('POST', '/api/records/store_sweep', {});
    expect(sweep.status).toBe(201);
    expect(sweep.body.cancelled_orders).toBe(1);
    expect(await store.sql(`select status from sales_order`)).toEqual([{ status: 'cancelled' }]);
    expect(await store.sql(`select status from stock_reservation`)).toEqual([{ status: 'released' }]);
    expect(await store.sql(`select status from payment`)).toEqual([{ status: 'expired' }]);
    expect((await store.pub('GET', `/orders/${res.body.order.token}`)).body).toMatchObject({ status: 'cancelled', payment: { status: 'expired', redirectUrl: null } });
    const workflow = await store.admin('GET', '/api/meta');
    expect(workflow.body.workflows.eshop_release_abandoned.trigger).toEqual({ on: 'schedule', cron: '*/5 * * * *' });
  });
});
