import type { RecordContext, RecordData } from '../../../core/index.js';
import { addDays, seededRandom, tenantToday, writer, type Counts, type Random, type Writer } from './demo-kit.js';
import { EXPENSES } from './demo-words.js';
import { seedCosts } from './seed-costs.js';
import { seedChurnReasons } from './seed-churn-reasons.js';
import { seedLeads } from './seed-leads.js';
import { seedOrders } from './seed-orders.js';
import { seedPipeline, type DemoOpportunity } from './seed-pipeline.js';
import { seedCustomerPrices } from './seed-prices.js';
import { seedCustomerBundlePrices, seedCustomerBundles } from './seed-bundles.js';
import { seedReturns } from './seed-returns.js';
import { carryOutRun } from '../server/mining-job.js';
import { seedQuotes } from './seed-quotes.js';

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
 * (stocked, paid, shipped through stock issues), sales expenses, and quotes with their
 * contract templates and contracts, key customers' price lists and office-kit contents, and serial numbers shipped and returned (RMA) — all through the
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
  await seedCosts(ctx);
  await seedCustomerBundles(w, ctx);
  await seedOrders(w, r, ctx, { buyers: customers, won: opportunities.filter((o) => o.stage === 'won'), today });
  await seedExpenses(w, r, opportunities, today);
  await seedQuotes(w, seededRandom(20261207), ctx, { customers, today });
  await seedCustomerPrices(w, ctx, today);
  await seedCustomerBundlePrices(w, ctx, today);
  await seedReturns(w, ctx);
  // The nightly refresh once now, in the install, so golden customers and cross-sell suggestions show at once.
  for (const kind of ['rfm', 'associations']) {
    const run = await w.create('mining_run', { kind, status: 'running', tenant_wide: true });
    await carryOutRun({ actor: ctx.actor, run: (fn) => fn(ctx) }, String(run.id));
  }
  await seedChurnReasons(ctx, r, counts);
  return counts;
};
