import type { Knex } from 'knex';
import { api, provisionTenant, startTestServer, withTenant, type Tenant } from '../../../core/plugins/testing.js';
import { signatureHeader } from '../server/payments/signature.js';

const PASSWORD = 'Store-Tests-2026';

export type Call = ReturnType<typeof api>;

export interface Store {
  tenant: Tenant;
  admin: Call;
  /** The admin's bearer token, for requests `admin` cannot send (raw file bodies). */
  adminToken: string;
  /** Anonymous calls to /api/public/<tenant>/x/eshop/<path>. */
  pub: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => ReturnType<Call>;
  /** Products by SKU (published unless said otherwise), stocked in one warehouse. */
  products: Record<string, string>;
  sql: <T = any>(query: string, bindings?: unknown[]) => Promise<T[]>;
  secret: () => Promise<string>;
  /** PATCH a record as the admin, with the version it has now. */
  patch: (entity: string, id: string, data: object) => ReturnType<Call>;
  /** A cart holding `quantity` of each SKU. */
  cartWith: (items: Record<string, number>) => Promise<string>;
}

interface ProductSpec {
  sku: string;
  price: number;
  stock?: number;
  category?: string;
  published?: boolean;
  components?: Record<string, number>;
}

export const DEFAULT_PRODUCTS: ProductSpec[] = [
  { sku: 'MOUSE', price: 99, stock: 5, category: 'accessory' },
  { sku: 'KEYBOARD', price: 149.5, stock: 3, category: 'accessory' },
  { sku: 'LAPTOP', price: 8999, stock: 1, category: 'hardware' },
  { sku: 'TRAINING', price: 600, category: 'service' },
  { sku: 'SECRET', price: 10, stock: 10, category: 'hardware', published: false },
  { sku: 'KIT', price: 240, category: 'accessory', components: { MOUSE: 1, KEYBOARD: 1 } },
];

/** One server (rate limits off) over a fresh database; `fresh()` gives a new tenant with the store and a small catalogue. */
export const storeServer = async () => {
  const started = await startTestServer({ config: { rateLimits: { perAddress: 0, perKey: 0, perTenant: 0 } } });
  const knex: Knex = started.db.knex;
  const url = started.url;
  let n = 0;
  const fresh = async (specs: ProductSpec[] = DEFAULT_PRODUCTS): Promise<Store> => {
    n += 1;
    const slug = `shop_${n}_${Math.random().toString(36).slice(2, 6)}`;
    const { tenant } = await provisionTenant({ slug, adminEmail: `admin@${slug}.local`, adminPassword: PASSWORD, plugins: ['eshop'] }, { knex });
    // Provisioning outlasts the server's keep-alive: a pooled socket may be closed under the first request, so it is tried twice.
    const signIn = () => api(url)('POST', '/api/auth/login', { tenant: slug, email: `admin@${slug}.local`, password: PASSWORD });
    const login = await signIn().catch(() => signIn());
    const admin = api(url, login.body.token);
    const pub: Store['pub'] = (method, path, body, headers) => api(url)(method, `/api/public/${slug}/x/eshop${path}`, body, headers);
    const sql = async (query: string, bindings: unknown[] = []): Promise<any[]> => withTenant(knex, tenant, async (trx) => (await trx.raw(query, bindings as any)).rows);
    const warehouse = (await admin('POST', '/api/records/warehouse', { code: 'W1', name: 'Main' })).body;
    const products: Record<string, string> = {};
    for (const s of specs) {
      const made = await admin('POST', '/api/records/product', { sku: s.sku, name: `Product ${s.sku}`, price: s.price, category: s.category ?? 'hardware', published: s.published ?? true, specification: `Spec of ${s.sku}` });
      if (made.status !== 201) throw new Error(`product ${s.sku}: ${JSON.stringify(made.body)}`);
      products[s.sku] = made.body.id;
      if (s.stock) await admin('POST', '/api/records/stock_move', { product: made.body.id, warehouse: warehouse.id, direction: 'in', quantity: s.stock, reason: 'purchase' });
      for (const [sku, quantity] of Object.entries(s.components ?? {})) await admin('POST', '/api/records/product_bundle_item', { bundle: made.body.id, component: products[sku], quantity });
    }
    const secret = async () => (await sql(`select webhook_secret from store_settings where name = 'default'`))[0].webhook_secret;
    const cartWith = async (items: Record<string, number>) => {
      const cart = await pub('POST', '/carts');
      for (const [sku, quantity] of Object.entries(items)) {
        const put = await pub('PUT', `/carts/${cart.body.token}/items/${sku}`, { quantity });
        if (put.status !== 200) throw new Error(`cart ${sku}: ${JSON.stringify(put.body)}`);
      }
      return cart.body.token as string;
    };
    const patch = async (entity: string, id: string, data: object) => {
      const current = await admin('GET', `/api/records/${entity}/${id}`);
      return admin('PATCH', `/api/records/${entity}/${id}`, data, { 'if-match': String(current.body.version) });
    };
    return { tenant, admin, adminToken: login.body.token as string, pub, products, sql, secret, cartWith, patch };
  };
  /** POSTs a signed provider event to the fixed webhook address. */
  const webhook = (store: Store, event: object, opts: { secret?: string; at?: Date; path?: string } = {}) =>
    (async () => {
      const body = JSON.stringify(event);
      const secret = opts.secret ?? (await store.secret());
      return api(url)('POST', opts.path ?? `/api/public/${store.tenant.slug}/payments/test/webhook`, body, { 'x-eshop-signature': signatureHeader(secret, body, opts.at), 'content-type': 'application/json' });
    })();
  /** Polls until `check` holds (or the deadline passes). */
  const until = async <T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = await read();
      if (check(v) || Date.now() > deadline) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { knex, url, fresh, webhook, until, close: () => started.server.close() };
};

export const BUYER = { name: 'Ann Lee', email: 'ann@example.test', address: '1 Main Street, Springfield', phone: '+86 10 5555 0101' };
