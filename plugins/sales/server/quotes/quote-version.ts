import { createRecord, listRecords, problem, runTransition, updateRecord, type RecordActionDef, type RecordContext, type RecordData } from '../../../../core/index.js';
import { withSystemRights } from '../shared.js';

const VERSIONABLE = ['draft', 'approved', 'sent', 'rejected'];
const COPIED = ['title', 'customer', 'opportunity', 'email', 'language', 'valid_until', 'notes'];

/**
 * 新版本: a draft copy of the quote with the next version number and all its lines, created
 * under the caller's rights; the quote itself becomes `superseded` (read-only from then on),
 * pointing at the new one. A quote waiting for approval, accepted or superseded gets none (409).
 */
export const newQuoteVersion = async (quote: RecordData, ctx: RecordContext): Promise<RecordData> => {
  if (!VERSIONABLE.includes(String(quote.status))) throw problem('QUOTE_NOT_VERSIONABLE', { code: String(quote.code), status: String(quote.status) });
  const copy = Object.fromEntries(COPIED.filter((f) => quote[f] !== null && quote[f] !== undefined).map((f) => [f, quote[f]]));
  const made = await createRecord('quote', { ...copy, ...(quote.owner_id ? { owner_id: quote.owner_id } : {}) }, ctx);
  const system = withSystemRights(ctx);
  await updateRecord('quote', String(made.id), { version_no: Number(quote.version_no) + 1, previous_version: quote.id }, system);
  const lines = await listRecords('quote_line', { filter: { '==': [{ var: 'quote' }, quote.id] }, fields: ['product', 'quantity', 'list_price', 'discount_pct'], sort: 'created_at', limit: 500 }, ctx);
  for (const line of lines.data) {
    await createRecord('quote_line', { quote: made.id, product: line.product, quantity: Number(line.quantity), list_price: Number(line.list_price), discount_pct: Number(line.discount_pct) }, ctx);
  }
  await runTransition({ entity: 'quote', id: String(quote.id), transition: 'supersede', ifMatch: Number(quote.version), set: { superseded_by: made.id } }, system);
  return listRecords('quote', { filter: { '==': [{ var: 'id' }, made.id] }, limit: 1 }, ctx).then((r) => r.data[0]);
};

/** POST /api/records/quote/:id/actions/new_version (right `quote.new_version`). */
export const newVersionAction: RecordActionDef = {
  label: { en: 'New version', 'zh-CN': '创建新版本' },
  when: { in: [{ var: 'status' }, VERSIONABLE] },
  run: ({ record }, ctx) => newQuoteVersion(record, ctx),
};
