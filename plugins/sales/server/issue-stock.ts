import { AppError, createRecord, isAppError, type RecordContext, type RecordData } from '../../../core/index.js';
import { bundlePartsFor } from './bundle-rows.js';
import { withSystemRights } from './shared.js';

/** Product categories that are not kept in stock (services are delivered, not issued). */
const UNSTOCKED = ['service'];

interface Need {
  product: string;
  sku: string;
  name: string;
  trackLots: boolean;
  quantity: number;
}

interface Shortfall {
  product: string;
  sku: string;
  available: number;
  requested: number;
}

/**
 * What an order takes from stock: its lines by product, bundles exploded into their
 * components as the order's customer gets them (their own contents, else the generic ones).
 */
const needsOf = async (order: RecordData, ctx: RecordContext): Promise<Need[]> => {
  const { rows: lines } = await ctx.db.raw(
    'select product, sum(quantity) as quantity from order_line where sales_order = ? and deleted_at is null and product is not null group by product',
    [String(order.id)],
  );
  const customer = typeof order.customer === 'string' && order.customer ? order.customer : null;
  const bundles = await bundlePartsFor(lines.map((l: Record<string, unknown>) => String(l.product)), customer, ctx);
  const totals = new Map<string, number>();
  for (const l of lines as Record<string, unknown>[]) {
    for (const p of bundles.get(String(l.product)) ?? [{ component: String(l.product), quantity: 1 }]) totals.set(p.component, (totals.get(p.component) ?? 0) + Number(l.quantity) * p.quantity);
  }
  if (!totals.size) return [];
  const products = await ctx.db('product')
    .whereIn('id', [...totals.keys()])
    .where((q) => q.whereNull('category').orWhereNotIn('category', UNSTOCKED))
    .orderBy('sku')
    .select('id', 'sku', 'name', 'track_lots');
  return products.map((r: Record<string, unknown>) => ({ product: String(r.id), sku: String(r.sku), name: String(r.name), trackLots: r.track_lots === true, quantity: totals.get(String(r.id)) ?? 0 }));
};

/** Lots of a lot-tracked product in the warehouse, first to expire first, expired ones left out. */
const lotsOf = async (product: string, warehouse: string, ctx: RecordContext): Promise<{ lot: string; quantity: number }[]> => {
  const { rows } = await ctx.db.raw(
    `select s.lot, s.quantity from stock s join lot l on l.id = s.lot
     where s.product = ? and s.warehouse = ? and s.deleted_at is null and s.quantity > 0
       and (l.expiry_date is null or l.expiry_date >= current_date)
     order by l.expiry_date nulls last, l.lot_number`,
    [product, warehouse],
  );
  return rows.map((r: Record<string, unknown>) => ({ lot: String(r.lot), quantity: Number(r.quantity) }));
};

/** The moves of one need: one issue, or lot by lot (FEFO) for a lot-tracked product; the shortfall when its lots do not hold enough. */
const movesOf = async (need: Need, warehouse: string, ctx: RecordContext): Promise<{ lot?: string; quantity: number }[] | Shortfall> => {
  if (!need.trackLots) return [{ quantity: need.quantity }];
  const moves: { lot: string; quantity: number }[] = [];
  let left = need.quantity;
  for (const lot of await lotsOf(need.product, warehouse, ctx)) {
    if (left <= 0) break;
    const take = Math.min(left, lot.quantity);
    moves.push({ lot: lot.lot, quantity: take });
    left -= take;
  }
  if (left > 0) return { product: need.product, sku: need.sku, available: need.quantity - left, requested: need.quantity };
  return moves;
};

/**
 * Issues an order's stock (出库) from its warehouse through the products plugin's stock
 * moves, in the caller's transaction, with rights of their own (whoever may ship may issue
 * what the order takes). Every product falling short is named in one 409
 * INSUFFICIENT_STOCK; the caller's transaction then undoes the moves already booked.
 */
export const issueOrderStock = async (order: RecordData, ctx: RecordContext): Promise<void> => {
  const sys = withSystemRights(ctx);
  const warehouse = String(order.warehouse);
  const shortfalls: Shortfall[] = [];
  for (const need of await needsOf(order, ctx)) {
    const moves = await movesOf(need, warehouse, ctx);
    if (!Array.isArray(moves)) {
      shortfalls.push(moves);
      continue;
    }
    for (const move of moves) {
      try {
        await createRecord(
          'stock_move',
          { product: need.product, warehouse, lot: move.lot, direction: 'out', quantity: move.quantity, reason: 'sale', reference: String(order.code) },
          sys,
        );
      } catch (e) {
        if (!isAppError(e) || e.code !== 'INSUFFICIENT_STOCK') throw e;
        shortfalls.push({ product: need.product, sku: need.sku, available: Number(e.details.available ?? 0), requested: need.quantity });
      }
    }
  }
  if (shortfalls.length) {
    const list = shortfalls.map((s) => `${s.sku} (${s.available} on hand, ${s.requested} requested)`).join('; ');
    throw new AppError('INSUFFICIENT_STOCK', 409, `Not enough stock to ship order ${String(order.code)}: ${list}`, { order: order.id, warehouse, shortfalls });
  }
};
