import { daysBetween, ownOrShared, type RecordContext, type RecordData } from '../../../core/index.js';
import { addDays, minDate, shuffled, type Random, type Writer } from './demo-kit.js';
import type { DemoOpportunity } from './seed-pipeline.js';

interface Product {
  id: string;
  sku: string;
  price: number;
  category: string | null;
  track_lots: boolean;
}

interface PlannedOrder {
  customer: RecordData;
  warehouse: string;
  date: string;
  status: string;
  opportunity?: string;
  lines: { product: Product; quantity: number; unitPrice: number }[];
}

const ORDERS = 300;
const WAREHOUSE_BY_REGION: Record<string, string> = { north: 'BJ01', northeast: 'BJ01', northwest: 'BJ01', east: 'SH01', central: 'SH01', south: 'GZ01', southwest: 'GZ01' };
const QUANTITY: Record<string, [number, number]> = { hardware: [1, 6], software: [2, 30], service: [4, 40], consumable: [5, 40], accessory: [2, 25] };

/** Older orders are mostly completed; recent ones still under way. */
const statusFor = (r: Random, age: number): string => {
  const roll = r.next();
  if (age > 45) return roll < 0.06 ? 'cancelled' : roll < 0.1 ? 'shipped' : 'completed';
  if (age > 15) return roll < 0.05 ? 'cancelled' : roll < 0.15 ? 'confirmed' : roll < 0.3 ? 'paid' : roll < 0.6 ? 'shipped' : 'completed';
  return roll < 0.05 ? 'cancelled' : roll < 0.35 ? 'new' : roll < 0.65 ? 'confirmed' : roll < 0.85 ? 'paid' : 'shipped';
};

const linesFor = (r: Random, catalogue: Product[]): PlannedOrder['lines'] =>
  shuffled(r, catalogue)
    .slice(0, r.int(1, 3))
    .map((product) => {
      const [min, max] = QUANTITY[product.category ?? ''] ?? [1, 5];
      return { product, quantity: r.int(min, product.sku.startsWith('BD-') ? 3 : max), unitPrice: Math.round(product.price * (1 - r.int(0, 10) / 100)) };
    });

/** ~300 orders over the last 12 months: a few customers buy much, most a little; won deals become orders. */
const planOrders = (r: Random, input: { buyers: RecordData[]; won: DemoOpportunity[]; catalogue: Product[]; warehouses: Map<string, string>; today: string }): PlannedOrder[] => {
  const { buyers, won, catalogue, warehouses, today } = input;
  const byId = new Map(buyers.map((c) => [String(c.id), c]));
  const fallback = [...warehouses.values()][0];
  const warehouseOf = (c: RecordData) => warehouses.get(WAREHOUSE_BY_REGION[String(c.region)]) ?? fallback;
  const ranked = shuffled(r, buyers);
  const planned: PlannedOrder[] = [];
  for (const deal of won) {
    const customer = byId.get(deal.customer);
    if (!customer || !deal.closedOn) continue;
    const date = minDate(addDays(deal.closedOn, r.int(1, 7)), today);
    const age = daysBetween(date, today);
    planned.push({ customer, warehouse: warehouseOf(customer), date, status: statusFor(r, age), opportunity: deal.id, lines: linesFor(r, catalogue) });
  }
  while (planned.length < ORDERS) {
    const customer = ranked[Math.floor(ranked.length * r.next() ** 2.5)];
    const age = r.int(0, 364);
    planned.push({ customer, warehouse: warehouseOf(customer), date: addDays(today, -age), status: statusFor(r, age), lines: linesFor(r, catalogue) });
  }
  return planned.sort((a, b) => a.date.localeCompare(b.date));
};

/** The states of an order in lifecycle order, each with the transition into it. */
const STEPS = [['confirmed', 'confirm'], ['paid', 'pay'], ['shipped', 'ship'], ['completed', 'complete']] as const;

/** The transitions to an order's state, with the dates of payment and shipment. */
const pathTo = (r: Random, o: PlannedOrder, today: string): [string, RecordData?][] => {
  if (o.status === 'new') return [];
  if (o.status === 'cancelled') return r.chance(0.5) ? [['cancel']] : [['confirm'], ['cancel']];
  const paidOn = minDate(addDays(o.date, r.int(1, 5)), today);
  const set: Record<string, RecordData> = { pay: { paid_on: paidOn }, ship: { shipped_on: minDate(addDays(paidOn, r.int(1, 6)), today) } };
  return STEPS.slice(0, STEPS.findIndex(([s]) => s === o.status) + 1).map(([, t]) => [t, set[t]]);
};

/** One row of a bundle's contents: generic (no customer) or one customer's own. */
export interface BundleRow {
  bundle: string;
  component: string;
  quantity: number;
  customer: string | null;
}

