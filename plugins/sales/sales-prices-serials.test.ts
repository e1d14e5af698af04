import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Sales-Prices-2026';
const take = (call: Call, id: string, transition: string) => call('POST', `/api/records/sales_order/${id}/transitions/${transition}`, {});
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/**
 * Products per customer over HTTP (S5): 客户价格表, the customer's agreed price winning over the list price on order and
 * quote lines within its validity; serial numbers following their order's shipment; returns (RMA) putting stock back.
 */
describe('sales: per-customer prices, serial numbers and returns', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  const rows: Record<string, Row> = {};
  const create = async (who: string, entity: string, data: Row) => {
    const res = await as[who]('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'prices', adminEmail: 'admin@prices.local', adminPassword: PASSWORD, plugins: ['sales'] }, { knex: db.knex });
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'prices', email, password: PASSWORD })).body.token as string;
    as.admin = api(url, await login('admin@prices.local'));
    for (const [who, roles] of [['director', ['sales_director']], ['lihua', ['account_manager']], ['wangqiang', ['account_manager']]] as const) {
      expect((await as.admin('POST', '/api/users', { email: `${who}@prices.local`, password: PASSWORD, name: who, roles })).status).toBe(201);
      as[who] = api(url, await login(`${who}@prices.local`));
    }
    rows.server = await create('admin', 'product', { sku: 'SRV-9', name: '机架式服务器', price: 1000, category: 'hardware' });
    rows.disk = await create('admin', 'product', { sku: 'SSD-9', name: '固态硬盘', price: 200, category: 'hardware' });
    rows.agreed = await create('lihua', 'customer', { name: '宁波协议价科技有限公司' });
    rows.walkIn = await create('lihua', 'customer', { name: '温州零售电子有限公司' });
    rows.price = await create('director', 'customer_price', { customer: rows.agreed.id, product: rows.server.id, price: 820, valid_from: '2026-01-01', valid_to: '2099-12-31' });
    await create('director', 'customer_price', { customer: rows.agreed.id, product: rows.server.id, price: 780, valid_from: '2030-01-01' }); // not yet valid
    await create('director', 'customer_price', { customer: rows.agreed.id, product: rows.disk.id, price: 150, valid_from: '2024-01-01', valid_to: '2025-12-31' }); // expired
  });
  afterAll(async () => close?.());

  it('prices an order line at the customer’s price; an expired price or another customer gets the list price', async () => {
    const order = await create('lihua', 'sales_order', { customer: rows.agreed.id, order_date: '2026-06-01' });
    expect(await create('lihua', 'order_line', { sales_order: order.id, product: rows.server.id, quantity: 2 })).toMatchObject({ unit_price: 820, amount: 1640 });
    expect(await create('lihua', 'order_line', { sales_order: order.id, product: rows.disk.id, quantity: 1 })).toMatchObject({ unit_price: 200 });
    // The form fills the list price as the product is picked: sent back unchanged, it still becomes the customer's price.
    expect(await create('lihua', 'order_line', { sales_order: order.id, product: rows.server.id, quantity: 1, unit_price: 1000 })).toMatchObject({ unit_price: 820 });
    expect(await create('lihua', 'order_line', { sales_order: order.id, product: rows.server.id, quantity: 1, unit_price: 760 })).toMatchObject({ unit_price: 760 }); // negotiated by hand
    const other = await create('lihua', 'sales_order', { customer: rows.walkIn.id, order_date: '2026-06-01' });
    expect(await create('lihua', 'order_line', { sales_order: other.id, product: rows.server.id, quantity: 1 })).toMatchObject({ unit_price: 1000 });
    const later = await create('lihua', 'sales_order', { customer: rows.agreed.id, order_date: '2031-03-01' });
    expect(await create('lihua', 'order_line', { sales_order: later.id, product: rows.server.id, quantity: 1 })).toMatchObject({ unit_price: 780 }); // the latest start wins
  });

  it('changing a line’s product takes that product’s customer price', async () => {
    const order = await create('lihua', 'sales_order', { customer: rows.agreed.id, order_date: '2026-06-02' });
    const line = await create('lihua', 'order_line', { sales_order: order.id, product: rows.disk.id, quantity: 1 });
    const res = await as.lihua('PATCH', `/api/records/order_line/${line.id}`, { product: rows.server.id }, { 'If-Match': String(line.version) });
    expect([res.status, res.body.unit_price]).toEqual([200, 820]);
  });

  it('gives quote lines the customer’s price as their list price, the discount applying on it', async () => {
    const quote = await create('lihua', 'quote', { title: '服务器采购', customer: rows.agreed.id, quote_date: '2026-06-03' });
    expect(await create('lihua', 'quote_line', { quote: quote.id, product: rows.server.id, quantity: 1, discount_pct: 10 })).toMatchObject({ list_price: 820, unit_price: 738 });
    const other = await create('lihua', 'quote', { title: '服务器采购', customer: rows.walkIn.id, quote_date: '2026-06-03' });
    expect(await create('lihua', 'quote_line', { quote: other.id, product: rows.server.id, quantity: 1, discount_pct: 0 })).toMatchObject({ list_price: 1000 });
  });

  it('lets account managers read their customers’ prices but not set them', async () => {
    const mine = (await as.lihua('GET', `/api/records/customer_price?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'customer' }, rows.agreed.id] }))}`)).body;
    expect(mine.data).toHaveLength(3);
    expect((await as.wangqiang('GET', `/api/records/customer_price/${rows.price.id}`)).status).toBe(404);
    expect((await as.lihua('POST', '/api/records/customer_price', { customer: rows.agreed.id, product: rows.disk.id, price: 1 })).status).toBe(403);
    const bad = await as.director('POST', '/api/records/customer_price', { customer: rows.agreed.id, product: rows.disk.id, price: -5 });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'price']);
    const reversed = await as.director('POST', '/api/records/customer_price', { customer: rows.agreed.id, product: rows.disk.id, price: 1, valid_from: '2026-05-01', valid_to: '2026-04-01' });
    expect([reversed.status, reversed.body.code, reversed.body.errors?.[0]?.field]).toEqual([422, 'PRICE_PERIOD_REVERSED', 'valid_to']);
    expect((await as.lihua('GET', `/api/records/customer_price?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'customer' }, rows.agreed.id] }))}`)).body.data).toHaveLength(3);
  });

  it('ships the serial numbers assigned to the lines and takes a returned unit back into stock', async () => {
    const patch = async (who: string, entity: string, id: string, body: Row) => {
      const current = (await as[who]('GET', `/api/records/${entity}/${id}`)).body;
      return as[who]('PATCH', `/api/records/${entity}/${id}`, body, { 'If-Match': String(current.version) });
    };
    const stock = async () => Number((await as.admin('GET', `/api/records/stock?filter=${encodeURIComponent(JSON.stringify({ and: [{ '==': [{ var: 'product' }, rows.server.id] }, { '==': [{ var: 'warehouse' }, store.id] }] }))}`)).body.data[0]?.quantity ?? 0);
    const serial = async (id: string) => (await as.admin('GET', `/api/records/serial_number/${id}`)).body as Row;
    const store = await create('admin', 'warehouse', { code: 'NB01', name: '宁波仓' });
    await create('admin', 'stock_move', { product: rows.server.id, warehouse: store.id, direction: 'in', quantity: 3, reason: 'purchase' });
    const units = [];
    for (const n of [1, 2, 3]) units.push(await create('admin', 'serial_number', { product: rows.server.id, serial: `SN-NB-00${n}`, warehouse: store.id }));
    const order = await create('lihua', 'sales_order', { customer: rows.agreed.id, warehouse: store.id });
    const line = await create('lihua', 'order_line', { sales_order: order.id, product: rows.server.id, quantity: 2 });
    const diskLine = await create('lihua', 'order_line', { sales_order: order.id, product: rows.disk.id, quantity: 1 });
    for (const unit of units.slice(0, 2)) expect((await patch('director', 'serial_number', unit.id, { order_line: line.id })).status).toBe(200);
    expect((await patch('director', 'serial_number', units[2].id, { order_line: diskLine.id })).status).toBe(422); // another product's line
    await as.admin('POST', '/api/records/stock_move', { product: rows.disk.id, warehouse: store.id, direction: 'in', quantity: 1, reason: 'purchase' });
    expect((await take(as.lihua, order.id, 'confirm')).status).toBe(200);
    expect((await take(as.director, order.id, 'pay')).status).toBe(200);
    const early = await create('lihua', 'sales_order', { customer: rows.agreed.id, warehouse: store.id });
    const notShipped = await as.lihua('POST', '/api/records/sales_return', { sales_order: early.id, product: rows.server.id, reason: '质量问题' });
    expect([notShipped.status, notShipped.body.code]).toEqual([409, 'RETURN_ORDER_NOT_SHIPPED']);
    expect((await take(as.director, order.id, 'ship')).status).toBe(200);
    expect(await serial(units[0].id)).toMatchObject({ status: 'sold', warehouse: null, shipped_with: order.code, order_line: line.id });
    expect((await serial(units[2].id)).status).toBe('in_stock');
    expect(await stock()).toBe(1);

    const wrongUnit = await as.lihua('POST', '/api/records/sales_return', { sales_order: order.id, product: rows.server.id, serial_number: units[2].id, reason: '质量问题' });
    expect([wrongUnit.status, wrongUnit.body.code, wrongUnit.body.errors?.[0]?.field]).toEqual([422, 'RETURN_NOT_ON_ORDER', 'serial_number']);
    const rma = await create('lihua', 'sales_return', { sales_order: order.id, product: rows.server.id, serial_number: units[0].id, reason: '开箱故障' });
    expect(rma).toMatchObject({ status: 'requested', warehouse: store.id, quantity: 1 });
    expect(await stock()).toBe(1);
    const received = await patch('lihua', 'sales_return', rma.id, { status: 'received' });
    expect([received.status, received.body.received_on]).toEqual([200, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
    expect(await serial(units[0].id)).toMatchObject({ status: 'returned', warehouse: store.id });
    expect(await stock()).toBe(2);
    const again = await patch('lihua', 'sales_return', rma.id, { reason: '改口' });
    expect([again.status, again.body.code]).toEqual([409, 'RETURN_RECEIVED']);

    // A unit not on the shelf refuses the shipment whole: nothing issued, nothing marked.
    expect((await patch('director', 'serial_number', units[2].id, { status: 'scrapped' })).status).toBe(200);
    const next = await create('lihua', 'sales_order', { customer: rows.agreed.id, warehouse: store.id });
    const nextLine = await create('lihua', 'order_line', { sales_order: next.id, product: rows.server.id, quantity: 2 });
    for (const unit of [units[0], units[2]]) expect((await patch('director', 'serial_number', unit.id, { order_line: nextLine.id })).status).toBe(200);
    await take(as.lihua, next.id, 'confirm');
    await take(as.director, next.id, 'pay');
    const refused = await take(as.director, next.id, 'ship');
    expect([refused.status, refused.body.code]).toEqual([409, 'SERIAL_NOT_AVAILABLE']);
    expect(await stock()).toBe(2);
    expect((await serial(units[0].id)).status).toBe('returned');
  });
});
