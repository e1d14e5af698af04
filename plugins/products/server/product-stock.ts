import type { PluginRouteDef } from '../../../core/index.js';

/** GET /api/x/products/stock/:product: quantity on hand of one product per warehouse and lot, and the total. */
export const productStock: PluginRouteDef = {
  method: 'GET',
  path: '/stock/:product',
  async handler(req, ctx) {
    const rows = await ctx.db('stock as s')
      .join('warehouse as w', 'w.id', 's.warehouse')
      .leftJoin('lot as l', 'l.id', 's.lot')
      .where('s.product', req.params.product)
      .whereNull('s.deleted_at')
      .orderBy(['w.code', 'l.expiry_date'])
      .select({ warehouse: 'w.name', lot: 'l.lot_number', expiry: 'l.expiry_date', quantity: 's.quantity' });
    return { product: req.params.product, total: rows.reduce((n: number, r: { quantity: number }) => n + Number(r.quantity), 0), rows };
  },
};
