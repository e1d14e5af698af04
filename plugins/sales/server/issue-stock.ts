import { AppError, createRecord, isAppError, type RecordContext, type RecordData } from '../../../core/index.js';
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

/** What an order takes from stock: its lines by product, bundles exploded into their components. */
const needsOf = async (orderId: string, ctx: RecordContext): Promise<Need[]> => {
  const { rows } = await ctx.db.raw(
    `with lines as (
       select product, sum(quantity) as quantity from order_line where sales_order = ? and deleted_at is null group by product
     ), parts as (
       select coalesce(b.component, l.product) as product, l.quantity * coalesce(b.quantity, 1) as quantity
       from lines l left join product_bundle_item b on b.bundle = l.product and b.deleted_at is null
     )
     select p.id, p.sku, p.name, p.track_lots, sum(parts.quantity) as quantity
     from parts join product p on p.id = parts.product
     where p.category is null or p.category not in (${UNSTOCKED.map(() => '?').join(', ')})
     group by p.id, p.sku, p.name, p.track_lots
     order by p.sku`,
    [orderId, ...UNSTOCKED],
  );
  return rows.map((r: Record<string, unknown>) => ({ product: String(r.id), sku: String(r.sku), name: String(r.name), trackLots: r.track_lots === true, quantity: Number(r.quantity) }));
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
  for (const need of await needsOf(String(order.id), ctx)) {
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
