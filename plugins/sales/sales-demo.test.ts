import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer, withTenant, type Tenant } from '../../core/plugins/testing.js';

const PASSWORD = 'Sales-Demo-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;
const SOLD = { in: [{ var: 'status' }, ['confirmed', 'paid', 'shipped', 'completed']] };

/** A tenant with every sales module's demo data and the demo users, used over HTTP by each role. */
describe('sales: demo data, reference roles and analysis', () => {
  let close: () => Promise<void>;
  let knex: Knex;
  let tenant: Tenant;
  let demoUsers: string[];
  const as: Record<string, Call> = {};
  const ids: Record<string, string> = {};
  const sql = async (query: string): Promise<Row[]> =>
    withTenant(knex, tenant, async (trx) => (await trx.raw(query)).rows);
  const list = async (who: string, entity: string, query = '') => {
    const res = await as[who]('GET', `/api/records/${entity}?limit=500${query}`);
    expect(res.status).toBe(200);
    return res.body.data as Row[];
  };
  const run = async (who: string, report: string, body: unknown = {}) => as[who]('POST', `/api/reports/${report}/run`, body);

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    knex = db.knex;
    const made = await provisionTenant({ slug: 'demo_sales', adminEmail: 'admin@demo_sales.local', adminPassword: PASSWORD, plugins: ['sales'], demoData: true }, { knex });
    tenant = made.tenant;
    demoUsers = made.demoUsers.map((u) => u.email);
    for (const login of ['admin', 'lihua', 'wangqiang', 'director', 'ceo']) {
      const res = await api(url)('POST', '/api/auth/login', { tenant: 'demo_sales', email: `${login}@demo_sales.local`, password: PASSWORD });
      expect(res.status).toBe(200);
      as[login] = api(url, res.body.token);
      ids[login] = res.body.user.id;
    }
  }, 600_000); // three plugins' demo data (~2,000 customer and ~3,000 sales records) through the record service
  afterAll(async () => close?.());

  it('seeds leads, a pipeline in every stage and ~300 orders over 12 months, through the record service', async () => {
    expect(new Set(demoUsers)).toEqual(new Set(['director', 'lihua', 'wangqiang', 'ceo', 'sysadmin'].map((l) => `${l}@demo_sales.local`)));
    const count = async (table: string) => Number((await sql(`select count(*) as n from ${table} where deleted_at is null`))[0].n);
    expect(await count('lead')).toBe(48);
    expect(await count('sales_order')).toBe(301); // 300 orders, and the one the accepted demo quote made
    expect(await count('order_line')).toBeGreaterThanOrEqual(300);
    expect(await count('sales_expense')).toBe(90);
    expect(await count('quote')).toBe(7); // six quotes, one of them revised as version 2
    expect(await count('document_template')).toBe(2);
    expect(await count('customer_price')).toBe(43); // twelve key customers' price lists, four with last year's price too, and three agreed office-kit prices
    // Three key customers get their own office kit (其余客户按通用明细), priced for them.
    const kits = await sql(`select i.customer, count(*)::int as rows, sum(i.quantity)::int as units, max(cp.price)::float as price from product_bundle_item i
      join product k on k.id = i.bundle and k.sku = 'BD-OFFICE' left join customer_price cp on cp.customer = i.customer and cp.product = k.id
      where i.customer is not null and i.deleted_at is null group by i.customer order by price desc`);
    expect(kits.map((k) => [k.rows, k.units, k.price])).toEqual([[5, 6, 12999], [3, 3, 10499], [4, 4, 8999]]);
    expect(await sql(`select status, count(*)::int as n from sales_return group by status order by status`)).toEqual([{ status: 'received', n: 3 }, { status: 'requested', n: 1 }]);
    expect(await sql(`select status, count(*)::int as n from serial_number where shipped_with is not null group by status order by status`)).toEqual([{ status: 'returned', n: 2 }, { status: 'sold', n: 1 }]);
    expect((await sql(`select distinct stage from opportunity order by stage`)).map((r) => r.stage)).toEqual(['lost', 'negotiation', 'proposal', 'prospecting', 'qualification', 'won']);
    expect((await sql(`select distinct status from sales_order order by status`)).map((r) => r.status)).toEqual(['cancelled', 'completed', 'confirmed', 'new', 'paid', 'shipped']);
    expect(Number((await sql(`select count(distinct to_char(order_date, 'YYYY-MM')) as n from sales_order`))[0].n)).toBeGreaterThanOrEqual(12);
    expect(await sql(`select c.status, count(*) as n from lead l join customer c on c.id = l.customer where l.status = 'converted' group by c.status order by c.status`)).toEqual([
      { status: 'active', n: 2 },
      { status: 'lost', n: 1 },
      { status: 'prospect', n: 9 },
    ]);
    const unbalanced = await sql(`select s.id from stock s join stock_move m on m.stock = s.id group by s.id, s.quantity
      having s.quantity <> sum(case when m.direction = 'in' then m.quantity else -m.quantity end) or s.quantity < 0`);
    expect(unbalanced).toEqual([]);
    const unissued = await sql(`select o.code from sales_order o where o.status in ('shipped', 'completed')
      and not exists (select 1 from stock_move m where m.reference = o.code)
      and exists (select 1 from order_line l join product p on p.id = l.product where l.sales_order = o.id and p.category <> 'service')`);
    expect(unissued).toEqual([]);
    expect(await sql(`select code from sales_order where status in ('new', 'confirmed', 'paid', 'cancelled') and exists (select 1 from stock_move m where m.reference = sales_order.code)`)).toEqual([]);
  });

  it('shows margins, priorities, the playbook, golden customers and cross-sell suggestions on the demo', async () => {
    const margins = await run('director', 'margin_by_month');
    expect(margins.status).toBe(200);
    expect(margins.body.rows.length).toBeGreaterThanOrEqual(12);
    expect(margins.body.rows.every((r: Row) => Number(r.margin) > 0 && Number(r.margin) < Number(r.sales))).toBe(true);
    expect((await run('director', 'margin_by_product')).body.rows.length).toBeGreaterThan(5);
    const priorities = (await run('director', 'opportunity_stage_by_priority')).body.rows as Row[];
    expect(new Set(priorities.map((r) => r.priority))).toEqual(new Set(['high', 'medium', 'low']));
    expect((await list('lihua', 'playbook_entry', '&filter=' + encodeURIComponent(JSON.stringify({ '==': [{ var: 'stage' }, 'proposal'] })))).length).toBe(2);
    const golden = await list('director', 'customer', '&fields=name,golden,rfm_class&filter=' + encodeURIComponent(JSON.stringify({ '==': [{ var: 'golden' }, true] })));
    expect(golden.length).toBeGreaterThan(0);
    expect(golden.every((c) => c.rfm_class === 'champion' || c.rfm_class === 'loyal')).toBe(true);
    const customers = await list('lihua', 'customer', '&fields=id');
    let offered = 0;
    for (const c of customers.slice(0, 20)) {
      const res = await as.lihua('GET', `/api/x/sales/cross-sell/customer/${c.id}`);
      expect(res.status).toBe(200);
      offered += res.body.suggestions.length;
    }
    expect(offered).toBeGreaterThan(0);
  });

  it('an account manager sees only own opportunities, with their plans, orders and lines', async () => {
    const mine = await list('lihua', 'opportunity', '&fields=owner_id,customer');
    const theirs = await list('wangqiang', 'opportunity', '&fields=owner_id');
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((o) => o.owner_id === ids.lihua)).toBe(true);
    expect(theirs.every((o) => o.owner_id === ids.wangqiang)).toBe(true);
    expect((await list('director', 'opportunity')).length).toBe(mine.length + theirs.length);
    expect((await as.lihua('GET', `/api/records/opportunity/${theirs[0].id}`)).status).toBe(404);
    const own = new Set((await list('lihua', 'customer', '&fields=id')).map((c) => c.id));
    expect(mine.every((o) => own.has(o.customer))).toBe(true);
    const ownOpps = new Set(mine.map((o) => o.id));
    const plans = await list('lihua', 'development_plan', '&fields=opportunity');
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((p) => ownOpps.has(p.opportunity))).toBe(true);
    const orders = await list('lihua', 'sales_order', '&fields=owner_id');
    expect(orders.length).toBeGreaterThan(50);
    expect(orders.every((o) => o.owner_id === ids.lihua)).toBe(true);
    const ownOrders = new Set(orders.map((o) => o.id));
    expect((await list('lihua', 'order_line', '&fields=sales_order')).every((l) => ownOrders.has(l.sales_order))).toBe(true);
  });

  it('the sales director creates opportunities and assigns them; an account manager cannot assign', async () => {
    const customer = (await list('wangqiang', 'customer', '&fields=id'))[0];
    const made = await as.director('POST', '/api/records/opportunity', { title: '集团数据中心二期', customer: customer.id, amount: 650000 });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ owner_id: ids.director, stage: 'prospecting', probability: 10 });
    const assigned = await as.director('PATCH', `/api/records/opportunity/${made.body.id}`, { owner_id: ids.wangqiang }, { 'If-Match': String(made.body.version) });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ owner_id: ids.wangqiang, assigned_at: expect.any(String) });
    expect((await as.wangqiang('GET', `/api/records/opportunity/${made.body.id}`)).status).toBe(200);
    expect((await as.lihua('GET', `/api/records/opportunity/${made.body.id}`)).status).toBe(404);
    expect((await as.wangqiang('POST', '/api/records/development_plan', { opportunity: made.body.id, step: '约见信息中心主任' })).status).toBe(201);

    const own = await as.lihua('POST', '/api/records/opportunity', { title: '终端安全软件采购', customer: (await list('lihua', 'customer', '&fields=id'))[0].id });
    expect([own.status, own.body.owner_id]).toEqual([201, ids.lihua]);
    const refused = await as.lihua('PATCH', `/api/records/opportunity/${own.body.id}`, { owner_id: ids.wangqiang }, { 'If-Match': String(own.body.version) });
    expect([refused.status, refused.body.errors?.[0]?.code]).toEqual([403, 'NO_ASSIGN_RIGHT']);
  });

  it('the executive reads every sales record and changes nothing', async () => {
    expect((await list('ceo', 'opportunity')).length).toBe((await list('director', 'opportunity')).length);
    expect((await list('ceo', 'sales_order', '&fields=id')).length).toBe(301);
    expect((await as.ceo('POST', '/api/records/lead', { company: '不该存在有限公司', contact_name: '某人', phone: '123' })).status).toBe(403);
    const meta = (await as.ceo('GET', '/api/meta')).body;
    expect(meta.entities.sales_order.access).toMatchObject({ create: false, update: false, delete: false });
    expect(meta.entities.lead.plugin).toBe('sales');
  });

  it('runs the pipeline and sales reports under each user\'s scope', async () => {
    const pipeline = await run('director', 'opportunity_pipeline');
    expect(pipeline.status).toBe(200);
    const total = (rows: Row[], key: string) => rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
    expect(total(pipeline.body.rows, 'opportunities')).toBe((await list('director', 'opportunity', '&fields=id')).length);
    expect(pipeline.body.rows.map((r: Row) => r.stage).sort()).toEqual(['lost', 'negotiation', 'proposal', 'prospecting', 'qualification', 'won']);
    const mine = await run('lihua', 'opportunity_pipeline');
    expect(total(mine.body.rows, 'opportunities')).toBe((await list('lihua', 'opportunity', '&fields=id')).length);

    const months = (await run('director', 'sales_by_month')).body.rows as Row[];
    expect(months.length).toBeGreaterThanOrEqual(12);
    const sold = await list('director', 'sales_order', `&fields=total&filter=${encodeURIComponent(JSON.stringify(SOLD))}`);
    expect(total(months, 'sales')).toBeCloseTo(total(sold, 'total'), 2);
    const reps = (await run('director', 'sales_by_rep')).body.rows as Row[];
    expect(reps.map((r) => r.owner_id).sort()).toEqual([ids.lihua, ids.wangqiang].sort());
    expect(total(reps, 'commission')).toBeCloseTo(total(reps, 'sales') * 0.03, 2);
    const products = (await run('director', 'sales_by_product')).body.rows as Row[];
    expect(products.length).toBeGreaterThan(10);
    expect(total(products, 'sales')).toBeCloseTo(total(sold, 'total'), 2);
    for (const report of ['sales_by_region', 'sales_by_customer', 'leads_by_source', 'expenses_by_type', 'opportunity_stage_by_rep']) {
      const res = await run('ceo', report);
      expect([report, res.status, res.body.rows.length > 0]).toEqual([report, 200, true]);
    }
  });

  it('previews the report designer\'s monthly revenue chart (the document it saves: the orders\' total summed by month) over a year of demo sales', async () => {
    // What the studio's designer saves for "Revenue by month": sum of the total (a roll-up of the lines), by order date's month, as a line.
    const report = {
      kind: 'report',
      name: 'revenue_by_month',
      label: { en: 'Revenue by month', 'zh-CN': '月度营收' },
      entity: 'sales_order',
      groupBy: [{ field: 'order_date', granularity: 'month' }],
      dimensions: [{ name: 'time', label: { en: 'Time', 'zh-CN': '时间' }, type: 'time', field: 'order_date' }],
      measures: [{ aggregate: 'sum', field: 'total', label: { en: 'Total Total', 'zh-CN': '订单金额合计' } }],
      filter: SOLD,
      chart: { type: 'line', x: 'order_date_month', y: ['sum_total'] },
    };
    const preview = await as.admin('POST', '/api/reports/preview', { report });
    expect(preview.status).toBe(200);
    const months = preview.body.rows as Row[];
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(months.every((m) => Number(m.sum_total) > 0)).toBe(true);
    const byMonth = (await run('director', 'sales_by_month')).body.rows as Row[];
    expect(months.map((m) => [m.order_date_month, Number(m.sum_total)])).toEqual(byMonth.map((m) => [m.order_date_month, Number(m.sales)]));
    // A rep previews her own orders only.
    const hers = (await as.lihua('POST', '/api/reports/preview', { report })).body.rows as Row[];
    expect(hers.reduce((n, m) => n + Number(m.sum_total), 0)).toBeLessThan(months.reduce((n, m) => n + Number(m.sum_total), 0));
  });

  it('pivots a year of sold lines by region and quarter over HTTP, each rep seeing her own totals, and exports it to Excel', async () => {
    const body = { rows: ['region:province'], columns: ['time:quarter'], measures: ['sales'] };
    const all = await as.director('POST', '/api/reports/sales_analysis/pivot', body);
    expect(all.status).toBe(200);
    const grand = (cells: Row[]) => cells.find((c) => c.row.length === 0 && c.col.length === 0)!.values.sales;
    const total = (rows: Row[], key: string) => rows.reduce((n, r) => n + Number(r[key] ?? 0), 0);
    const sold = await list('director', 'sales_order', `&fields=total&filter=${encodeURIComponent(JSON.stringify(SOLD))}`);
    expect(grand(all.body.cells)).toBeCloseTo(total(sold, 'total'), 2);
    const provinces = all.body.cells.filter((c: Row) => c.row.length === 2 && c.col.length === 0);
    expect(provinces.length).toBeGreaterThan(5);
    expect(all.body.cells.filter((c: Row) => c.row.length === 0 && c.col.length === 2).length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(all.body.valueLabels['region.province']).length).toBe(provinces.length);
    const mine = await as.lihua('POST', '/api/reports/sales_analysis/pivot', body);
    const hers = await list('lihua', 'sales_order', `&fields=total&filter=${encodeURIComponent(JSON.stringify(SOLD))}`);
    expect(grand(mine.body.cells)).toBeCloseTo(total(hers, 'total'), 2);
    expect(grand(mine.body.cells)).toBeLessThan(grand(all.body.cells));
    const xlsx = await as.director('POST', '/api/reports/sales_analysis/pivot.xlsx', body);
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect((await as.director('POST', '/api/reports/sales_analysis/pivot', { rows: ['region:street'] })).status).toBe(400);
  });

  it('shows the customer value pyramid to those with the right: 1% / 4% / 15% / 80% of the customers by spend', async () => {
    const res = await as.director('GET', '/api/x/sales/value-pyramid?tier=vip&limit=5');
    expect(res.status).toBe(200);
    const n = Number((await sql(`select count(*) as n from customer where deleted_at is null and status <> 'prospect'`))[0].n);
    const upTo = [0.01, 0.05, 0.2, 1].map((share) => Math.ceil(n * share));
    expect(res.body.customers).toBe(n);
    expect(res.body.tiers.map((t: Row) => [t.tier, t.customers])).toEqual([
      ['vip', upTo[0]],
      ['major', upTo[1] - upTo[0]],
      ['normal', upTo[2] - upTo[1]],
      ['small', n - upTo[2]],
    ]);
    const [vip, major, normal, small] = res.body.tiers as Row[];
    expect(vip.minSpend).toBeGreaterThanOrEqual(major.maxSpend);
    expect(major.minSpend).toBeGreaterThanOrEqual(normal.maxSpend);
    expect(normal.minSpend).toBeGreaterThanOrEqual(small.maxSpend);
    expect(res.body.members.map((m: Row) => m.rank)).toEqual(Array.from({ length: Math.min(5, upTo[0]) }, (_, i) => i + 1));
    expect((await as.ceo('GET', '/api/x/sales/value-pyramid')).status).toBe(200);
    expect((await as.lihua('GET', '/api/x/sales/value-pyramid')).status).toBe(403);
  });

  it('plugin routes answer a rep with her rows only, as the record API does', async () => {
    const total = async (who: string, entity: string, filter?: unknown) => {
      const res = await as[who]('GET', `/api/records/${entity}?total=true&limit=1${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`);
      return res.status === 200 ? res.body.total : res.status;
    };
    const summary = async (who: string) => (await as[who]('GET', '/api/x/customers/summary')).body;
    const mine = await summary('lihua');
    expect(mine.total).toBe(await total('lihua', 'customer'));
    expect(mine.total).toBeLessThan((await summary('director')).total);
    expect((await summary('director')).total).toBe(await total('director', 'customer'));
    const grades = mine.byGrade.reduce((n: number, g: Row) => n + g.count, 0);
    expect(grades).toBe(mine.total);

    const [stocked] = await sql(`select product from stock where deleted_at is null and quantity > 0 limit 1`);
    const stockOf = (who: string) => as[who]('GET', `/api/x/products/stock/${stocked.product}`);
    for (const who of ['lihua', 'director', 'admin']) {
      const viaRoute = await stockOf(who);
      const viaApi = await total(who, 'stock', { '==': [{ var: 'product' }, stocked.product] });
      expect([who, viaRoute.status === 200 ? viaRoute.body.rows.length : viaRoute.body]).toEqual([who, viaApi]);
    }
  });
  it('puts an account manager\'s working set on her device: her customers with their contacts and recent activities, her open opportunities', async () => {
    const changes: Row[] = [];
    let cursor = '';
    for (let i = 0; i < 100; i++) {
      const res = await as.lihua('GET', `/api/sync/changes?limit=500${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      changes.push(...res.body.changes);
      cursor = res.body.cursor;
      if (!res.body.more) break;
    }
    const byEntity = (entity: string) => changes.filter((c) => c.entity === entity).map((c) => c.record as Row);
    const customers = byEntity('customer');
    expect(customers.length).toBe(await (async () => (await as.lihua('GET', '/api/records/customer?total=true&limit=1')).body.total)());
    expect(customers.length).toBeGreaterThan(0);
    const own = new Set(customers.map((c) => c.id));
    expect(byEntity('contact').length).toBeGreaterThan(0);
    expect(byEntity('contact').every((c) => own.has(c.customer?.id ?? c.customer))).toBe(true);
    expect(byEntity('opportunity').length).toBeGreaterThan(0);
    expect(byEntity('opportunity').every((o) => o.owner_id === ids.lihua && !['won', 'lost'].includes(o.stage))).toBe(true);
    expect(changes.every((c) => ['customer', 'contact', 'activity', 'opportunity'].includes(c.entity))).toBe(true);
    // The whole set as a device stores it stays small enough for a phone.
    expect(JSON.stringify(changes).length).toBeLessThan(4_000_000);
  });
});
