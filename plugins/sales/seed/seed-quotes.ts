import { Readable } from 'node:stream';
import { getRecord, storeFile, type RecordContext, type RecordData } from '../../../core/index.js';
import { generateContract } from '../server/quotes/generate-contract.js';
import { newQuoteVersion } from '../server/quotes/quote-version.js';
import { demoContractTemplate } from './contract-template.js';
import { addDays, type Random, type Writer } from './demo-kit.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The two demo contract templates (Chinese and English), stored as uploads of the seed's actor. */
const seedTemplates = async (w: Writer, ctx: RecordContext): Promise<void> => {
  for (const [language, name] of [['zh-CN', '标准销售合同（中文）'], ['en', 'Standard sales contract (English)']] as const) {
    const bytes = demoContractTemplate(language);
    const file = await storeFile({ name: `sales-contract-${language}.docx`, type: DOCX, body: Readable.from([bytes]), for: { entity: 'document_template', field: 'file' } }, ctx);
    await w.create('document_template', { name, language, file, active: true, notes: '示例模板：可在 Word 中修改样式后重新上传。 A demo template: restyle it in Word and upload it again.' });
  }
};

/** What each demo quote becomes: its title, language, discounts, and the steps it is taken through. */
const PLANS: { title: string; language: 'en' | 'zh-CN'; discounts: number[]; steps: string[]; contract?: boolean; newVersion?: boolean }[] = [
  { title: '数据中心扩容项目报价', language: 'zh-CN', discounts: [5, 0, 8], steps: ['approve', 'send', 'accept'], contract: true },
  { title: '年度维保服务报价', language: 'zh-CN', discounts: [0, 3], steps: ['approve', 'send'], contract: true },
  { title: 'Branch office network refresh', language: 'en', discounts: [10, 5], steps: ['approve'], contract: true },
  { title: '办公设备集中采购报价', language: 'zh-CN', discounts: [15, 0], steps: [] },
  { title: '分支机构服务器采购报价', language: 'zh-CN', discounts: [5, 5], steps: ['approve', 'send', 'reject'], newVersion: true },
  { title: 'Warehouse scanners', language: 'en', discounts: [0], steps: [] },
];

/** The quote as stored now (after the steps taken so far). */
const current = (ctx: RecordContext, id: unknown): Promise<RecordData> => getRecord('quote', String(id), ctx);

/**
 * Demo quotes over the demo customers and products: drafts (one whose discount needs approval),
 * approved, sent, accepted (its order made by the acceptance), rejected then revised as version 2,
 * and contracts generated from the demo templates — all through the record service and transitions.
 */
export const seedQuotes = async (w: Writer, r: Random, ctx: RecordContext, input: { customers: RecordData[]; today: string }): Promise<void> => {
  await seedTemplates(w, ctx);
  const products: RecordData[] = await ctx.db('product').whereNull('deleted_at').where('price', '>', 0).orderBy('sku').limit(20).select('id', 'price');
  if (!products.length || !input.customers.length) return;
  for (const [i, plan] of PLANS.entries()) {
    const customer = input.customers[(i * 7) % input.customers.length];
    const quote = await w.create('quote', {
      title: plan.title,
      customer: customer.id,
      language: plan.language,
      email: `purchasing${i + 1}@example.com`,
      quote_date: addDays(input.today, -r.int(5, 30)),
      valid_until: addDays(input.today, 30),
      notes: plan.language === 'en' ? 'Delivery within 30 days of the order. Payment: 30 % in advance, the rest on delivery.' : '合同签订后 30 日内交货。付款方式：预付 30%，交货后付清余款。',
    });
    for (const discount of plan.discounts) {
      const product = r.pick(products);
      await w.create('quote_line', { quote: quote.id, product: product.id, quantity: r.int(1, 20), list_price: Number(product.price), discount_pct: discount });
    }
    if (plan.steps.includes('approve')) await w.advance('quote', quote.id, [['approve']]);
    if (plan.contract) await generateContract(await current(ctx, quote.id), {}, ctx);
    const rest = plan.steps.filter((s) => s !== 'approve');
    if (rest.length) await w.advance('quote', quote.id, rest.map((s) => [s] as [string]));
    if (plan.newVersion) await newQuoteVersion(await current(ctx, quote.id), ctx);
  }
};
