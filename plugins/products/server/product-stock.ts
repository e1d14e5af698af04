import type { PluginRouteDef, RecordData } from '../../../core/index.js';

/** Stock rows read per page: a product is kept in a handful of warehouses and lots. */
const PAGE = 500;

/**
 * GET /api/x/products/stock/:product: quantity on hand of one product per warehouse and
 * lot, and the total — of the stock rows the caller may read (a warehouse or lot outside
 * the caller's scope reads as empty, as reference paths do everywhere).
 */
export const productStock: PluginRouteDef = {
  method: 'GET',
  path: '/stock/:product',
  async handler(req, ctx) {
    const rows: RecordData[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.records.list('stock', {
        filter: { '==': [{ var: 'product' }, req.params.product] },
        fields: ['warehouse.code', 'warehouse.name', 'lot.lot_number', 'lot.expiry_date', 'quantity'],
        sort: 'warehouse.code,lot.expiry_date',
        limit: PAGE,
        cursor,
      });
      rows.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const shaped = rows.map((r) => ({ warehouse: r['warehouse.name'] ?? null, lot: r['lot.lot_number'] ?? null, expiry: r['lot.expiry_date'] ?? null, quantity: r.quantity }));
    return { product: req.params.product, total: shaped.reduce((n, r) => n + Number(r.quantity), 0), rows: shaped };
  },
};
