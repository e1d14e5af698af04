import { randomBytes } from 'node:crypto';
import { problem, type PluginRouteContext, type PluginRouteDef, type PortalVisitor, type RecordData } from '../../../core/index.js';
import { availability, visitorCustomer } from './availability.js';
import { PUBLIC_ROLES, publishedProduct, shapeProduct } from './catalogue.js';
import { findOne, listAll, money, type Records } from './records.js';
import { SETTINGS_ACCESS, readStoreSettings, tenantLocale } from './settings.js';

/** Most units of one product a cart holds. */
export const MAX_QUANTITY = 999;

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/**
 * The open cart of a token: 404 unknown (or a signed-in portal user's cart asked for by
 * anyone else), 410 expired, 409 already checked out or merged into an account's cart.
 */
export const openCart = async (records: Records, token: string, visitor?: PortalVisitor, now = new Date()): Promise<RecordData> => {
  const cart = TOKEN.test(token) ? await findOne(records, 'store_cart', { '==': [{ var: 'token' }, token] }) : undefined;
  if (!cart || (cart.portal_user && cart.portal_user !== visitor?.id)) throw problem('ESHOP_CART_NOT_FOUND');
  if (cart.status === 'ordered') throw problem('ESHOP_CART_ORDERED');
  if (cart.status === 'merged') throw problem('ESHOP_CART_MERGED');
  if (new Date(String(cart.expires_at)).getTime() <= now.getTime()) throw problem('ESHOP_CART_EXPIRED');
  return cart;
};

/** A whole number of units from 1 to `max`, or 422 ESHOP_BAD_QUANTITY naming the field. */
export const quantityOf = (value: unknown, max = MAX_QUANTITY): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw problem('ESHOP_BAD_QUANTITY', { max }, { errors: [{ field: 'quantity', message: `must be a whole number from 1 to ${max}` }] });
  }
  return value;
};

/** The cart's lines with their products as the catalogue shows them now (to `visitor`, the cart's portal user or none), and the total. */
export const cartView = async (records: Records, cart: RecordData, meta: Parameters<typeof shapeProduct>[1], currency: string, visitor?: PortalVisitor) => {
  const items = await listAll(records, 'store_cart_item', { filter: { '==': [{ var: 'cart' }, cart.id] }, fields: ['product', 'quantity'], sort: 'created_at' });
  const ids = items.map((i) => String(i.product));
  const products = ids.length ? await listAll(records, 'product', { filter: { and: [{ in: [{ var: 'id' }, ids] }, { '==': [{ var: 'published' }, true] }, { '==': [{ var: 'active' }, true] }] } }) : [];
  const free = await availability(records, products, visitorCustomer(visitor));
  const lines = items.flatMap((i) => {
    const p = products.find((x) => x.id === i.product);
    if (!p) return []; // no longer for sale: left out of the cart (and of its checkout)
    const product = shapeProduct(p, meta, currency, free.get(String(p.id)) ?? null);
    return [{ product, quantity: Number(i.quantity), amount: money(product.price * Number(i.quantity)) }];
  });
  return { token: cart.token, expiresAt: cart.expires_at, signedIn: Boolean(cart.portal_user), currency, lines, total: money(lines.reduce((n, l) => n + l.amount, 0)) };
};

/** The signed-in portal user's open cart (its time renewed), or a new one for them. */
const accountCart = async (ctx: PluginRouteContext, visitor: PortalVisitor, expires: Date): Promise<RecordData> => {
  const now = new Date().toISOString();
  const mine = await findOne(ctx.records, 'store_cart', { and: [{ '==': [{ var: 'portal_user' }, visitor.id] }, { '==': [{ var: 'status' }, 'open'] }, { '>': [{ var: 'expires_at' }, now] }] });
  const contact = typeof visitor.attributes.contact === 'string' ? visitor.attributes.contact : null;
  if (mine) return ctx.records.update('store_cart', String(mine.id), { expires_at: expires.toISOString() });
  return ctx.records.create('store_cart', { token: randomBytes(24).toString('base64url'), status: 'open', expires_at: expires.toISOString(), portal_user: visitor.id, contact });
};

/**
 * Moves an anonymous visitor's cart into the account's cart at sign-in: quantities of the
 * same product add up (at most what is available), products no longer for sale are left
 * behind, and the anonymous cart is marked merged. A token that is not an open anonymous
 * cart merges nothing.
 */
