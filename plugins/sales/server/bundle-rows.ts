import { listRecords, ownOrShared, ownOrSharedFilter, withSystemRights, type RecordContext, type RecordData } from '../../../core/index.js';

/** One component of a bundle as a customer gets it. */
export interface BundlePart {
  bundle: string;
  component: string;
  quantity: number;
}

/**
 * 客户专用组合明细: the contents of bundles as `customer` gets them, by bundle id (products
 * that are no bundle are absent): per bundle that customer's own rows where it has any, else
 * the generic ones (core's `ownOrShared`, as the web shop chooses too); without a customer
 * only the generic ones. Read with full rights: what goes out with an order is not the
 * reader's choice.
 */
export const bundlePartsFor = async (bundles: string[], customer: string | null, ctx: RecordContext): Promise<Map<string, BundlePart[]>> => {
  const parts = new Map<string, BundlePart[]>();
  const ids = [...new Set(bundles)];
  if (!ids.length) return parts;
  const sys = withSystemRights(ctx);
  const rows: RecordData[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRecords(
      'product_bundle_item',
      { filter: { and: [{ in: [{ var: 'bundle' }, ids] }, ownOrSharedFilter('customer', customer)] }, fields: ['bundle', 'component', 'quantity', 'customer'], limit: 500, cursor },
      sys,
    );
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  for (const r of ownOrShared(rows, { group: 'bundle', owner: 'customer' }, customer)) {
    const part = { bundle: String(r.bundle), component: String(r.component), quantity: Number(r.quantity) };
    parts.set(part.bundle, [...(parts.get(part.bundle) ?? []), part]);
  }
  return parts;
};
