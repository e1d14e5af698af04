import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Sales-Flow-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/** Leads to customers, opportunities through their stages, and orders through shipment, over HTTP as the users who do them. */
describe('sales: lead conversion, opportunity stages, order lifecycle', () => {
  let close: () => Promise<void>;
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};
  const post = (who: string, path: string, body?: unknown) => as[who]('POST', path, body);
  const get = async (who: string, path: string) => (await as[who]('GET', path)).body;
  const patch = async (who: string, entity: string, id: string, body: unknown) => {
    const current = await as[who]('GET', `/api/records/${entity}/${id}`);
    return as[who]('PATCH', `/api/records/${entity}/${id}`, body, { 'If-Match': String(current.body.version) });
  };
  const take = (who: string, entity: string, id: string, transition: string) => post(who, `/api/records/${entity}/${id}/transitions/${transition}`);

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'flow', adminEmail: 'admin@flow.local', adminPassword: PASSWORD, plugins: ['sales'] }, { knex: db.knex });
    const login = async (email: string) => (await api(url)('POST', '/api/auth/login', { tenant: 'flow', email, password: PASSWORD })).body;
    const admin = await login('admin@flow.local');
    as.admin = api(url, admin.token);
    for (const [who, roles] of [['director', ['sales_director']], ['lihua', ['account_manager']], ['wangqiang', ['account_manager']], ['ceo', ['executive']]] as const) {
      const made = await as.admin('POST', '/api/users', { email: `${who}@flow.local`, password: PASSWORD, name: who, roles });
      expect(made.status).toBe(201);
      ids[who] = made.body.id;
      as[who] = api(url, (await login(`${who}@flow.local`)).token);
    }
  });
  afterAll(async () => close?.());

  let lead: Row;
  let converted: { lead: Row; customer: Row; contact: Row; opportunity: Row };

  it('qualifies a lead and converts it, in one transaction, into a customer, a contact and an opportunity', async () => {
    const made = await post('lihua', '/api/records/lead', { company: '杭州云栖数据有限公司', contact_name: '陈静', job_title: 'IT经理', phone: '0571-88886666', source: 'website', region: 'east', industry: 'it', score: 70, description: '采购服务器与维保' });
    expect(made.status).toBe(201);
    lead = made.body;
    expect(lead).toMatchObject({ status: 'new', owner_id: ids.lihua });
    const early = await post('lihua', `/api/records/lead/${lead.id}/actions/convert`, {});
    expect([early.status, early.body.code]).toEqual([409, 'WRONG_STATE']);
    expect((await patch('lihua', 'lead', lead.id, { customer: lead.id })).status).toBe(422);
    expect((await take('lihua', 'lead', lead.id, 'qualify')).body.status).toBe('qualified');
    expect((await take('lihua', 'lead', lead.id, 'convert')).status).toBe(422); // the transition alone has nothing to convert into
    expect((await post('wangqiang', `/api/records/lead/${lead.id}/actions/convert`, {})).status).toBe(404);
    expect((await post('ceo', `/api/records/lead/${lead.id}/actions/convert`, {})).status).toBe(403);

    const res = await post('lihua', `/api/records/lead/${lead.id}/actions/convert`, { amount: 180000, title: '云栖数据中心扩容' });
    expect(res.status).toBe(200);
    converted = res.body;
    expect(converted.customer).toMatchObject({ name: '杭州云栖数据有限公司', status: 'prospect', region: 'east', owner_id: ids.lihua, account_manager: ids.lihua });
    expect(converted.contact).toMatchObject({ customer: converted.customer.id, name: '陈静', title: 'IT经理', owner_id: ids.lihua });
    expect(converted.opportunity).toMatchObject({ customer: converted.customer.id, contact: converted.contact.id, source_lead: lead.id, stage: 'prospecting', amount: 180000, title: '云栖数据中心扩容', owner_id: ids.lihua });
    expect(converted.lead).toMatchObject({ status: 'converted', customer: converted.customer.id, contact: converted.contact.id, opportunity: converted.opportunity.id, converted_on: expect.any(String) });
    const history = (await get('lihua', `/api/records/lead/${lead.id}/history`)).data.map((h: Row) => h.action);
    expect(history).toEqual(expect.arrayContaining(['action:convert', 'transition:convert', 'transition:qualify']));
  });

  it('refuses a second conversion with a 409 that names what the first one made, and creates nothing', async () => {
    const customers = (await get('admin', '/api/records/customer?limit=500&fields=id')).data.length;
    const again = await post('lihua', `/api/records/lead/${lead.id}/actions/convert`, { amount: 1 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'LEAD_ALREADY_CONVERTED', customer: converted.customer.id, opportunity: converted.opportunity.id });
    expect((await get('admin', '/api/records/customer?limit=500&fields=id')).data.length).toBe(customers);
    expect((await get('admin', `/api/records/opportunity?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'source_lead' }, lead.id] }))}`)).data).toHaveLength(1);
  });

  it('moves an opportunity through guarded stages with its development plan; winning makes the prospect a customer', async () => {
    const opp = converted.opportunity.id;
    expect((await take('lihua', 'opportunity', opp, 'propose')).status).toBe(409);
    expect((await take('lihua', 'opportunity', opp, 'qualify')).body).toMatchObject({ stage: 'qualification', probability: 25 });
    const step = await post('lihua', '/api/records/development_plan', { opportunity: opp, planned_date: '2026-03-02', step: '上门拜访，演示方案' });
    expect(step.status).toBe(201);
    expect((await post('wangqiang', '/api/records/development_plan', { opportunity: opp, step: '抢单' })).status).toBe(403);
    const undone = await patch('lihua', 'development_plan', step.body.id, { done: true });
    expect([undone.status, undone.body.errors?.[0]?.field]).toEqual([400, 'result']);
    expect((await patch('lihua', 'development_plan', step.body.id, { done: true, result: '客户认可方案' })).body).toMatchObject({ done: true, done_on: expect.any(String) });
    expect((await take('lihua', 'opportunity', opp, 'propose')).body).toMatchObject({ stage: 'proposal', probability: 50 });
    expect((await take('lihua', 'opportunity', opp, 'negotiate')).status).toBe(422); // no expected close date yet
    expect((await patch('lihua', 'opportunity', opp, { expected_close_date: '2026-06-30' })).status).toBe(200);
    expect((await take('lihua', 'opportunity', opp, 'negotiate')).body.stage).toBe('negotiation');
    expect((await take('lihua', 'opportunity', opp, 'win')).body).toMatchObject({ stage: 'won', probability: 100, closed_on: expect.any(String), weighted_amount: 180000 });
    expect((await get('admin', `/api/records/customer/${converted.customer.id}`)).status).toBe('active');
    expect((await patch('lihua', 'opportunity', opp, { amount: 1 })).status).toBe(422);
    expect((await post('lihua', '/api/records/development_plan', { opportunity: opp, step: '回访' })).status).toBe(422);
  });

  it('asks a reason of a lost deal, and closes a prospect with no other live opportunity', async () => {
    const other = (await post('wangqiang', '/api/records/lead', { company: '成都锐思智能制造有限公司', contact_name: '刘洋', email: 'liu@example.cn' })).body;
    await take('wangqiang', 'lead', other.id, 'qualify');
    const made = (await post('wangqiang', `/api/records/lead/${other.id}/actions/convert`, {})).body;
    const opp = made.opportunity.id;
    expect((await take('wangqiang', 'opportunity', opp, 'qualify')).status).toBe(200);
    expect((await take('wangqiang', 'opportunity', opp, 'propose')).status).toBe(422); // no amount
    expect((await take('wangqiang', 'opportunity', opp, 'lose')).status).toBe(422); // no reason
    await patch('wangqiang', 'opportunity', opp, { loss_reason: '预算取消' });
    expect((await take('wangqiang', 'opportunity', opp, 'lose')).body).toMatchObject({ stage: 'lost', probability: 0 });
    expect((await get('admin', `/api/records/customer/${made.customer.id}`)).status).toBe('lost');
  });

  describe('orders', () => {
    const today = new Date().toISOString().slice(0, 10);
    const create = async (who: string, entity: string, data: Row) => {
      const res = await post(who, `/api/records/${entity}`, data);
      expect(res.status).toBe(201);
      return res.body as Row;
    };
    const list = async (entity: string, filter: unknown) => (await get('admin', `/api/records/${entity}?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}`)).data as Row[];
    const stockOf = async (product: string) => (await list('stock', { '==': [{ var: 'product' }, product] })).map((s) => [s.lot ?? null, s.quantity]);
    const movesOf = (order: Row) => list('stock_move', { '==': [{ var: 'reference' }, order.code] });
    let warehouse: Row;
    let server: Row;

    it('takes an order from new to completed; a shipment short of stock is refused and changes nothing', async () => {
      warehouse = await create('admin', 'warehouse', { code: 'HZ01', name: '杭州仓' });
      server = await create('admin', 'product', { sku: 'SRV-1', name: '机架式服务器', price: 100, category: 'hardware' });
      const setup = await create('admin', 'product', { sku: 'SV-1', name: '安装服务', price: 50, category: 'service' });
      await create('admin', 'stock_move', { product: server.id, warehouse: warehouse.id, direction: 'in', quantity: 5, reason: 'purchase' });

      const order = await create('lihua', 'sales_order', { customer: converted.customer.id, warehouse: warehouse.id });
      expect(order).toMatchObject({ status: 'new', code: expect.stringMatching(/^SO\d{8}$/), order_date: today, total: 0, owner_id: ids.lihua });
      expect((await take('lihua', 'sales_order', order.id, 'confirm')).status).toBe(422); // no lines yet
      expect(await create('lihua', 'order_line', { sales_order: order.id, product: server.id, quantity: 8 })).toMatchObject({ unit_price: 100, amount: 800 });
      await create('lihua', 'order_line', { sales_order: order.id, product: setup.id, quantity: 2, unit_price: 45 });
      expect(await get('lihua', `/api/records/sales_order/${order.id}`)).toMatchObject({ total: 890, line_count: 2, commission_rate: 3, commission: 26.7 });
      expect((await patch('lihua', 'sales_order', order.id, { commission_rate: 10 })).status).toBe(403);

      expect((await take('lihua', 'sales_order', order.id, 'confirm')).body.status).toBe('confirmed');
      const elsewhere = await create('admin', 'customer', { name: '另一家客户有限公司' });
      expect((await patch('lihua', 'sales_order', order.id, { customer: elsewhere.id })).status).toBe(422);
      expect((await patch('lihua', 'sales_order', order.id, { delivery_address: '杭州市西湖区文三路90号' })).status).toBe(200);
      const late = await post('lihua', '/api/records/order_line', { sales_order: order.id, product: server.id, quantity: 1 });
      expect([late.status, late.body.code]).toEqual([409, 'ORDER_LOCKED']);
      expect((await take('lihua', 'sales_order', order.id, 'pay')).status).toBe(403);
      expect((await take('director', 'sales_order', order.id, 'pay')).body).toMatchObject({ status: 'paid', paid_on: today });

      const before = await get('admin', `/api/records/sales_order/${order.id}`);
      const refused = await take('director', 'sales_order', order.id, 'ship');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', shortfalls: [{ sku: 'SRV-1', available: 5, requested: 8 }] });
      expect(refused.body.detail).toContain(order.code);
      expect(await get('admin', `/api/records/sales_order/${order.id}`)).toEqual(before);
      expect(await stockOf(server.id)).toEqual([[null, 5]]);
      expect(await movesOf(order)).toEqual([]);

      await create('admin', 'stock_move', { product: server.id, warehouse: warehouse.id, direction: 'in', quantity: 3, reason: 'purchase' });
      expect((await take('director', 'sales_order', order.id, 'ship')).body).toMatchObject({ status: 'shipped', shipped_on: today });
      expect(await stockOf(server.id)).toEqual([[null, 0]]);
      expect(await movesOf(order)).toMatchObject([{ product: server.id, warehouse: warehouse.id, direction: 'out', quantity: 8, reason: 'sale', balance_after: 0 }]);
      expect((await patch('director', 'sales_order', order.id, { warehouse: null })).status).toBe(422);
      expect((await take('lihua', 'sales_order', order.id, 'complete')).body.status).toBe('completed');
      expect((await take('lihua', 'sales_order', order.id, 'cancel')).status).toBe(409);
      expect((await as.director('DELETE', `/api/records/sales_order/${order.id}`)).status).toBe(409);
    });

    it('cancels an order before payment, and only new or cancelled orders go to the recycle bin', async () => {
      const order = await create('lihua', 'sales_order', { customer: converted.customer.id });
      await create('lihua', 'order_line', { sales_order: order.id, product: server.id, quantity: 1 });
      await take('lihua', 'sales_order', order.id, 'confirm');
      expect((await take('lihua', 'sales_order', order.id, 'cancel')).body.status).toBe('cancelled');
      expect((await as.lihua('DELETE', `/api/records/sales_order/${order.id}`)).status).toBe(204);
    });

    it('issues lot-tracked products first to expire first (expired lots left), and bundles by their components', async () => {
      const toner = await create('admin', 'product', { sku: 'TN-1', name: '原装硒鼓', price: 400, category: 'consumable', track_lots: true });
      const lot = (lot_number: string, expiry_date: string) => create('admin', 'lot', { product: toner.id, lot_number, expiry_date });
      const [later, sooner, expired] = [await lot('A', '2099-12-31'), await lot('B', '2098-06-30'), await lot('X', '2001-01-31')];
      for (const [l, quantity] of [[later, 3], [sooner, 3], [expired, 10]] as const) {
        await create('admin', 'stock_move', { product: toner.id, warehouse: warehouse.id, lot: l.id, direction: 'in', quantity, reason: 'purchase' });
      }
      const kit = await create('admin', 'product', { sku: 'KIT-1', name: '服务器双机套装', price: 900, category: 'hardware' });
      await create('admin', 'product_bundle_item', { bundle: kit.id, component: server.id, quantity: 2 });
      await create('admin', 'stock_move', { product: server.id, warehouse: warehouse.id, direction: 'in', quantity: 4, reason: 'purchase' });

      const order = await create('director', 'sales_order', { customer: converted.customer.id, warehouse: warehouse.id });
      await create('director', 'order_line', { sales_order: order.id, product: toner.id, quantity: 4 });
      await create('director', 'order_line', { sales_order: order.id, product: kit.id, quantity: 2 });
      for (const step of ['confirm', 'pay', 'ship']) expect((await take('director', 'sales_order', order.id, step)).status).toBe(200);
      const moves = (await movesOf(order)).map((m) => [m.product, m.lot ?? null, m.quantity]);
      expect(moves.sort()).toEqual([[server.id, null, 4], [toner.id, later.id, 1], [toner.id, sooner.id, 3]].sort());
      expect((await stockOf(toner.id)).sort()).toEqual([[later.id, 2], [sooner.id, 0], [expired.id, 10]].sort());
      expect(await stockOf(server.id)).toEqual([[null, 0]]);
    });
  });
});