/**
 * What the shipped (or completed) orders take from stock, by `component|warehouse`: bundles
 * by their components as each order's customer gets them (core's `ownOrShared`, as the
 * shipment itself chooses).
 */
export const stockDemand = (orders: Pick<PlannedOrder, 'customer' | 'warehouse' | 'status' | 'lines'>[], rows: BundleRow[]): Map<string, number> => {
  const demand = new Map<string, number>();
  const byCustomer = new Map<string, Map<string, BundleRow[]>>();
  const partsFor = (customer: string): Map<string, BundleRow[]> => {
    let parts = byCustomer.get(customer);
    if (!parts) {
      parts = new Map();
      for (const b of ownOrShared(rows, { group: 'bundle', owner: 'customer' }, customer)) parts.set(b.bundle, [...(parts.get(b.bundle) ?? []), b]);
      byCustomer.set(customer, parts);
    }
    return parts;
  };
  for (const o of orders.filter((x) => x.status === 'shipped' || x.status === 'completed')) {
    const parts = partsFor(String(o.customer.id));
    for (const l of o.lines) {
      for (const p of parts.get(l.product.id) ?? [{ component: l.product.id, quantity: 1 }]) {
        const key = `${p.component}|${o.warehouse}`;
        demand.set(key, (demand.get(key) ?? 0) + l.quantity * p.quantity);
      }
    }
  }
  return demand;
};

/** Purchases that stock what the shipped demo orders will issue (bundles by their components), before they ship. */
const stockUp = async (w: Writer, orders: PlannedOrder[], ctx: RecordContext): Promise<void> => {
  const rows: BundleRow[] = (await ctx.db('product_bundle_item').whereNull('deleted_at').select('bundle', 'component', 'quantity', 'customer')).map((b: RecordData) => ({
    bundle: String(b.bundle),
    component: String(b.component),
    quantity: Number(b.quantity),
    customer: b.customer == null ? null : String(b.customer),
  }));
  const demand = stockDemand(orders, rows);
  const products = new Map((await ctx.db('product').select('id', 'category', 'track_lots')).map((p: RecordData) => [String(p.id), p]));
  let n = 0;
  for (const [key, quantity] of demand) {
    const [product, warehouse] = key.split('|');
    const info = products.get(product);
    if (!info || info.category === 'service') continue;
    const lot = info.track_lots ? await latestLot(product, warehouse, ctx) : undefined;
    await w.create('stock_move', { product, warehouse, lot, direction: 'in', quantity, reason: 'purchase', reference: `PO-S${String(++n).padStart(4, '0')}`, notes: '销售备货' });
  }
};

const latestLot = async (product: string, warehouse: string, ctx: RecordContext): Promise<string | undefined> => {
  const here = await ctx.db('stock as s').join('lot as l', 'l.id', 's.lot').where({ 's.product': product, 's.warehouse': warehouse }).orderBy('l.expiry_date', 'desc').first('l.id');
  const any = here ?? (await ctx.db('lot').where({ product }).whereNull('deleted_at').orderBy('expiry_date', 'desc').first('id'));
  return any ? String(any.id) : undefined;
};

/** The demo orders with their lines, stocked, then taken through the order lifecycle (shipping issues stock). */
export const seedOrders = async (w: Writer, r: Random, ctx: RecordContext, input: { buyers: RecordData[]; won: DemoOpportunity[]; today: string }): Promise<void> => {
  const catalogue = (await ctx.db('product').whereNull('deleted_at').where({ active: true }).orderBy('sku').select('id', 'sku', 'price', 'category', 'track_lots')).map((p: RecordData) => ({
    id: String(p.id),
    sku: String(p.sku),
    price: Number(p.price ?? 0),
    category: (p.category as string | null) ?? null,
    track_lots: p.track_lots === true,
  }));
  const warehouses = new Map<string, string>((await ctx.db('warehouse').whereNull('deleted_at').orderBy('code').select('id', 'code')).map((x: RecordData) => [String(x.code), String(x.id)]));
  if (!catalogue.length || !warehouses.size || !input.buyers.length) return;
  const orders = planOrders(r, { ...input, catalogue, warehouses });
  await stockUp(w, orders, ctx);
  for (const o of orders) {
    const order = await w.create('sales_order', { customer: o.customer.id, order_date: o.date, warehouse: o.warehouse, opportunity: o.opportunity, delivery_address: o.customer.address });
    for (const l of o.lines) await w.create('order_line', { sales_order: order.id, product: l.product.id, quantity: l.quantity, unit_price: l.unitPrice });
    await w.advance('sales_order', order.id, pathTo(r, o, input.today));
  }
};
