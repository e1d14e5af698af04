import { isAppError, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';

/** Stock rows read per page: a product is kept in a handful of warehouses and lots. */
const PAGE = 500;

/** Every record of `entity` the caller may read among `ids`, by id; none when the caller may not read that entity at all. */
const readable = async (ctx: PluginRouteContext, entity: string, ids: unknown[], fields: string[]): Promise<Map<string, RecordData>> => {
  const wanted = [...new Set(ids.filter((id) => typeof id === 'string'))];
  if (!wanted.length) return new Map();
  try {
    const page = await ctx.records.list(entity, { filter: { in: [{ var: 'id' }, wanted] }, fields: ['id', ...fields], limit: PAGE });
    return new Map(page.data.map((r) => [String(r.id), r]));
  } catch (e) {
    if (isAppError(e) && (e.status === 403 || e.status === 400)) return new Map();
    throw e;
  }
};

const byText = (a: unknown, b: unknown): number => String(a ?? '\uffff').localeCompare(String(b ?? '\uffff'));

/**
 * GET /api/x/products/stock/:product: quantity on hand of one product per warehouse and
 * lot, and the total, of the stock rows the caller may read. A warehouse or lot the caller
 * may not read shows no name, as reference paths read everywhere else.
 */
export const productStock: PluginRouteDef = {
  method: 'GET',
  path: '/stock/:product',
  async handler(req, ctx) {
    const stock: RecordData[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.records.list('stock', { filter: { '==': [{ var: 'product' }, req.params.product] }, fields: ['warehouse', 'lot', 'quantity'], limit: PAGE, cursor });
      stock.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const warehouses = await readable(ctx, 'warehouse', stock.map((s) => s.warehouse), ['code', 'name']);
    const lots = await readable(ctx, 'lot', stock.map((s) => s.lot), ['lot_number', 'expiry_date']);
    const rows = stock
      .map((s) => {
        const w = warehouses.get(String(s.warehouse));
        const l = s.lot ? lots.get(String(s.lot)) : undefined;
        return { code: w?.code, warehouse: w?.name ?? null, lot: l?.lot_number ?? null, expiry: l?.expiry_date ?? null, quantity: s.quantity };
      })
      .sort((a, b) => byText(a.code, b.code) || byText(a.expiry, b.expiry))
      .map(({ code: _code, ...row }) => row);
    return { product: req.params.product, total: rows.reduce((n, r) => n + Number(r.quantity), 0), rows };
  },
};
