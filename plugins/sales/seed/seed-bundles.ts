import type { RecordContext, RecordData } from '../../../core/index.js';
import { addDays, type Writer } from './demo-kit.js';

/** The demo's office kit (products demo). */
export const KIT = 'BD-OFFICE';

/** 客户专用组合: what three key customers agreed to get in the office kit instead of its usual contents, and at what price. */
const AGREED: { components: [string, number][]; price: number; notes: string }[] = [
  { components: [['HW-NB-14', 1], ['HW-MON-27', 2], ['AC-MOUSE', 1], ['AC-KB', 1], ['AC-DOCK', 1]], price: 12999, notes: '双屏办公套装协议价' },
  { components: [['HW-NB-14', 1], ['HW-MON-27', 1], ['AC-DOCK', 1]], price: 10499, notes: '不含键鼠的套装协议价' },
  { components: [['HW-NB-14', 1], ['AC-MOUSE', 1], ['AC-KB', 1], ['AC-DOCK', 1]], price: 8999, notes: '不含显示器的套装协议价' },
];

/** The first strategic customers (by code) that get their own kit, in the order of AGREED. */
const kitCustomers = async (ctx: RecordContext): Promise<string[]> =>
  (await ctx.db('customer').whereNull('deleted_at').whereIn('status', ['active', 'at_risk']).where('grade', 'strategic').orderBy('code').limit(AGREED.length).select('id')).map((c: RecordData) => String(c.id));

/**
 * The office kit's contents for three key customers (seeded before the demo orders, so
 * their shipments issue these components and are stocked for them). Without the kit or
 * its components (no products demo): nothing.
 */
export const seedCustomerBundles = async (w: Writer, ctx: RecordContext): Promise<void> => {
  if (!ctx.meta.entities.product_bundle_item?.fields?.customer) return;
  const kit = await ctx.db('product').whereNull('deleted_at').where('sku', KIT).first('id');
  if (!kit) return;
  const bySku = new Map<string, string>((await ctx.db('product').whereNull('deleted_at').whereIn('sku', [...new Set(AGREED.flatMap((a) => a.components.map(([sku]) => sku)))]).select('id', 'sku')).map((p: RecordData) => [String(p.sku), String(p.id)]));
  for (const [i, customer] of (await kitCustomers(ctx)).entries()) {
    for (const [sku, quantity] of AGREED[i].components) {
      const component = bySku.get(sku);
      if (component) await w.create('product_bundle_item', { bundle: kit.id, component, quantity, customer });
    }
  }
};

/** Their agreed kit prices (a customer price list row each, valid half a year either side of today), seeded after the demo orders like the other agreed prices. */
export const seedCustomerBundlePrices = async (w: Writer, ctx: RecordContext, today: string): Promise<void> => {
  if (!ctx.meta.entities.customer_price) return;
  const kit = await ctx.db('product').whereNull('deleted_at').where('sku', KIT).first('id');
  if (!kit) return;
  for (const [i, customer] of (await kitCustomers(ctx)).entries()) {
    await w.create('customer_price', { customer, product: kit.id, price: AGREED[i].price, valid_from: addDays(today, -180), valid_to: addDays(today, 185), notes: AGREED[i].notes });
  }
};
