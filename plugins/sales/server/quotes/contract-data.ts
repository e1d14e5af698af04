import { getRecord, listRecords, type RecordContext, type RecordData, type TemplateData } from '../../../../core/index.js';

type Language = 'en' | 'zh-CN';

const money = (n: unknown, language: Language): string =>
  new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(n ?? 0));
const number = (n: unknown, language: Language): string => new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 }).format(Number(n ?? 0));

/**
 * What a contract template can say about a quote, as text ready to print in the quote's
 * language: `{code}`, `{version}`, `{title}`, `{customer}`, `{quote_date}`, `{valid_until}`,
 * `{total}`, `{notes}`, `{today}`, and `{#lines}{no} {product} {sku} {quantity} {list_price}
 * {discount} {unit_price} {line_total}{/lines}`. Read under the caller's rights.
 */
export const contractData = async (quote: RecordData, today: string, ctx: RecordContext): Promise<TemplateData> => {
  const language: Language = quote.language === 'en' ? 'en' : 'zh-CN';
  const customer = await getRecord('customer', String(quote.customer), ctx, { fields: ['name'] });
  const lines = await listRecords(
    'quote_line',
    { filter: { '==': [{ var: 'quote' }, quote.id] }, fields: ['product.name', 'product.sku', 'quantity', 'list_price', 'discount_pct', 'unit_price', 'line_total'], sort: 'created_at', limit: 500 },
    ctx,
  );
  return {
    code: quote.code,
    version: quote.version_no,
    title: quote.title,
    customer: customer.name,
    quote_date: quote.quote_date ?? '',
    valid_until: quote.valid_until ?? '',
    total: money(quote.total, language),
    notes: quote.notes ?? '',
    today,
    lines: lines.data.map((l, i) => ({
      no: i + 1,
      product: l['product.name'] ?? '',
      sku: l['product.sku'] ?? '',
      quantity: number(l.quantity, language),
      list_price: money(l.list_price, language),
      discount: number(l.discount_pct, language),
      unit_price: money(l.unit_price, language),
      line_total: money(l.line_total, language),
    })),
  };
};
