import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader } from './server/payments/signature.js';
import { BUYER, storeServer, type Store } from './test-support/store-fixture.js';

/** Payments: the test provider's hosted page and signed webhooks, the order's lifecycle, forged and replayed events, refunds. */
describe('eshop: payments', () => {
  let s: Awaited<ReturnType<typeof storeServer>>;
  beforeAll(async () => {
    s = await storeServer();
  }, 600_000);
  afterAll(async () => s?.close());

  const checkout = async (store: Store, items: Record<string, number> = { MOUSE: 1, KEYBOARD: 1 }) => {
    const token = await store.cartWith(items);
    const res = await store.pub('POST', `/carts/${token}/checkout`, BUYER);
    expect(res.status).toBe(200);
    return { ...res.body, ref: String(res.body.payment.redirectUrl).split('/').pop() as string };
  };
  const state = async (store: Store) => (await store.sql(`select o.status as order, p.status as payment, p.refunded_amount::float as refunded from sales_order o join payment p on p.sales_order = o.id order by o.created_at desc limit 1`))[0];

  it('serves its hosted page; Pay sends a signed webhook and the order moves to paid (never on the redirect alone)', async () => {
    const store = await s.fresh();
    const placed = await checkout(store);
    const page = await fetch(`${s.url}${placed.payment.redirectUrl}`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain(placed.order.code);
    expect(html).toContain('248.50');
    expect(html).toMatch(/<form method="post" action="tp_[0-9a-f]{24}\/pay">/);
    expect(await (await fetch(`${s.url}${placed.payment.redirectUrl}?lang=zh-CN`)).text()).toContain('测试支付');
    const order = await store.pub('GET', `/orders/${placed.order.token}`);
    expect(order.body).toMatchObject({ status: 'new', payment: { status: 'pending' } }); // the buyer's return proves nothing
    const pay = await fetch(`${s.url}${placed.payment.redirectUrl}/pay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'lang=en' });
    expect(pay.status).toBe(200);
    expect(await pay.text()).toContain(`/store/${store.tenant.slug}?order=${placed.order.token}`);
    const paid = await s.until(() => state(store), (v) => v.order === 'paid');
    expect(paid).toMatchObject({ order: 'paid', payment: 'paid' });
    const [o] = await store.sql(`select paid_on is not null as stamped from sales_order`);
    expect(o.stamped).toBe(true);
    expect(await store.sql(`select expires_at from stock_reservation`)).toEqual([{ expires_at: null }, { expires_at: null }]); // held until shipment
    expect(await store.sql(`select type from payment_event`)).toEqual([{ type: 'payment.succeeded' }]);
    // A second click sends the same event again: applied once.
    expect((await fetch(`${s.url}${placed.payment.redirectUrl}/pay`, { method: 'POST' })).status).toBe(409);
    // Shipping (staff) issues the stock and fulfils the reservations.
    const [w] = await store.sql(`select id from warehouse`);
    const ship = await store.admin('PATCH', `/api/records/sales_order/${(await store.sql(`select id from sales_order`))[0].id}`, { warehouse: w.id }, { 'if-match': String((await store.sql(`select version from sales_order`))[0].version) });
    expect(ship.status).toBe(200);
    const shipped = await store.admin('POST', `/api/records/sales_order/${ship.body.id}/transitions/ship`, {});
    expect(shipped.status).toBe(200);
    expect(await store.sql(`select distinct status from stock_reservation`)).toEqual([{ status: 'fulfilled' }]);
    expect((await store.pub('GET', '/products/MOUSE')).body.available).toBe(4);
  });

  it('refuses forged, stale and malformed webhooks; applies a replayed event once', async () => {
    const store = await s.fresh();
    const placed = await checkout(store);
    const event = { id: 'evt_1', type: 'payment.succeeded', payment: placed.ref, amount: 248.5 };
    const forged = await s.webhook(store, event, { secret: 'not-the-secret' });
    expect([forged.status, forged.body.code]).toEqual([401, 'ESHOP_WEBHOOK_SIGNATURE']);
    const stale = await s.webhook(store, event, { at: new Date(Date.now() - 10 * 60_000) });
    expect([stale.status, stale.body.code]).toEqual([401, 'ESHOP_WEBHOOK_STALE']);
    const unsigned = await fetch(`${s.url}/api/public/${store.tenant.slug}/payments/test/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(unsigned.status).toBe(401);
    const tampered = await fetch(`${s.url}/api/public/${store.tenant.slug}/payments/test/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-eshop-signature': signatureHeader(await store.secret(), JSON.stringify({ ...event, amount: 1 })) },
      body: JSON.stringify(event),
    });
    expect(tampered.status).toBe(401);
    expect((await s.webhook(store, { ...event, type: 'payment.weird' })).status).toBe(400);
    expect((await s.webhook(store, { ...event, payment: 'tp_unknown' })).status).toBe(404);
    const short = await s.webhook(store, { ...event, id: 'evt_short', amount: 1 });
    expect([short.status, short.body.code]).toEqual([409, 'ESHOP_AMOUNT_MISMATCH']);
    expect((await s.webhook(store, event, { path: `/api/public/${store.tenant.slug}/payments/nope/webhook` })).status).toBe(404);
    expect(await state(store)).toMatchObject({ order: 'new', payment: 'pending' });
    expect(await store.sql(`select count(*)::int as n from payment_event`)).toEqual([{ n: 0 }]);
    const first = await s.webhook(store, event);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const replay = await s.webhook(store, event);
    expect([replay.status, replay.body]).toEqual([200, { received: true, duplicate: true }]);
    const viaPlugin = await s.webhook(store, event, { path: `/api/public/${store.tenant.slug}/x/eshop/payments/test/webhook` });
    expect(viaPlugin.body.duplicate).toBe(true);
    expect(await state(store)).toMatchObject({ order: 'paid', payment: 'paid' });
    expect(await store.sql(`select count(*)::int as n from payment_event`)).toEqual([{ n: 1 }]);
  });

  it('a failed or cancelled payment cancels the order and releases its stock', async () => {
    const store = await s.fresh();
    const placed = await checkout(store, { LAPTOP: 1 });
    expect((await store.pub('GET', '/products/LAPTOP')).body.available).toBe(0);
    await s.webhook(store, { id: 'evt_f', type: 'payment.failed', payment: placed.ref, amount: 8999 });
    expect(await state(store)).toMatchObject({ order: 'cancelled', payment: 'failed' });
    expect(await store.sql(`select status from stock_reservation`)).toEqual([{ status: 'released' }]);
    expect((await store.pub('GET', '/products/LAPTOP')).body.available).toBe(1);
    // Money arriving after that is refunded whole.
    await s.webhook(store, { id: 'evt_late', type: 'payment.succeeded', payment: placed.ref, amount: 8999 });
    expect(await state(store)).toMatchObject({ order: 'cancelled', payment: 'refunded', refunded: 8999 });
    expect(await store.sql(`select reason from payment_refund`)).toEqual([{ reason: 'The order was cancelled before the payment arrived' }]);
    const cancelled = await checkout(store, { LAPTOP: 1 });
    await fetch(`${s.url}${cancelled.payment.redirectUrl}/cancel`, { method: 'POST' });
    expect(await s.until(() => state(store), (v) => v.order === 'cancelled')).toMatchObject({ order: 'cancelled', payment: 'cancelled' });
  });

  it('refunds part and the rest; a refund beyond what was paid, or of an unpaid payment, is refused', async () => {
    const store = await s.fresh();
    const placed = await checkout(store);
    const [payment] = await store.sql(`select id from payment`);
    const refund = (amount: unknown) => store.admin('POST', `/api/records/payment/${payment.id}/actions/refund`, { amount, reason: 'damaged box' });
    expect([(await refund(10)).status, (await refund(10)).body.code]).toEqual([409, 'ESHOP_REFUND_NOT_PAID']);
    await s.webhook(store, { id: 'evt_p', type: 'payment.succeeded', payment: placed.ref, amount: 248.5 });
    const part = await refund(48.5);
    expect(part.status).toBe(200);
    expect(part.body.payment).toMatchObject({ status: 'partially_refunded', refunded: 48.5 });
    const over = await refund(200.01);
    expect([over.status, over.body.code]).toEqual([409, 'ESHOP_REFUND_EXCEEDS']);
    for (const bad of [0, -5, 1.001, 'ten']) expect((await refund(bad)).status).toBe(422);
    const rest = await refund(200);
    expect(rest.body.payment).toMatchObject({ status: 'refunded', refunded: 248.5 });
    expect((await refund(0.01)).status).toBe(409);
    expect(await store.sql(`select amount::float as amount, reason from payment_refund order by created_at`)).toEqual([{ amount: 48.5, reason: 'damaged box' }, { amount: 200, reason: 'damaged box' }]);
    expect(await state(store)).toMatchObject({ payment: 'refunded', refunded: 248.5 });
  });
});
