import { problem, type BeforeHook } from '../../../core/index.js';
import { needsOf } from './availability.js';
import { listAll, recordsOf, withSystemRights } from './records.js';

/**
 * 发货不占用他单预留: before an order turns shipped, what it takes from stock (bundles by
 * their components, as the order's customer gets them) must fit in what is on hand less what other orders' live reservations
 * hold; its own reservations are its to use. The stock rows are locked (`for update`, in
 * product id order, as a reservation locks them), so a shipment and a store checkout of the
 * same last unit queue and only one of them gets it. A shortfall is 409
 * ESHOP_STOCK_RESERVED naming every product, and the shipment is refused whole.
 */
export const shipWithinReservations: BeforeHook = async (event, ctx) => {
  if (event.data.status !== 'shipped' || event.old?.status === 'shipped' || !event.old?.id) return;
  const order = String(event.old.id);
  const records = recordsOf(withSystemRights(ctx));
  const lines = await listAll(records, 'order_line', { filter: { '==': [{ var: 'sales_order' }, order] }, fields: ['product', 'quantity', 'product.category'] });
  const products = lines.filter((l) => l.product).map((l) => ({ id: l.product, category: (l as Record<string, unknown>)['product.category'] }));
  const customer = typeof event.old.customer === 'string' && event.old.customer ? event.old.customer : null;
  const needs = await needsOf(records, products, customer);
  const total = new Map<string, number>();
  for (const l of lines) for (const [part, per] of needs.get(String(l.product)) ?? []) total.set(part, (total.get(part) ?? 0) + per * Number(l.quantity));
  const now = (ctx.now ?? new Date()).toISOString();
  const short: { product: string; available: number; requested: number }[] = [];
  for (const [product, requested] of [...total].sort(([a], [b]) => a.localeCompare(b))) {
    await ctx.db.raw('select id from stock where product = ? and deleted_at is null order by id for update', [product]);
    const { rows } = await ctx.db.raw(
      `select (select coalesce(sum(quantity), 0) from stock where product = :product and deleted_at is null) as on_hand,
              (select coalesce(sum(quantity), 0) from stock_reservation
                where product = :product and status = 'active' and deleted_at is null and sales_order is distinct from :order
                  and (expires_at is null or expires_at > :now)) as held,
              (select coalesce(sku, name) from product where id = :product) as label`,
      { product, order, now },
    );
    const available = Number(rows[0].on_hand) - Number(rows[0].held);
    if (available < requested) short.push({ product: String(rows[0].label ?? product), available: Math.max(0, available), requested });
  }
  if (!short.length) return;
  throw problem('ESHOP_STOCK_RESERVED', { order: String(event.old.code ?? order), products: short.map((s) => `${s.product} (${s.available} free, ${s.requested} needed)`).join('; ') }, { shortfalls: short });
};
