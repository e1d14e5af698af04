import { ownOrShared, ownOrSharedFilter, type PortalVisitor, type RecordData } from '../../../core/index.js';
import { listAll, type Records } from './records.js';

/** Product categories not kept in stock (as the sales plugin's shipment treats them): always available. */
export const UNSTOCKED = ['service'];

/** What one unit of a product takes from stock: itself, or its bundle components (unstocked ones left out). */
export type Needs = Map<string, Map<string, number>>;

const isStocked = (category: unknown): boolean => !UNSTOCKED.includes(String(category ?? ''));

/** The customer a signed-in portal visitor buys for (their account's), or null for an anonymous visitor. */
export const visitorCustomer = (visitor?: PortalVisitor): string | null => {
  const customer = visitor?.attributes.customer;
  return typeof customer === 'string' && customer ? customer : null;
};

/** A bundle's contents as `customer` gets them (core's `ownOrShared`, as the sales plugin's shipment chooses): their own rows, else the generic ones. */
export const bundleRows = async (records: Records, bundles: string[], customer: string | null, fields: string[]): Promise<RecordData[]> => {
  if (!bundles.length) return [];
  const rows = await listAll(records, 'product_bundle_item', { filter: { and: [{ in: [{ var: 'bundle' }, bundles] }, ownOrSharedFilter('customer', customer)] }, fields: [...new Set(['bundle', 'customer', ...fields])] });
  return ownOrShared(rows, { group: 'bundle', owner: 'customer' }, customer);
};

/** For each product, what one unit of it takes from stock for `customer` (null: anonymous), by stocked product id. */
export const needsOf = async (records: Records, products: RecordData[], customer: string | null): Promise<Needs> => {
  const ids = products.map((p) => String(p.id));
  const items = await bundleRows(records, ids, customer, ['component', 'quantity', 'component.category']);
  const needs: Needs = new Map();
  for (const p of products) {
    const parts = items.filter((i) => i.bundle === p.id);
    const need = new Map<string, number>();
    if (parts.length) {
      for (const i of parts) if (isStocked((i as Record<string, unknown>)['component.category'])) need.set(String(i.component), (need.get(String(i.component)) ?? 0) + Number(i.quantity));
    } else if (isStocked(p.category)) need.set(String(p.id), 1);
    needs.set(String(p.id), need);
  }
  return needs;
};

/** Reservations still holding stock at `now`: active, and not past their time. */
export const holding = (r: RecordData, now: Date): boolean => r.status === 'active' && (!r.expires_at || new Date(String(r.expires_at)).getTime() > now.getTime());

/** Free stock of products: on hand in every warehouse, less what live reservations hold. */
export const freeStock = async (records: Records, productIds: string[], now = new Date()): Promise<Map<string, number>> => {
  const free = new Map<string, number>(productIds.map((id) => [id, 0]));
  if (!productIds.length) return free;
  const filter = { in: [{ var: 'product' }, productIds] };
  for (const s of await listAll(records, 'stock', { filter, fields: ['product', 'quantity'] })) free.set(String(s.product), (free.get(String(s.product)) ?? 0) + Number(s.quantity));
  const held = await listAll(records, 'stock_reservation', { filter: { and: [filter, { '==': [{ var: 'status' }, 'active'] }] }, fields: ['product', 'quantity', 'status', 'expires_at'] });
  for (const r of held) if (holding(r, now)) free.set(String(r.product), (free.get(String(r.product)) ?? 0) - Number(r.quantity));
  return free;
};

/** How many units of each product `customer` (null: anonymous) can buy now (null: not kept in stock, no limit). */
export const availability = async (records: Records, products: RecordData[], customer: string | null, now = new Date()): Promise<Map<string, number | null>> => {
  const needs = await needsOf(records, products, customer);
  const stocked = [...new Set([...needs.values()].flatMap((n) => [...n.keys()]))];
  const free = await freeStock(records, stocked, now);
  const out = new Map<string, number | null>();
  for (const [product, need] of needs) {
    if (!need.size) {
      out.set(product, null);
      continue;
    }
    out.set(product, Math.max(0, Math.min(...[...need].map(([part, per]) => Math.floor((free.get(part) ?? 0) / per)))));
  }
  return out;
};
