import { addDays, badRequest, readTenantSettings, todayIn, type PluginRouteDef } from '../../../core/index.js';
import { PYRAMID_RIGHT, TIERS } from './value-pyramid.js';
import { SOLD_STATES } from './shared.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Each customer's tier as of a day: ranked by the spend of the sold orders in the 365 days
 * up to that day, cut at the same shares as the pyramid (rank ≤ ⌈n × 1%⌉ VIP, …).
 */
const rankedAsOf = (alias: string): string => `
  ${alias}_spend as (
    select c.id, coalesce(sum(l.quantity * l.unit_price), 0) as spend
    from customer c
    left join sales_order o on o.customer = c.id and o.deleted_at is null and o.status in (${SOLD_STATES.map(() => '?').join(', ')})
      and o.order_date > cast(? as date) and o.order_date <= cast(? as date)
    left join order_line l on l.sales_order = o.id and l.deleted_at is null
    where c.deleted_at is null and c.status is distinct from 'prospect'
    group by c.id
  ), ${alias} as (
    select s.*, case ${TIERS.slice(0, -1).map(() => 'when row_number() over (order by s.spend desc, s.id) <= ceil(count(*) over () * cast(? as numeric)) then ?').join(' ')} else ? end as tier
    from ${alias}_spend s
  )`;

const rankedBindings = (day: string): unknown[] => [...SOLD_STATES, addDays(day, -365), day, ...TIERS.slice(0, -1).flatMap((t) => [t.upTo, t.tier]), TIERS[TIERS.length - 1].tier];

/** The tier's place from the top (0 = VIP), in SQL. */
const PLACE = (col: string) => `case ${col} ${TIERS.map((t, i) => `when '${t.tier}' then ${i}`).join(' ')} end`;

const dayOf = (value: unknown, name: string, fallback: string): string => {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw badRequest(`"${name}" must be a day (YYYY-MM-DD)`);
  return value;
};

/**
 * GET /api/x/sales/value-pyramid/movement?from=&to=: how customers moved between the
 * pyramid's tiers from one day to another (each tier by the 12 months of spend up to that
 * day): how many went from each tier to each tier, and who moved up and who moved down
 * (`limit` each, biggest change of spend first), with their ids to open them.
 */
export const pyramidMovement: PluginRouteDef = {
  method: 'GET',
  path: '/value-pyramid/movement',
  rights: [PYRAMID_RIGHT],
  systemAccess: 'ranks every customer by the spend of their sold orders at two days, whatever the reader\'s row scope',
  async handler(req, ctx) {
    const zone = (await ctx.system((db) => readTenantSettings(db, ctx.tenant))).timeZone;
    const to = dayOf(req.query.to, 'to', todayIn(zone, new Date()));
    const from = dayOf(req.query.from, 'from', addDays(to, -182));
    if (from >= to) throw badRequest('"from" must be before "to"');
    const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('"limit" must be an integer from 1 to 500');
    const moves = `with ${rankedAsOf('a')}, ${rankedAsOf('b')}
      select c.id, c.code, c.name, a.tier as from_tier, b.tier as to_tier, a.spend as from_spend, b.spend as to_spend,
        sign(${PLACE('a.tier')} - ${PLACE('b.tier')}) as direction
      from a join b on b.id = a.id join customer c on c.id = a.id`;
    const bindings = [...rankedBindings(from), ...rankedBindings(to)];
    const { rows: matrix } = await ctx.system((db) => db.raw(`select from_tier, to_tier, count(*) as customers from (${moves}) m group by from_tier, to_tier`, bindings as never[]));
    const movers = async (direction: 1 | -1) =>
      (await ctx.system((db) => db.raw(`select * from (${moves}) m where direction = ? order by abs(to_spend - from_spend) desc, id limit ?`, [...bindings, direction, limit] as never[]))).rows.map(
        (r: Record<string, unknown>) => ({ id: r.id, code: r.code, name: r.name, fromTier: r.from_tier, toTier: r.to_tier, fromSpend: Number(r.from_spend), toSpend: Number(r.to_spend) }),
      );
    const count = (pred: (f: number, t: number) => boolean) =>
      matrix.filter((r: Record<string, unknown>) => pred(TIERS.findIndex((x) => x.tier === r.from_tier), TIERS.findIndex((x) => x.tier === r.to_tier))).reduce((n: number, r: Record<string, unknown>) => n + Number(r.customers), 0);
    return {
      from,
      to,
      tiers: TIERS.map(({ tier, label }) => ({ tier, label })),
      matrix: matrix.map((r: Record<string, unknown>) => ({ from: r.from_tier, to: r.to_tier, customers: Number(r.customers) })),
      movedUp: count((f, t) => t < f),
      movedDown: count((f, t) => t > f),
      stayed: count((f, t) => t === f),
      up: await movers(1),
      down: await movers(-1),
    };
  },
};
