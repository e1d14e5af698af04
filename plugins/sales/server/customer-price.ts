import { getRecord, isAppError, listRecords, problem, type BeforeHook, type ProblemEntry, type RecordContext, type RecordData } from '../../../core/index.js';
import { changedFields, same, today } from './shared.js';

/**
 * A line priced from a product: its parent record (which names the customer and the day the
 * price applies) and the field the product's list price `fills`.
 */
export interface PricedLine {
  /** The line's reference to its parent (an order, a quote). */
  parent: string;
  /** The parent's day the customer's price must be valid on (default today). */
  day: string;
  /** The line's price field filled from the product's `price`. */
  price: string;
}

/** Order and quote lines take the customer's price where one is valid on the order's or quote's day. */
export const PRICED_LINES: Readonly<Record<string, PricedLine>> = {
  order_line: { parent: 'sales_order', day: 'order_date', price: 'unit_price' },
  quote_line: { parent: 'quote', day: 'quote_date', price: 'list_price' },
};

const readable = async (entity: string, id: unknown, ctx: RecordContext, fields: string[]): Promise<RecordData | null> => {
  if (typeof id !== 'string' || !id) return null;
  try {
    return await getRecord(entity, id, ctx, { fields });
  } catch (e) {
    if (isAppError(e) && (e.status === 404 || e.status === 403)) return null; // the reference check names it
    throw e;
  }
};

const dayOf = (value: unknown): string | null => (value == null || value === '' ? null : String(value).slice(0, 10));

/**
 * The customer's price for the product on `day`: the price list entry valid then (no start or
 * started by then, no end or not yet ended), the latest start first; null when none is. Read
 * with the writer's rights, like `fills`: an entry they may not read does not apply, nor does
 * the list for a writer who may not read it at all.
 */
export const customerPriceOn = async (customer: string, product: string, day: string, ctx: RecordContext): Promise<number | null> => {
  if (!ctx.meta.entities.customer_price) return null;
  let data: RecordData[];
  try {
    ({ data } = await listRecords('customer_price', { filter: { and: [{ '==': [{ var: 'customer' }, customer] }, { '==': [{ var: 'product' }, product] }] }, fields: ['price', 'valid_from', 'valid_to'], limit: 500 }, ctx));
  } catch (e) {
    if (isAppError(e) && e.status === 403) return null; // a writer who may not read the price list (the web shop) pays the list price
    throw e;
  }
  const valid = data
    .filter((p) => { const from = dayOf(p.valid_from); const to = dayOf(p.valid_to); return (!from || from <= day) && (!to || to >= day); })
    .sort((a, b) => String(dayOf(b.valid_from) ?? '').localeCompare(String(dayOf(a.valid_from) ?? '')));
  return valid.length ? Number(valid[0].price) : null;
};

/**
 * 客户价格优先: when a write chooses a line's product and leaves its price at the product's list
 * price (filled by the product's `fills`, by the form as the product is picked, or typed the
 * same), the customer's price valid on the parent's day replaces it. A price typed otherwise is
 * kept: a negotiated figure is the writer's to give.
 */
export const applyCustomerPrice: BeforeHook = async (event, ctx) => {
  const line = PRICED_LINES[event.entity];
  if (!line || event.action === 'delete') return;
  const { data, old } = event;
  if (typeof data.product !== 'string' || (old && !changedFields(data, old, ['product']).length)) return;
  const product = await readable('product', data.product, ctx, ['price']);
  if (!product || (data[line.price] != null && !same(Number(data[line.price]), Number(product.price)))) return;
  const parent = await readable(line.parent, data[line.parent] ?? old?.[line.parent], ctx, ['customer', line.day]);
  if (!parent || typeof parent.customer !== 'string') return;
  const price = await customerPriceOn(parent.customer, data.product, dayOf(parent[line.day]) ?? today(ctx), ctx);
  if (price !== null) data[line.price] = price;
};

/** The price list's problems, in both languages. */
export const PRICE_PROBLEMS: Readonly<Record<string, ProblemEntry>> = {
  PRICE_PERIOD_REVERSED: { status: 422, en: 'The price ends ({to}) before it starts ({from}).', 'zh-CN': '价格的失效日期（{to}）早于生效日期（{from}）。' },
};

/** A customer's price is valid over a period that ends no earlier than it starts. */
export const checkPricePeriod: BeforeHook = (event) => {
  if (event.action === 'delete') return;
  const merged = { ...(event.old ?? {}), ...event.data };
  const from = dayOf(merged.valid_from);
  const to = dayOf(merged.valid_to);
  if (from && to && to < from) throw problem('PRICE_PERIOD_REVERSED', { from, to }, { errors: [{ field: 'valid_to', message: 'is before the start', code: 'PRICE_PERIOD_REVERSED' }] });
};
