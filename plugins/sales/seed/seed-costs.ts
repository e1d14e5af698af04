import { updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';

/** What a unit costs as a share of its list price, by category (services earn most). */
const COST_SHARE: Record<string, number> = { hardware: 0.68, software: 0.35, service: 0.3, consumable: 0.55, accessory: 0.5 };

/** Unit costs on the demo products (before the orders, whose lines copy them), a little apart per product. */
export const seedCosts = async (ctx: RecordContext): Promise<void> => {
  const products: RecordData[] = await ctx.db('product').whereNull('deleted_at').orderBy('sku').select('id', 'price', 'category');
  for (const [i, p] of products.entries()) {
    const price = Number(p.price ?? 0);
    if (!price) continue;
    const share = (COST_SHARE[String(p.category)] ?? 0.6) + ((i % 5) - 2) * 0.03;
    await updateRecord('product', String(p.id), { cost: Math.round(price * share * 100) / 100 }, ctx);
  }
};
