import { invalidInput, type PluginRouteDef } from '../../../core/index.js';

const SOLD = { in: [{ var: 'sales_order.status' }, ['confirmed', 'paid', 'shipped', 'completed']] };
const round = (n: number): number => Math.round(n * 100) / 100;
const num = (v: unknown): number => Number(v ?? 0) || 0;

/**
 * GET /api/x/marketing/market[?by=product] — market statistics (D2) under the caller's read
 * scope: per region (and product), the customers who bought, orders, spend, purchasing power
 * (average order value and spend per customer) and the share of the region's spend (by region:
 * of all spend). Two aggregate queries; the shares are worked out over their few groups.
 */
export const marketStatistics: PluginRouteDef = {
  method: 'GET',
  path: '/market',
  async handler(req, ctx) {
    const by = req.query.by ?? 'region';
    if (by !== 'region' && by !== 'product') throw invalidInput('Group by region or product', [{ field: 'by', message: 'must be region or product', code: 'ENUM' }]);
    const groupBy = by === 'product' ? ['sales_order.customer.region', 'product.name'] : ['sales_order.customer.region'];
    const measures = [
      { name: 'customers', aggregate: 'count_distinct', field: 'sales_order.customer' },
      { name: 'orders', aggregate: 'count_distinct', field: 'sales_order' },
      { name: 'spend', aggregate: 'sum', field: 'amount' },
    ] as const;
    const answer = await ctx.records.aggregate({ entity: 'order_line', filter: SOLD, groupBy, measures: measures as never, limit: 1000 });
    const region = (r: Record<string, unknown>) => String(r['sales_order.customer.region'] ?? '');
    const totals = new Map<string, number>();
    for (const r of answer.rows) totals.set(by === 'product' ? region(r) : '', (totals.get(by === 'product' ? region(r) : '') ?? 0) + num(r.spend));
    const rows = answer.rows.map((r) => {
      const spend = num(r.spend);
      const whole = totals.get(by === 'product' ? region(r) : '') ?? 0;
      return {
        region: r['sales_order.customer.region'] ?? null,
        ...(by === 'product' && { product: r['product.name'] ?? null }),
        customers: num(r.customers),
        orders: num(r.orders),
        spend: round(spend),
        averageOrder: num(r.orders) ? round(spend / num(r.orders)) : 0,
        perCustomer: num(r.customers) ? round(spend / num(r.customers)) : 0,
        share: whole ? round((spend / whole) * 100) : 0,
      };
    });
    return { by, rows: rows.sort((a, b) => b.spend - a.spend), truncated: answer.truncated };
  },
};
