import { AppError, invalidInput, newId, ruleViolation, type BeforeHook } from '../../../core/index.js';

type Row = Record<string, unknown>;

const present = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The stock row's natural key: product × warehouse × lot (no lot: "-"). */
export const stockKey = (product: string, warehouse: string, lot: unknown): string => `${product}:${warehouse}:${present(lot) ? lot : '-'}`;

const insufficient = (available: number, requested: number): AppError =>
  new AppError('INSUFFICIENT_STOCK', 409, `Not enough stock: ${available} on hand, ${requested} requested`, { available, requested });

/**
 * Before a stock move is created: locks its stock row (created on the first receipt),
 * refuses an issue beyond the quantity on hand (409 INSUFFICIENT_STOCK) and books the
 * quantity, all in the move's transaction. Concurrent moves of one stock row therefore
 * serialize on the row lock, and the quantity never goes negative.
 */
export const applyStockMove: BeforeHook = async (event, ctx) => {
  const data = event.data;
  const quantity = Number(data.quantity);
  if (!present(data.product) || !present(data.warehouse)) return; // required fields: validation refuses the record
  if (!Number.isFinite(quantity) || quantity <= 0) throw invalidInput('The quantity must be more than zero', [{ field: 'quantity', message: 'must be more than zero' }]);
  if (data.direction !== 'in' && data.direction !== 'out') throw invalidInput('The direction must be in or out', [{ field: 'direction', message: 'must be "in" or "out"' }]);
  const key = stockKey(data.product, data.warehouse, data.lot);
  const db = ctx.db;
  if (data.direction === 'in') {
    await db.raw(
      `insert into stock (id, product, warehouse, lot, quantity, stock_key) values (?, ?, ?, ?, 0, ?)
       on conflict (stock_key) where deleted_at is null do nothing`,
      [newId(), data.product, data.warehouse, present(data.lot) ? data.lot : null, key],
    );
  }
  const { rows } = await db.raw(`select id, quantity from stock where stock_key = ? and deleted_at is null for update`, [key]);
  const stock = rows[0] as Row | undefined;
  if (!stock) throw insufficient(0, quantity);
  const delta = data.direction === 'in' ? quantity : -quantity;
  const stockId = String(stock.id);
  const updated = await db.raw(
    `update stock set quantity = quantity + ?, version = version + 1, updated_at = now() where id = ? and quantity + ? >= 0 returning quantity`,
    [delta, stockId, delta],
  );
  if (!updated.rows.length) throw insufficient(Number(stock.quantity), quantity);
  data.stock = stockId;
  data.balance_after = Number(updated.rows[0].quantity);
  data.moved_at ??= new Date().toISOString();
};

const BOOKED = ['product', 'warehouse', 'lot', 'direction', 'quantity'];

const same = (a: unknown, b: unknown): boolean => a === b || (a != null && b != null && String(a) === String(b)) || (a == null && b == null);

/** A booked move is history: its product, place, direction and quantity never change; post a correcting move instead. */
export const refuseMoveChange: BeforeHook = (event) => {
  const changed = BOOKED.filter((f) => f in event.data && !same(event.data[f], event.old?.[f]));
  if (changed.length) throw ruleViolation('A booked stock move cannot be changed; post a correcting move instead', { errors: changed.map((field) => ({ field, message: 'cannot change' })) });
};

export const refuseMoveDelete: BeforeHook = () => {
  throw ruleViolation('A booked stock move cannot be deleted; post a correcting move instead');
};

/** Stock rows are kept by stock moves only. */
export const refuseDirectStock: BeforeHook = (event) => {
  if (event.action === 'create') throw ruleViolation('Stock is created by stock moves; record a receipt instead');
  if (event.action === 'delete') {
    if (Number(event.old?.quantity ?? 0) !== 0) throw ruleViolation('Stock on hand cannot be deleted; issue it with a stock move first');
    return;
  }
  const changed = ['product', 'warehouse', 'lot', 'quantity', 'stock_key'].filter((f) => f in event.data && !same(event.data[f], event.old?.[f]));
  if (changed.length) throw ruleViolation('Stock changes only through stock moves', { errors: changed.map((field) => ({ field, message: 'changes only through stock moves' })) });
};
