import { invalidInput, problem, runTransition, type AfterHook, type BeforeHook, type RecordContext } from '../../../core/index.js';
import { listAll, recordsOf, withSystemRights } from './records.js';

/**
 * Before a reservation is written: locks the product's stock rows, then refuses a quantity
 * beyond what is on hand less what live reservations already hold (409
 * ESHOP_OUT_OF_STOCK). Concurrent checkouts of one product therefore queue on the row lock
 * and each sees the reservations committed before it: the last unit goes to one of them.
 */
export const reserveStock: BeforeHook = async (event, ctx) => {
  const { product } = event.data;
  const quantity = Number(event.data.quantity);
  if (typeof product !== 'string' || !product) return; // required: validation names it
  if (!Number.isFinite(quantity) || quantity <= 0) throw invalidInput('The quantity must be more than zero', [{ field: 'quantity', message: 'must be more than zero' }]);
  event.data.status = 'active';
  const db = ctx.db;
  await db.raw('select id from stock where product = ? and deleted_at is null order by id for update', [product]);
  const onHand = Number((await db.raw('select coalesce(sum(quantity), 0) as q from stock where product = ? and deleted_at is null', [product])).rows[0].q);
  const held = Number(
    (await db.raw(
      `select coalesce(sum(quantity), 0) as q from stock_reservation
       where product = ? and status = 'active' and deleted_at is null and (expires_at is null or expires_at > ?)`,
      [product, (ctx.now ?? new Date()).toISOString()],
    )).rows[0].q,
  );
  if (onHand - held < quantity) {
    const row = (await db.raw('select sku, name from product where id = ?', [product])).rows[0] as { sku?: string; name?: string } | undefined;
    throw problem('ESHOP_OUT_OF_STOCK', { product: String(row?.name ?? row?.sku ?? product), available: Math.max(0, onHand - held), requested: quantity }, {
      errors: [{ field: 'quantity', message: 'more than is in stock' }],
      available: Math.max(0, onHand - held),
      product,
    });
  }
};

const setReservations = async (order: string, patch: Record<string, unknown>, ctx: RecordContext): Promise<void> => {
  const sys = withSystemRights(ctx);
  const records = recordsOf(sys);
  const held = await listAll(records, 'stock_reservation', { filter: { and: [{ '==': [{ var: 'sales_order' }, order] }, { '==': [{ var: 'status' }, 'active'] }] }, fields: ['id'] });
  for (const r of held) await records.update('stock_reservation', String(r.id), patch);
};

/**
 * An order's state moves its reservations: paid holds them until shipment (no time limit
 * any more), shipped turns them into the stock issue the sales plugin books, cancelled
 * releases them and closes payments still awaited.
 */
export const afterOrderState: AfterHook = async (event, ctx) => {
  const to = event.data.status;
  if (to === event.old?.status) return;
  const order = String(event.data.id);
  if (to === 'paid') await setReservations(order, { expires_at: null }, ctx);
  if (to === 'shipped') await setReservations(order, { status: 'fulfilled' }, ctx);
  if (to === 'cancelled') {
    await setReservations(order, { status: 'released' }, ctx);
    const records = recordsOf(withSystemRights(ctx));
    const pending = await listAll(records, 'payment', { filter: { and: [{ '==': [{ var: 'sales_order' }, order] }, { '==': [{ var: 'status' }, 'pending'] }] }, fields: ['id'] });
    for (const p of pending) await records.update('payment', String(p.id), { status: 'cancelled' });
  }
};

/**
 * Abandoned payments (放弃付款): store orders still new whose reservations' time has
 * passed are cancelled (their reservations released, their payments expired). Runs before
 * each checkout, each payment event and on the store's schedule (store_sweep records).
 */
export const releaseAbandoned = async (ctx: RecordContext): Promise<{ orders: number }> => {
  const sys = withSystemRights(ctx);
  const records = recordsOf(sys);
  const now = (ctx.now ?? new Date()).getTime();
  const live = await listAll(records, 'stock_reservation', { filter: { and: [{ '==': [{ var: 'status' }, 'active'] }, { '!!': [{ var: 'expires_at' }] }] }, fields: ['sales_order', 'expires_at', 'sales_order.status'] });
  const orders = [...new Set(live.filter((r) => new Date(String(r.expires_at)).getTime() <= now && (r as Record<string, unknown>)['sales_order.status'] === 'new').map((r) => String(r.sales_order)))];
  for (const order of orders) {
    const pending = await listAll(records, 'payment', { filter: { and: [{ '==': [{ var: 'sales_order' }, order] }, { '==': [{ var: 'status' }, 'pending'] }] }, fields: ['id'] });
    for (const p of pending) await records.update('payment', String(p.id), { status: 'expired' });
    await runTransition({ entity: 'sales_order', id: order, transition: 'cancel' }, sys);
  }
  return { orders: orders.length };
};

/** A store_sweep record (made by the schedule, or by an admin) runs the sweep and keeps its count. */
export const beforeSweep: BeforeHook = async (event, ctx) => {
  const { orders } = await releaseAbandoned(ctx);
  event.data.cancelled_orders = orders;
};
