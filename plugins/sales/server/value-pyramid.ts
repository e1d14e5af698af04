import { badRequest, type Label, type PluginRouteDef } from '../../../core/index.js';
import { SOLD_STATES } from './shared.js';

/** The right that opens the pyramid: it shows every customer's spend, whatever the reader's row scope. */
export const PYRAMID_RIGHT = 'customer.value_pyramid';

/** Tiers from the top, each up to a cumulative share of the customers ranked by spend (D5). */
export const TIERS: { tier: string; upTo: number; label: Label }[] = [
  { tier: 'vip', upTo: 0.01, label: { en: 'VIP customers (top 1%)', 'zh-CN': 'VIP客户（前1%）' } },
  { tier: 'major', upTo: 0.05, label: { en: 'Major customers (next 4%)', 'zh-CN': '主要客户（其后4%）' } },
  { tier: 'normal', upTo: 0.2, label: { en: 'Normal customers (next 15%)', 'zh-CN': '普通客户（其后15%）' } },
  { tier: 'small', upTo: 1, label: { en: 'Small customers (remaining 80%)', 'zh-CN': '小客户（其余80%）' } },
];

/**
 * Customers ranked by spend (sold orders' lines) with their tier: rank ≤ ⌈n × 1%⌉ is VIP,
 * ≤ ⌈n × 5%⌉ major, ≤ ⌈n × 20%⌉ normal, the rest small. Equal spends are ranked by id so
 * every tier has its exact share. Prospects are not customers yet and are left out.
 */
const RANKED = `
  with spend as (
    select c.id, c.code, c.name, coalesce(sum(l.quantity * l.unit_price), 0) as spend
    from customer c
    left join sales_order o on o.customer = c.id and o.deleted_at is null and o.status in (${SOLD_STATES.map(() => '?').join(', ')})
    left join order_line l on l.sales_order = o.id and l.deleted_at is null
    where c.deleted_at is null and c.status is distinct from 'prospect'
    group by c.id, c.code, c.name
  ), ranked as (
    select s.*, row_number() over (order by s.spend desc, s.id) as rank, count(*) over () as n from spend s
  )
  select r.*, case ${TIERS.slice(0, -1).map(() => 'when r.rank <= ceil(r.n * cast(? as numeric)) then ?').join(' ')} else ? end as tier
  from ranked r`;

const rankedBindings = (): unknown[] => [...SOLD_STATES, ...TIERS.slice(0, -1).flatMap((t) => [t.upTo, t.tier]), TIERS[TIERS.length - 1].tier];

const limitOf = (value: unknown): number => {
  const n = value === undefined ? 100 : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw badRequest('"limit" must be an integer from 1 to 1000');
  return n;
};

/**
 * GET /api/x/sales/value-pyramid: the customer value pyramid (客户价值金字塔), one SQL
 * query with window functions. Ranking needs every customer's spend, so the route reads in
 * system mode (audited) and is open only to holders of the pyramid right. `?tier=vip` also
 * lists that tier's customers by rank (`limit`, default 100).
 */
export const valuePyramid: PluginRouteDef = {
  method: 'GET',
  path: '/value-pyramid',
  rights: [PYRAMID_RIGHT],
  systemAccess: 'ranks every customer by the spend of their sold orders, whatever the reader\'s row scope',
  async handler(req, ctx) {
    const tier = typeof req.query.tier === 'string' ? req.query.tier : undefined;
    if (tier !== undefined && !TIERS.some((t) => t.tier === tier)) throw badRequest(`"tier" must be one of ${TIERS.map((t) => t.tier).join(', ')}`);
    const { rows } = await ctx.system((db) =>
      db.raw(`select tier, count(*) as customers, sum(spend) as spend, min(spend) as min_spend, max(spend) as max_spend from (${RANKED}) t group by tier`, rankedBindings() as never[]),
    );
    const byTier = new Map(rows.map((r: Record<string, unknown>) => [r.tier, r]));
    const customers = rows.reduce((n: number, r: Record<string, unknown>) => n + Number(r.customers), 0);
    const total = rows.reduce((n: number, r: Record<string, unknown>) => n + Number(r.spend), 0);
    const tiers = TIERS.map(({ tier: name, label }) => {
      const r = byTier.get(name) as Record<string, unknown> | undefined;
      const spend = Number(r?.spend ?? 0);
      return { tier: name, label, customers: Number(r?.customers ?? 0), spend, minSpend: Number(r?.min_spend ?? 0), maxSpend: Number(r?.max_spend ?? 0), shareOfSpend: total ? spend / total : 0 };
    });
    if (!tier) return { customers, spend: total, tiers };
    const limit = limitOf(req.query.limit);
    const listed = await ctx.system((db) => db.raw(`select id, code, name, spend, rank from (${RANKED}) t where tier = ? order by rank limit ?`, [...rankedBindings(), tier, limit] as never[]));
    return { customers, spend: total, tiers, tier, members: listed.rows.map((r: Record<string, unknown>) => ({ ...r, spend: Number(r.spend), rank: Number(r.rank) })) };
  },
};