const mergeInto = async (ctx: PluginRouteContext, target: RecordData, token: unknown): Promise<void> => {
  if (typeof token !== 'string' || !TOKEN.test(token) || token === target.token) return;
  const from = await findOne(ctx.records, 'store_cart', { '==': [{ var: 'token' }, token] });
  if (!from || from.portal_user || from.status !== 'open' || new Date(String(from.expires_at)).getTime() <= Date.now()) return;
  const items = await listAll(ctx.records, 'store_cart_item', { filter: { '==': [{ var: 'cart' }, from.id] }, fields: ['product', 'quantity'], sort: 'created_at' });
  const ids = items.map((i) => String(i.product));
  const products = ids.length ? await listAll(ctx.records, 'product', { filter: { and: [{ in: [{ var: 'id' }, ids] }, { '==': [{ var: 'published' }, true] }, { '==': [{ var: 'active' }, true] }] }, fields: ['category'] }) : [];
  const free = await availability(ctx.records, products, visitorCustomer(ctx.portalUser));
  for (const item of items) {
    const product = products.find((p) => p.id === item.product);
    if (!product) continue;
    const available = free.get(String(product.id));
    const cap = available === null || available === undefined ? MAX_QUANTITY : Math.min(MAX_QUANTITY, available);
    const line = await findOne(ctx.records, 'store_cart_item', { and: [{ '==': [{ var: 'cart' }, target.id] }, { '==': [{ var: 'product' }, product.id] }] });
    const quantity = Math.min(Number(line?.quantity ?? 0) + Number(item.quantity), cap);
    if (quantity < 1 || quantity === Number(line?.quantity ?? 0)) continue;
    if (line) await ctx.records.update('store_cart_item', String(line.id), { quantity });
    else await ctx.records.create('store_cart_item', { cart: target.id, product: product.id, quantity });
  }
  await ctx.records.update('store_cart', String(from.id), { status: 'merged' });
};

/**
 * POST /carts {merge?}: for an anonymous visitor a new, empty cart (its token is theirs to
 * keep); for a signed-in portal user their account's cart (found, or new), into which the
 * anonymous cart of the token `merge` moves.
 */
export const newCartRoute: PluginRouteDef = {
  method: 'POST',
  path: '/carts',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const settings = await readStoreSettings(ctx.records);
    const expires = new Date(Date.now() + settings.cartDays * 86_400_000);
    const visitor = ctx.portalUser;
    let cart: RecordData;
    if (visitor) {
      cart = await accountCart(ctx, visitor, expires);
      await mergeInto(ctx, cart, (req.body as Record<string, unknown> | undefined)?.merge);
    } else {
      cart = await ctx.records.create('store_cart', { token: randomBytes(24).toString('base64url'), status: 'open', expires_at: expires.toISOString() });
    }
    return cartView(ctx.records, cart, ctx.meta, (await tenantLocale(ctx)).currency, ctx.portalUser);
  },
};

/** GET /carts/:token: the cart, priced now. */
export const cartRoute: PluginRouteDef = {
  method: 'GET',
  path: '/carts/:token',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const cart = await openCart(ctx.records, req.params.token, ctx.portalUser);
    return cartView(ctx.records, cart, ctx.meta, (await tenantLocale(ctx)).currency, ctx.portalUser);
  },
};

/**
 * PUT /carts/:token/items/:product {quantity, price?}: sets how many of a published product
 * the cart holds (at most what is available). `price`, when sent, is what the visitor was
 * shown: a different catalogue price is 409 ESHOP_PRICE_CHANGED and nothing changes.
 */
export const putItemRoute: PluginRouteDef = {
  method: 'PUT',
  path: '/carts/:token/items/:product',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const cart = await openCart(ctx.records, req.params.token, ctx.portalUser);
    const product = await publishedProduct(ctx.records, req.params.product, ['sku', 'name', 'category', 'price']);
    const available = (await availability(ctx.records, [product], visitorCustomer(ctx.portalUser))).get(String(product.id));
    const quantity = quantityOf(body.quantity, available === null || available === undefined ? MAX_QUANTITY : Math.min(MAX_QUANTITY, available));
    if (body.price !== undefined && money(body.price) !== money(product.price ?? 0)) {
      throw problem('ESHOP_PRICE_CHANGED', { product: String(product.sku), price: money(product.price ?? 0), sent: String(body.price).slice(0, 20) }, { errors: [{ field: 'price', message: 'is not the catalogue price' }] });
    }
    const line = await findOne(ctx.records, 'store_cart_item', { and: [{ '==': [{ var: 'cart' }, cart.id] }, { '==': [{ var: 'product' }, product.id] }] });
    if (line) await ctx.records.update('store_cart_item', String(line.id), { quantity });
    else await ctx.records.create('store_cart_item', { cart: cart.id, product: product.id, quantity });
    return cartView(ctx.records, cart, ctx.meta, (await tenantLocale(ctx)).currency, ctx.portalUser);
  },
};

/** DELETE /carts/:token/items/:product: takes a product out of the cart. */
export const deleteItemRoute: PluginRouteDef = {
  method: 'DELETE',
  path: '/carts/:token/items/:product',
  public: true,
  publicRoles: PUBLIC_ROLES,
  portalSession: true,
  systemAccess: SETTINGS_ACCESS,
  async handler(req, ctx) {
    const cart = await openCart(ctx.records, req.params.token, ctx.portalUser);
    const line = /^[0-9a-f-]{36}$/i.test(req.params.product)
      ? await findOne(ctx.records, 'store_cart_item', { and: [{ '==': [{ var: 'cart' }, cart.id] }, { '==': [{ var: 'product' }, req.params.product] }] })
      : undefined;
    if (line) await ctx.records.delete('store_cart_item', String(line.id));
    return cartView(ctx.records, cart, ctx.meta, (await tenantLocale(ctx)).currency, ctx.portalUser);
  },
};
