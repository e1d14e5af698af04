import { createRecord, listRecords, updateRecord, type AfterHook, type RecordData } from '../../../../core/index.js';
import { withSystemRights } from '../shared.js';

/** Money rounded to cents, as the order line stores it. */
const cents = (n: number): number => Math.round(n * 100) / 100;

/**
 * 接受报价: the quote's `accept` transition makes a new sales order for its customer (owned by
 * the quote's owner) with one order line per quote line at the discounted unit price, and
 * links it on the quote, all in the transition's transaction and under the accepting user's
 * rights (who may not create orders cannot accept, and nothing changes).
 */
export const afterQuoteAccepted: AfterHook = async (event, ctx) => {
  if (event.transition !== 'accept') return;
  const quote = event.data;
  const lines = await listRecords('quote_line', { filter: { '==': [{ var: 'quote' }, quote.id] }, fields: ['product', 'quantity', 'unit_price'], sort: 'created_at', limit: 500 }, ctx);
  const owner = quote.owner_id ? { owner_id: quote.owner_id } : {};
  const order = await createRecord(
    'sales_order',
    { customer: quote.customer, opportunity: quote.opportunity ?? undefined, notes: `${String(quote.code)} v${String(quote.version_no)}: ${String(quote.title)}`, ...owner },
    ctx,
  );
  for (const line of lines.data) {
    await createRecord('order_line', { sales_order: order.id, product: line.product, quantity: Number(line.quantity), unit_price: cents(Number(line.unit_price)), ...owner } as RecordData, ctx);
  }
  await updateRecord('quote', String(quote.id), { sales_order: order.id }, withSystemRights(ctx));
};
