import type { RecordContext, RecordData } from '../../../core/index.js';
import { addDays, seededRandom, tenantToday, writer, type Counts, type Random, type Writer } from './demo-kit.js';
import { EXPENSES } from './demo-words.js';
import { seedLeads } from './seed-leads.js';
import { seedOrders } from './seed-orders.js';
import { seedPipeline, type DemoOpportunity } from './seed-pipeline.js';

/** Sales expenses (销售费用) of the demo opportunities, dated before they closed. */
const seedExpenses = async (w: Writer, r: Random, opportunities: DemoOpportunity[], today: string): Promise<void> => {
  const types = Object.keys(EXPENSES);
  for (let i = 0; i < 90 && opportunities.length; i++) {
    const deal = r.pick(opportunities);
    const type = r.pick(types);
    const [subjects, min, max] = EXPENSES[type];
    await w.create('sales_expense', {
      opportunity: deal.id,
      customer: deal.customer,
      date: addDays(deal.closedOn ?? today, -r.int(0, 90)),
      type,
      amount: r.int(min, max),
      subject: r.pick(subjects),
    });
  }
};

/**
 * Demo sales over the demo customers and products: leads (some converted), opportunities
 * across every stage with their development plans, ~300 orders over the last 12 months
 * (stocked, paid, shipped through stock issues), and sales expenses — all through the
 * record service and the lifecycles' transitions. Without customers (or products) it
 * seeds what it can.
 */
export const seedDemoSales = async (ctx: RecordContext): Promise<Counts> => {
  const counts: Counts = {};
  const w = writer(ctx, counts);
  const r = seededRandom(20240915);
  const today = tenantToday(ctx);
  const customers: RecordData[] = await ctx.db('customer').whereNull('deleted_at').whereIn('status', ['active', 'at_risk']).orderBy('code').select('id', 'name', 'region', 'address');
  const contacts = new Map<string, string>(
    (await ctx.db('contact').whereNull('deleted_at').orderBy(['customer', 'id']).select('customer', 'id')).reverse().map((c: RecordData) => [String(c.customer), String(c.id)]),
  );
  await seedLeads(w, r, ctx, today, counts);
  const opportunities = customers.length ? await seedPipeline(w, r, customers, contacts, today) : [];
  await seedOrders(w, r, ctx, { buyers: customers, won: opportunities.filter((o) => o.stage === 'won'), today });
  await seedExpenses(w, r, opportunities, today);
  return counts;
};
