import { createHash, randomBytes } from 'node:crypto';
import { invalidInput, isAppError, problem, todayIn, type FieldProblem, type PluginRouteContext, type PluginRouteDef, type PortalVisitor, type RecordData } from '../../../core/index.js';
import { needsOf } from './availability.js';
import { openCart } from './cart.js';
import { PUBLIC_ROLES, PUBLISHED } from './catalogue.js';
import { providerOf } from './payments/test-provider.js';
import { findOne, listAll, money, type Records } from './records.js';
import { SETTINGS_ACCESS, storeSettings, tenantLocale } from './settings.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

interface Buyer {
  name: string;
  email: string;
  phone?: string;
  company?: string;
  address: string;
  provider: string;
  expectedTotal?: number;
}

const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

/** The buyer's details, every problem at once (422); a signed-in portal user's name and e-mail are their account's. */
const buyerOf = (body: unknown, visitor?: PortalVisitor): Buyer => {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: FieldProblem[] = [];
  const name = visitor ? visitor.name.slice(0, 100) : str(b.name, 100);
  const email = visitor ? visitor.email.toLowerCase() : str(b.email, 200)?.toLowerCase();
  const address = str(b.address, 200);
  if (!name) errors.push({ field: 'name', message: 'is required' });
  if (!email || !EMAIL.test(email)) errors.push({ field: 'email', message: 'must be an e-mail address' });
  if (!address) errors.push({ field: 'address', message: 'is required' });
  if (b.expectedTotal !== undefined && !Number.isFinite(Number(b.expectedTotal))) errors.push({ field: 'expectedTotal', message: 'must be a number' });
  if (errors.length) throw invalidInput('The checkout needs a name, an e-mail address and a delivery address', errors);
  return { name: name!, email: email!, address: address!, phone: str(b.phone, 40), company: str(b.company, 200), provider: str(b.provider, 40) ?? 'test', expectedTotal: b.expectedTotal === undefined ? undefined : money(b.expectedTotal) };
};

/** An earlier checkout with the same key: its answer again, or 422 when the key came with another request. */
const replayOf = async (records: Records, keyHash: string, requestHash: string): Promise<unknown> => {
  const done = await findOne(records, 'store_checkout', { '==': [{ var: 'key_hash' }, keyHash] });
  if (!done) return undefined;
  if (done.request_hash !== requestHash) {
    throw problem('IDEMPOTENCY_KEY_REUSED', {}, { errors: [{ field: 'Idempotency-Key', message: 'was used for a different request', code: 'IDEMPOTENCY_KEY_REUSED' }] });
  }
  return { ...(done.answer as object), replayed: true };
};

/** The buyer's contact (found by e-mail) and customer, or new ones; a signed-in portal user's are their account's (403 without a customer). */
const customerOf = async (records: Records, buyer: Buyer, visitor?: PortalVisitor): Promise<{ customer: string; contact: string | null }> => {
  if (visitor) {
    const { customer, contact } = visitor.attributes;
    if (typeof customer !== 'string' || !customer) throw problem('ESHOP_PORTAL_NO_CUSTOMER');
    return { customer, contact: typeof contact === 'string' && contact ? contact : null };
  }
  const known = await findOne(records, 'contact', { '==': [{ var: 'email' }, buyer.email] }, ['customer']);
  if (known?.customer) return { customer: String(known.customer), contact: String(known.id) };
  const customer = await records.create('customer', { name: buyer.company ?? buyer.name });
  const contact = await records.create('contact', { customer: customer.id, name: buyer.name, email: buyer.email, ...(buyer.phone && { phone: buyer.phone }) });
  return { customer: String(customer.id), contact: String(contact.id) };
};

/** The cart's lines with their products at catalogue prices; 404 for a product no longer for sale, 422 for an empty cart. */
const linesOf = async (records: Records, cart: RecordData): Promise<{ product: RecordData; quantity: number }[]> => {
  const items = await listAll(records, 'store_cart_item', { filter: { '==': [{ var: 'cart' }, cart.id] }, fields: ['product', 'quantity'], sort: 'created_at' });
  if (!items.length) throw problem('ESHOP_CART_EMPTY');
  const ids = items.map((i) => String(i.product));
  const products = await listAll(records, 'product', { filter: { and: [PUBLISHED, { in: [{ var: 'id' }, ids] }] }, fields: ['sku', 'name', 'category', 'price'] });
  return items.map((i) => {
    const product = products.find((p) => p.id === i.product);
    if (!product) throw problem('ESHOP_UNKNOWN_PRODUCT', { product: String(i.product) });
    return { product, quantity: Number(i.quantity) };
  });
};

/** Holds what the order takes from stock (bundles by their components), product by product in id order so concurrent checkouts never deadlock. */
const reserve = async (records: Records, order: string, customer: string, lines: { product: RecordData; quantity: number }[], until: Date): Promise<void> => {
  const needs = await needsOf(records, lines.map((l) => l.product), customer);
  const total = new Map<string, number>();
  for (const l of lines) for (const [part, per] of needs.get(String(l.product.id)) ?? []) total.set(part, (total.get(part) ?? 0) + per * l.quantity);
  for (const [product, quantity] of [...total].sort(([a], [b]) => a.localeCompare(b))) {
    await records.create('stock_reservation', { product, sales_order: order, quantity, expires_at: until.toISOString() });
  }
};

