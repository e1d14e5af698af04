import { getRecord, isAppError, forbidden, problem, type BeforeHook, type RecordContext } from '../../../../core/index.js';
import { changedFields } from '../shared.js';

/** Fields the quote process writes (versions, the order, the contract): with system rights only. */
const PROCESS_FIELDS = ['version_no', 'previous_version', 'superseded_by', 'sales_order', 'contract_file', 'contract_template', 'contract_template_version', 'discount_approval'];

/** States in which a quote no longer changes at all. */
const FINAL = ['accepted', 'superseded'];

/**
 * A quote's process fields are written by the plugin only (system rights); the discount
 * approval also by the approval workflow while the quote waits for it. Submitting for approval
 * clears the last decision. An accepted or superseded quote no longer changes (409).
 */
export const beforeQuoteWrite: BeforeHook = (event, ctx) => {
  const { data, old } = event;
  if (event.action === 'delete') {
    if (FINAL.includes(String(data.status))) throw problem('QUOTE_READ_ONLY', { code: String(data.code), status: String(data.status) });
    return;
  }
  if (event.action === 'update' && old?.status === 'draft' && data.status === 'pending_approval') data.discount_approval = null;
  const system = ctx.actor.isAdmin;
  const waiting = old?.status === 'pending_approval';
  const touched = changedFields(data, old ?? {}, PROCESS_FIELDS).filter((f) => !(f === 'discount_approval' && (waiting || data.status === 'pending_approval')) && !(f === 'version_no' && !old && Number(data.version_no) === 1));
  if (touched.length && !system) throw problem('SET_BY_SALES_PROCESS', { fields: touched.join(', ') }, { errors: touched.map((field) => ({ field, message: 'is set by the quote process', code: 'SET_BY_PROCESS' })) });
  if (old && FINAL.includes(String(old.status)) && !system) throw problem('QUOTE_READ_ONLY', { code: String(old.code), status: String(old.status) });
};

/** The quote of a line, as the actor sees it, still a draft (403 for a quote the actor cannot see). */
const draftQuote = async (id: unknown, ctx: RecordContext): Promise<void> => {
  if (typeof id !== 'string' || !id) return; // required: validation names it
  let quote;
  try {
    quote = await getRecord('quote', id, ctx, { fields: ['code', 'status'] });
  } catch (e) {
    if (isAppError(e) && e.status === 404) throw forbidden('You may change only the lines of quotes you can see', { errors: [{ field: 'quote', message: 'is not yours' }] });
    throw e;
  }
  if (quote.status !== 'draft') throw problem('QUOTE_LOCKED', { code: String(quote.code), status: String(quote.status) });
};

/** Lines change only while their quote is a draft; earlier versions keep theirs. A new version's copy is written while it is a draft. */
export const beforeQuoteLineWrite: BeforeHook = async (event, ctx) => {
  const { data, old } = event;
  if (event.action === 'delete') return draftQuote(data.quote, ctx);
  if (event.via === 'action:repoint') return; // a merge moved its product to the surviving record: the same product
  await draftQuote(data.quote ?? old?.quote, ctx);
  if (old && changedFields(data, old, ['quote']).length) await draftQuote(old.quote, ctx);
};
