import {
  addDays,
  createRecord,
  invitePortalUserInWork,
  isAppError,
  listRecords,
  runTransition,
  seededRandom,
  todayIn,
  withSystemRights,
  type PluginRecordContext,
  type RecordContext,
  type RecordData,
  type Tenant,
} from '../../../core/index.js';
import { DEAL_TOPICS, LOSS_REASONS, NEXT_STEPS, PARTNERS } from './demo-plan.js';
import { seedDealRegistrations } from './seed-registrations.js';

type Row = RecordData & { id: string };
const PATH: [string, string][] = [['qualify', 'qualification'], ['propose', 'proposal'], ['negotiate', 'negotiation'], ['win', 'won']];

const all = async (entity: string, fields: string[], ctx: RecordContext, filter?: unknown): Promise<Row[]> =>
  (await listRecords(entity, { fields, filter, sort: 'id', limit: 500 }, ctx)).data as Row[];

/** The transitions to a deal's stage, the closing one carrying its close date (and a lost deal's reason). */
const pathTo = (stage: string, closedOn: string, reason: string): [string, RecordData?][] => {
  if (stage === 'lost') return [['qualify'], ['lose', { loss_reason: reason, closed_on: closedOn }]];
  const steps: [string, RecordData?][] = PATH.slice(0, PATH.findIndex(([, s]) => s === stage) + 1).map(([t]) => [t]);
  if (stage === 'won') steps[steps.length - 1] = ['win', { closed_on: closedOn }];
  return steps;
};

/**
 * 合作伙伴演示数据: nine partners (three resellers, three agents, three distributors, one of
 * each tier per kind) with territories and contact details; their deals with customers of
 * their territories in every stage (won and lost ones closed over the past year); an order
 * for each won deal (owned by the partner through its opportunity); deal registrations
 * waiting, approved and rejected (seed-registrations.ts). With the demo's shared
 * password set (CRM_DEMO_PASSWORD) the gold reseller's contact gets a portal account,
 * partner@demo.local; otherwise use the partner's "Portal access" action.
 */
export const seedDemoPartners = async (base: PluginRecordContext & { tenant: Tenant }): Promise<Record<string, number>> => {
  const ctx = withSystemRights(base);
  const r = seededRandom(20261208);
  const today = todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());
  const customers = await all('customer', ['id', 'region', 'address'], ctx);
  const products = (await all('product', ['id', 'price'], ctx, { '>': [{ var: 'price' }, 0] })).slice(0, 20);
  const counts: Record<string, number> = { partner: 0, opportunity: 0, sales_order: 0 };
  let first: Row | undefined;
  const made: Row[] = [];
  for (const plan of PARTNERS) {
    const partner = (await createRecord('partner', {
      name: plan.name, kind: plan.kind, tier: plan.tier, territories: plan.territories, status: 'active',
      contact_name: plan.contact, phone: plan.phone, email: plan.email, address: plan.address, agreement_end: addDays(today, r.int(90, 720)),
    }, ctx)) as Row;
    counts.partner++;
    made.push(partner);
    first ??= partner;
    const local = customers.filter((c) => plan.territories.includes(String(c.region)));
    const pool = local.length ? local : customers;
    for (const stage of plan.deals) {
      if (!pool.length) break;
      const customer = r.pick(pool);
      const closed = stage === 'won' || stage === 'lost';
      const when = closed ? addDays(today, -r.int(10, 330)) : addDays(today, r.int(15, 120));
      const amount = r.int(5, 80) * 10_000;
      const deal = await createRecord('opportunity', {
        title: `${plan.name.slice(0, 4)}·${r.pick(DEAL_TOPICS)}`, customer: customer.id, partner: partner.id, amount, expected_close_date: when,
        source: 'partner', next_step: closed ? undefined : r.pick(NEXT_STEPS), description: `经由合作伙伴${plan.name}跟进。`,
      }, ctx);
      counts.opportunity++;
      for (const [transition, set] of pathTo(stage, when, r.pick(LOSS_REASONS))) await runTransition({ entity: 'opportunity', id: String(deal.id), transition, set }, ctx);
      if (stage !== 'won' || !products.length) continue;
      const order = await createRecord('sales_order', { customer: customer.id, opportunity: deal.id, order_date: [addDays(when, r.int(1, 5)), today].sort()[0], delivery_address: customer.address }, ctx);
      const product = r.pick(products);
      const price = Number(product.price);
      await createRecord('order_line', { sales_order: order.id, product: product.id, quantity: Math.max(1, Math.round(amount / price)), unit_price: price }, ctx);
      await runTransition({ entity: 'sales_order', id: String(order.id), transition: 'confirm' }, ctx);
      counts.sales_order++;
    }
  }
  counts.deal_registration = await seedDealRegistrations(made, ctx, today);
  const password = process.env.CRM_DEMO_PASSWORD;
  if (first && password && password.length >= 8) {
    await invitePortalUserInWork({ entity: 'partner', id: first.id, email: String(first.email), name: `${String(first.contact_name)}（${String(first.name)}）`, role: 'portal_partner', password }, base).catch((e: unknown) => {
      // a shared password too weak for the portal's rules: no account (nothing was written)
      if (!isAppError(e) || e.status !== 400) throw e;
    });
  }
  return counts;
};