const place = async (ctx: PluginRouteContext, cart: RecordData, checkout: RecordData, buyer: Buyer) => {
  const records = ctx.records;
  const lines = await linesOf(records, cart);
  const total = money(lines.reduce((n, l) => n + money(l.product.price ?? 0) * l.quantity, 0));
  if (buyer.expectedTotal !== undefined && buyer.expectedTotal !== total) {
    throw problem('ESHOP_PRICE_CHANGED', { product: 'the cart', price: total, sent: buyer.expectedTotal }, { errors: [{ field: 'expectedTotal', message: 'is not the catalogue total' }] });
  }
  const provider = providerOf(buyer.provider);
  const settings = await storeSettings(records);
  if (provider.name === 'test' && !settings.testProvider) throw problem('ESHOP_TEST_PROVIDER_OFF');
  const { currency, timeZone } = await tenantLocale(ctx);
  const who = await customerOf(records, buyer, ctx.portalUser);
  const order = await records.create('sales_order', {
    customer: who.customer,
    order_date: todayIn(timeZone),
    source: 'store',
    contact_email: buyer.email,
    delivery_address: buyer.address,
  });
  for (const l of lines) await records.create('order_line', { sales_order: order.id, product: l.product.id, quantity: l.quantity, unit_price: money(l.product.price ?? 0) });
  await reserve(records, String(order.id), who.customer, lines, new Date(Date.now() + settings.reservationMinutes * 60_000));
  const accessToken = randomBytes(24).toString('base64url');
  const payment = await records.create('payment', { sales_order: order.id, provider: provider.name, amount: total, refunded_amount: 0, currency, status: 'pending', return_url: `/store/${ctx.tenant.slug}?order=${accessToken}` });
  const started = await provider.createPayment({ paymentId: String(payment.id), number: String(payment.number), orderCode: String(order.code), amount: total, currency, tenant: ctx.tenant.slug });
  await records.update('payment', String(payment.id), { provider_ref: started.providerRef });
  await records.update('store_cart', String(cart.id), { status: 'ordered', contact: who.contact });
  const answer = {
    order: { code: order.code, status: 'new', total, currency, token: accessToken },
    payment: { number: payment.number, provider: provider.name, status: 'pending', redirectUrl: started.redirectUrl },
  };
  await records.update('store_checkout', String(checkout.id), { sales_order: order.id, access_token: accessToken, answer });
  return answer;
};

/**
 * POST /carts/:token/checkout {name, email, address, phone?, company?, provider?, expectedTotal?}
 * (`Idempotency-Key` honoured): the buyer's customer and contact (found by e-mail, or
 * new), a sales order in state new from the store with its lines at catalogue prices, its
 * stock reserved for the time the store settings give, and a payment started with the
 * provider. One transaction: a refusal (out of stock, a changed price, an expired cart)
 * leaves nothing behind.
 */
export const checkoutRoute: PluginRouteDef = {
  method: 'POST',
  path: '/carts/:token/checkout',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const buyer = buyerOf(req.body, ctx.portalUser);
    const key = req.headers['idempotency-key'];
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) throw invalidInput('Idempotency-Key must be 1 to 255 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'not a valid key' }]);
    const keyHash = key ? sha(`${req.params.token}:${key}`) : undefined;
    const requestHash = sha(`${req.params.token}:${JSON.stringify(req.body ?? null)}`);
    if (keyHash) {
      const replay = await replayOf(ctx.records, keyHash, requestHash);
      if (replay) return replay;
    }
    const cart = await openCart(ctx.records, req.params.token, ctx.portalUser);
    let checkout: RecordData;
    try {
      checkout = await ctx.records.create('store_checkout', { key_hash: keyHash, request_hash: requestHash, cart: cart.id });
    } catch (e) {
      // The same key, sent again while the first was running: that one has finished now.
      if (keyHash && isAppError(e) && e.code === 'UNIQUE_VIOLATION') return (await replayOf(ctx.records, keyHash, requestHash)) ?? Promise.reject(e);
      throw e;
    }
    return place(ctx, cart, checkout, buyer);
  },
};

/** GET /orders/:token: the buyer's order page (the token came with the checkout's answer): state, lines and payment. */
export const orderRoute: PluginRouteDef = {
  method: 'GET',
  path: '/orders/:token',
  public: true,
  publicRoles: PUBLIC_ROLES,
  async handler(req, ctx) {
    const token = req.params.token;
    const checkout = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await findOne(ctx.records, 'store_checkout', { '==': [{ var: 'access_token' }, token] }) : undefined;
    if (!checkout?.sales_order) throw problem('ESHOP_ORDER_NOT_FOUND');
    const order = await ctx.records.get('sales_order', String(checkout.sales_order), { fields: ['code', 'status', 'order_date', 'total', 'delivery_address'] });
    const lines = await listAll(ctx.records, 'order_line', { filter: { '==': [{ var: 'sales_order' }, order.id] }, fields: ['product.name', 'product.sku', 'quantity', 'unit_price', 'amount'] });
    const payments = await listAll(ctx.records, 'payment', { filter: { '==': [{ var: 'sales_order' }, order.id] }, fields: ['number', 'status', 'amount', 'refunded_amount', 'currency', 'provider'], sort: 'created_at' });
    const answer = checkout.answer as { order?: { currency?: string }; payment?: { redirectUrl?: string } } | null;
    const last = payments[payments.length - 1];
    return {
      code: order.code,
      status: order.status,
      orderDate: order.order_date,
      total: money(order.total ?? 0),
      currency: answer?.order?.currency ?? last?.currency ?? null,
      deliveryAddress: order.delivery_address ?? null,
      lines: lines.map((l) => {
        const r = l as Record<string, unknown>;
        return { sku: r['product.sku'] ?? null, name: r['product.name'] ?? null, quantity: Number(l.quantity), unitPrice: money(l.unit_price), amount: money(l.amount) };
      }),
      payment: last ? { number: last.number, status: last.status, amount: money(last.amount), refunded: money(last.refunded_amount ?? 0), redirectUrl: last.status === 'pending' ? answer?.payment?.redirectUrl ?? null : null } : null,
    };
  },
};
