import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownOrShared } from '../../core/index.js';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';
import { stockDemand, type BundleRow } from './seed/seed-orders.js';

const PASSWORD = 'Sales-Bundles-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/**
 * 客户专用组合明细 (S5): a bundle's rows for one customer replace its generic rows for that
 * customer, in the shipment's stock issue, in what a return may bring back and in the demo
 * seed's stocking; never both, never another customer's.
 */
describe('sales: bundle contents of one customer', () => {
  let close: () => Promise<void>;
  let as: Call;
  const rows: Record<string, Row> = {};
  const create = async (entity: string, data: Row) => {
    const res = await as('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const take = (id: string, transition: string) => as('POST', `/api/records/sales_order/${id}/transitions/${transition}`, {});
  const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));
  const issued = async (order: Row) =>
    (await as('GET', `/api/records/stock_move?filter=${q({ '==': [{ var: 'reference' }, order.code] })}&fields=product,quantity,direction`)).body.data
      .filter((m: Row) => m.direction === 'out')
      .map((m: Row) => [m.product, Number(m.quantity)])
      .sort();
  /** A shipped order of `quantity` kits for `customer`. */
  const shipped = async (customer: Row, quantity: number) => {
    const order = await create('sales_order', { customer: customer.id, warehouse: rows.warehouse.id });
    await create('order_line', { sales_order: order.id, product: rows.kit.id, quantity });
    for (const step of ['confirm', 'pay', 'ship']) {
      const res = await take(order.id, step);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    return (await as('GET', `/api/records/sales_order/${order.id}`)).body as Row;
  };

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'bundles', adminEmail: 'admin@bundles.local', adminPassword: PASSWORD, plugins: ['sales'] }, { knex: db.knex });
    as = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'bundles', email: 'admin@bundles.local', password: PASSWORD })).body.token);
    rows.warehouse = await create('warehouse', { code: 'HZ01', name: '杭州仓' });
    for (const [key, sku] of [['server', 'SRV-1'], ['disk', 'SSD-1'], ['rack', 'RACK-1'], ['ups', 'UPS-1']] as const) {
      rows[key] = await create('product', { sku, name: sku, price: 100, category: 'hardware' });
      await create('stock_move', { product: rows[key].id, warehouse: rows.warehouse.id, direction: 'in', quantity: 20, reason: 'purchase' });
    }
    rows.kit = await create('product', { sku: 'KIT-1', name: '机房套装', price: 900, category: 'hardware' });
    rows.agreed = await create('customer', { name: '宁波专属套装有限公司' });
    rows.other = await create('customer', { name: '温州另一家有限公司' });
    rows.plain = await create('customer', { name: '台州普通客户有限公司' });
    // Everyone: a server and two disks. 宁波: a server and a rack. 温州: an UPS.
    await create('product_bundle_item', { bundle: rows.kit.id, component: rows.server.id, quantity: 1 });
    await create('product_bundle_item', { bundle: rows.kit.id, component: rows.disk.id, quantity: 2 });
    await create('product_bundle_item', { bundle: rows.kit.id, component: rows.server.id, quantity: 1, customer: rows.agreed.id });
    await create('product_bundle_item', { bundle: rows.kit.id, component: rows.rack.id, quantity: 1, customer: rows.agreed.id });
    await create('product_bundle_item', { bundle: rows.kit.id, component: rows.ups.id, quantity: 1, customer: rows.other.id });
  });
  afterAll(async () => close?.());

  it('issues a bundle by the customer’s own contents where it has them, else by the generic ones', async () => {
    const agreed = await shipped(rows.agreed, 2);
    expect(await issued(agreed)).toEqual([[rows.server.id, 2], [rows.rack.id, 2]].sort());
    const other = await shipped(rows.other, 1);
    expect(await issued(other)).toEqual([[rows.ups.id, 1]]);
    const plain = await shipped(rows.plain, 3);
    expect(await issued(plain)).toEqual([[rows.server.id, 3], [rows.disk.id, 6]].sort());
  });

  it('refuses a shipment when the customer’s own components are short, naming them', async () => {
    const order = await create('sales_order', { customer: rows.other.id, warehouse: rows.warehouse.id });
    await create('order_line', { sales_order: order.id, product: rows.kit.id, quantity: 50 });
    for (const step of ['confirm', 'pay']) expect((await take(order.id, step)).status).toBe(200);
    const refused = await take(order.id, 'ship');
    expect([refused.status, refused.body.code]).toEqual([409, 'INSUFFICIENT_STOCK']);
    expect(refused.body.detail).toContain('UPS-1');
    expect(refused.body.detail).not.toMatch(/SRV-1|SSD-1|RACK-1/);
  });

  it('takes back only what went out for that customer', async () => {
    const agreed = await shipped(rows.agreed, 1);
    const rack = await as('POST', '/api/records/sales_return', { sales_order: agreed.id, product: rows.rack.id, quantity: 1, reason: '多发' });
    expect(rack.status, JSON.stringify(rack.body)).toBe(201);
    const disk = await as('POST', '/api/records/sales_return', { sales_order: agreed.id, product: rows.disk.id, quantity: 1, reason: '多发' });
    expect([disk.status, disk.body.code, disk.body.errors?.[0]?.field]).toEqual([422, 'RETURN_NOT_ON_ORDER', 'product']);
    const ups = await as('POST', '/api/records/sales_return', { sales_order: agreed.id, product: rows.ups.id, quantity: 1, reason: '多发' });
    expect([ups.status, ups.body.code]).toEqual([422, 'RETURN_NOT_ON_ORDER']);
    const plain = await shipped(rows.plain, 1);
    expect((await as('POST', '/api/records/sales_return', { sales_order: plain.id, product: rows.disk.id, quantity: 1, reason: '多发' })).status).toBe(201);
    expect((await as('POST', '/api/records/sales_return', { sales_order: plain.id, product: rows.rack.id, quantity: 1, reason: '多发' })).status).toBe(422);
  });

  it('stocks the demo orders by each customer’s contents', () => {
    const bundle: BundleRow[] = [
      { bundle: 'kit', component: 'server', quantity: 1, customer: null },
      { bundle: 'kit', component: 'disk', quantity: 2, customer: null },
      { bundle: 'kit', component: 'rack', quantity: 1, customer: 'agreed' },
      { bundle: 'kit', component: 'ups', quantity: 3, customer: 'other' },
    ];
    const kit = { id: 'kit', sku: 'KIT', price: 1, category: null, track_lots: false };
    const order = (customer: string, status: string, quantity: number) => ({ customer: { id: customer }, warehouse: 'w', status, lines: [{ product: kit, quantity, unitPrice: 1 }] });
    const demand = stockDemand([order('agreed', 'shipped', 2), order('plain', 'completed', 1), order('other', 'new', 5)], bundle);
    expect(Object.fromEntries(demand)).toEqual({ 'rack|w': 2, 'server|w': 1, 'disk|w': 2 });
  });

  it('chooses, per group, the party’s own rows, else the shared ones; never another party’s', () => {
    const r = [
      { g: 'a', who: null, n: 1 },
      { g: 'a', who: 'x', n: 2 },
      { g: 'b', who: null, n: 3 },
      { g: 'c', who: 'y', n: 4 },
    ];
    const pick = (party: string | null) => ownOrShared(r, { group: 'g', owner: 'who' }, party).map((x) => x.n);
    expect(pick('x')).toEqual([2, 3]);
    expect(pick('y')).toEqual([1, 3, 4]);
    expect(pick('z')).toEqual([1, 3]);
    expect(pick(null)).toEqual([1, 3]);
  });
});
