import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../core/plugins/testing.js';
import { BUYER, storeServer, type Store } from './test-support/store-fixture.js';

const PORTAL_PASSWORD = 'Outside-Buyer-2026';

/** Carts of signed-in portal users: the account's cart, the anonymous cart merged at sign-in, the order placed under their customer. */
describe('eshop: the cart of a signed-in portal user', () => {
  let s: Awaited<ReturnType<typeof storeServer>>;
  beforeAll(async () => {
    s = await storeServer();
  }, 600_000);
  afterAll(async () => s?.close());

  /** A customer with a contact who has accepted a portal invitation: their bearer token and the login answer. */
  const portalBuyer = async (store: Store) => {
    const customer = (await store.admin('POST', '/api/records/customer', { name: 'Lee Trading' })).body.id as string;
    const contact = (await store.admin('POST', '/api/records/contact', { customer, name: 'Ann Lee', email: 'ann@lee.test' })).body.id as string;
    const invited = await store.admin('POST', '/api/portal-users', { entity: 'contact', id: contact, email: 'ann@lee.test', name: 'Ann Lee', role: 'portal_customer' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const accepted = await api(s.url)('POST', '/api/portal/auth/accept', { tenant: store.tenant.slug, token: invited.body.invitation.token, password: PORTAL_PASSWORD });
    expect(accepted.status).toBe(200);
    const bearer = { authorization: `Bearer ${accepted.body.token}` };
    const as = (method: string, path: string, body?: unknown) => store.pub(method, path, body, bearer);
    return { customer, contact, as, token: accepted.body.token as string };
  };

  it('keeps the account cart, merges the anonymous one into it at sign-in and orders under the contact\'s customer', async () => {
    const store = await s.fresh();
    const ann = await portalBuyer(store);
    const mine = await ann.as('POST', '/carts');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ signedIn: true, lines: [] });
    expect((await ann.as('PUT', `/carts/${mine.body.token}/items/KEYBOARD`, { quantity: 1 })).status).toBe(200);

    // Shopping anonymously, then signing in: the anonymous cart moves into the account's.
    const anonymous = await store.cartWith({ MOUSE: 2, KEYBOARD: 1, LAPTOP: 1 });
    const merged = await ann.as('POST', '/carts', { merge: anonymous });
    expect(merged.body.token).toBe(mine.body.token);
    expect(merged.body.lines.map((l: { product: { sku: string }; quantity: number }) => [l.product.sku, l.quantity])).toEqual([['KEYBOARD', 2], ['MOUSE', 2], ['LAPTOP', 1]]);
    expect((await store.pub('GET', `/carts/${anonymous}`)).body.code).toBe('ESHOP_CART_MERGED');
    // Merging again changes nothing; the account's cart is nobody else's.
    expect((await ann.as('POST', '/carts', { merge: anonymous })).body.lines).toHaveLength(3);
    expect((await store.pub('GET', `/carts/${mine.body.token}`)).body.code).toBe('ESHOP_CART_NOT_FOUND');
    expect((await store.pub('PUT', `/carts/${mine.body.token}/items/MOUSE`, { quantity: 1 })).status).toBe(404);
    expect((await store.pub('POST', `/carts/${mine.body.token}/checkout`, BUYER)).status).toBe(404);

    // Checkout: their customer and contact, whatever a body says; only the address is asked.
    expect((await ann.as('DELETE', `/carts/${mine.body.token}/items/${store.products.LAPTOP}`)).status).toBe(200);
    const order = await ann.as('POST', `/carts/${mine.body.token}/checkout`, { address: '1 Main Street', name: 'Mallory', email: 'mallory@evil.test', company: 'Evil Inc' });
    expect(order.status, JSON.stringify(order.body)).toBe(200);
    expect(order.body.order.total).toBe(2 * 149.5 + 2 * 99);
    const [row] = await store.sql(`select customer, contact_email, source from sales_order`);
    expect(row).toEqual({ customer: ann.customer, contact_email: 'ann@lee.test', source: 'store' });
    expect(await store.sql(`select count(*)::int as n from customer`)).toEqual([{ n: 1 }]);
    expect(await store.sql(`select name from contact`)).toEqual([{ name: 'Ann Lee' }]);
    expect(await store.sql(`select status, portal_user is not null as bound, contact from store_cart where token = ?`, [mine.body.token])).toEqual([{ status: 'ordered', bound: true, contact: ann.contact }]);
    // The next visit starts a new account cart.
    const next = await ann.as('POST', '/carts');
    expect(next.body.token).not.toBe(mine.body.token);
    expect(next.body.lines).toEqual([]);
  });

  it('needs the session\'s CSRF token for writes by the portal cookie, and treats an ended session as anonymous', async () => {
    const store = await s.fresh();
    const ann = await portalBuyer(store);
    const login = await api(s.url)('POST', '/api/portal/auth/login', { tenant: store.tenant.slug, email: 'ann@lee.test', password: PORTAL_PASSWORD });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const refused = await store.pub('POST', '/carts', {}, { cookie });
    expect([refused.status, refused.body.code]).toEqual([403, 'CSRF']);
    const byCookie = await store.pub('POST', '/carts', {}, { cookie, 'x-csrf-token': login.body.csrfToken });
    expect(byCookie.body.signedIn).toBe(true);
    expect((await store.pub('GET', `/carts/${byCookie.body.token}`, undefined, { cookie })).status).toBe(200);
    // Signed out: the same cookie is nobody, the account's cart is not theirs any more.
    expect((await api(s.url, ann.token)('POST', '/api/portal/auth/logout')).status).toBe(204);
    const after = await ann.as('POST', '/carts');
    expect(after.body.signedIn).toBe(false);
    expect((await ann.as('GET', `/carts/${byCookie.body.token}`)).status).toBe(404);
  });
});
