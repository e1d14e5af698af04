import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provisionTenant, startTestServer } from '../../core/plugins/testing.js';

const PASSWORD = 'Sales-Merge-2026';
type Call = ReturnType<typeof api>;
type Row = Record<string, any>;

/**
 * 客户合并 (S1–S3): merging two customers moves their orders through the record service —
 * the survivor's order roll-ups count them, each moved order's history names the change, a
 * confirmed order (whose customer is otherwise fixed) moves too — and undoing puts them back.
 */
describe('sales: merging customers with orders', () => {
  let close: () => Promise<void>;
  let as: Call;
  const rows: Record<string, Row> = {};
  const create = async (entity: string, data: Row) => {
    const res = await as('POST', `/api/records/${entity}`, data);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as Row;
  };
  const order = async (customer: Row, quantity: number) => {
    const made = await create('sales_order', { customer: customer.id, warehouse: rows.warehouse.id });
    await create('order_line', { sales_order: made.id, product: rows.product.id, quantity });
    return made;
  };
  const totals = async (customer: Row) => {
    const got = (await as('GET', `/api/records/customer/${customer.id}?fields=order_count,order_amount`)).body;
    return [Number(got.order_count), Number(got.order_amount)];
  };

  beforeAll(async () => {
    const { db, server, url } = await startTestServer();
    close = () => server.close();
    await provisionTenant({ slug: 'merge', adminEmail: 'admin@merge.local', adminPassword: PASSWORD, plugins: ['sales'] }, { knex: db.knex });
    as = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'merge', email: 'admin@merge.local', password: PASSWORD })).body.token);
    rows.warehouse = await create('warehouse', { code: 'NB01', name: '宁波仓' });
    rows.product = await create('product', { sku: 'PUMP-1', name: '水泵', price: 100, category: 'hardware' });
    rows.keep = await create('customer', { name: '宁波海天贸易有限公司', phone: '0574-8765 4321' });
    rows.gone = await create('customer', { name: '宁波海天贸易公司', phone: '+86 574 87654321' });
    rows.kept = await order(rows.keep, 2);
    rows.confirmed = await order(rows.gone, 3);
    rows.open = await order(rows.gone, 1);
    const confirmed = await as('POST', `/api/records/sales_order/${rows.confirmed.id}/transitions/confirm`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  });
  afterAll(async () => close?.());

  it('moves every order to the survivor through the record service: roll-ups, history, a confirmed order too; undo puts them back', async () => {
    expect(await totals(rows.keep)).toEqual([1, 200]);
    expect(await totals(rows.gone)).toEqual([2, 400]);
    // A confirmed order's customer is fixed for a person's edit.
    const seen = (await as('GET', `/api/records/sales_order/${rows.confirmed.id}`)).body;
    const refused = await as('PATCH', `/api/records/sales_order/${rows.confirmed.id}`, { customer: rows.keep.id }, { 'If-Match': String(seen.version) });
    expect(refused.status).toBe(422);

    const merged = await as('POST', `/api/records/customer/${rows.keep.id}/merge`, { otherId: rows.gone.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.repointed).toContainEqual({ entity: 'sales_order', field: 'customer', count: 2 });
    expect(await totals(rows.keep)).toEqual([3, 600]);
    const confirmed = (await as('GET', `/api/records/sales_order/${rows.confirmed.id}`)).body;
    expect(confirmed).toMatchObject({ customer: rows.keep.id, status: 'confirmed', version: seen.version + 1 });
    const history = (await as('GET', `/api/records/sales_order/${rows.confirmed.id}/history`)).body.data;
    expect(history[0]).toMatchObject({ action: 'action:repoint', changes: { customer: [rows.gone.id, rows.keep.id] } });

    const undone = await as('POST', `/api/records/customer/${rows.gone.id}/unmerge`, {});
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await totals(rows.keep)).toEqual([1, 200]);
    expect(await totals(rows.gone)).toEqual([2, 400]);
    const back = (await as('GET', `/api/records/sales_order/${rows.open.id}/history`)).body.data;
    expect(back.slice(0, 2).map((h: Row) => [h.action, h.changes.customer])).toEqual([
      ['action:repoint', [rows.keep.id, rows.gone.id]],
      ['action:repoint', [rows.gone.id, rows.keep.id]],
    ]);
  });
});
