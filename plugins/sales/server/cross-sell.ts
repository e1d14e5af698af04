import { badRequest, type PluginRouteContext, type PluginRouteDef, type RecordData } from '../../../core/index.js';
import { SOLD_STATES } from './shared.js';

/** A stored rule as a mining run keeps it: products (id and name) on each side and its measures. */
interface StoredRule {
  antecedent: { id: string; name: string }[];
  consequent: { id: string; name: string }[];
  support: number;
  confidence: number;
  lift: number;
}

export interface Suggestion {
  product: { id: string; name: string };
  score: number;
  confidence: number;
  lift: number;
  because: { id: string; name: string }[];
}

const MAX_SUGGESTIONS = 10;

/**
 * What a customer may buy next: of the rules with one product on the other side
 * (consequent) whose products (antecedent) the customer has all bought, the products they
 * have not bought, each once with its best rule, ranked by confidence × lift. (A rule with
 * several products on the other side measures them together, not each.)
 */
export const suggest = (rules: StoredRule[], bought: Set<string>): Suggestion[] => {
  const best = new Map<string, Suggestion>();
  for (const rule of rules) {
    if (rule.consequent.length !== 1 || !rule.antecedent.length || !rule.antecedent.every((p) => bought.has(p.id))) continue;
    for (const p of rule.consequent) {
      if (bought.has(p.id)) continue;
      const score = rule.confidence * rule.lift;
      if ((best.get(p.id)?.score ?? -1) < score) best.set(p.id, { product: p, score, confidence: rule.confidence, lift: rule.lift, because: rule.antecedent });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.product.name.localeCompare(b.product.name));
};

const customerOf = async (entity: string, id: string, ctx: PluginRouteContext): Promise<string> => {
  if (entity === 'customer') return String((await ctx.records.get('customer', id, { fields: ['name'] })).id);
  return String((await ctx.records.get('opportunity', id, { fields: ['customer'] })).customer);
};

/**
 * GET /api/x/sales/cross-sell/:entity/:id (a customer or an opportunity): products to
 * offer, from the latest products-bought-together rules the caller may read (their own run
 * or the nightly company-wide one) and the customer's sold order lines the caller may read.
 * A record the caller may not read is 404.
 */
export const crossSell: PluginRouteDef = {
  method: 'GET',
  path: '/cross-sell/:entity/:id',
  async handler(req, ctx) {
    const { entity, id } = req.params;
    if (entity !== 'customer' && entity !== 'opportunity') throw badRequest('"entity" must be customer or opportunity');
    const customer = await customerOf(entity, id, ctx);
    const runs = await ctx.records.list('mining_run', { filter: { and: [{ '==': [{ var: 'kind' }, 'associations'] }, { '==': [{ var: 'status' }, 'done'] }] }, sort: '-finished_at', limit: 1, fields: ['result', 'finished_at'] });
    const run = runs.data[0] as RecordData | undefined;
    if (!run) return { rulesAsOf: null, suggestions: [] };
    const lines = await ctx.records.aggregate({
      entity: 'order_line',
      groupBy: ['product'],
      filter: { and: [{ '==': [{ var: 'sales_order.customer' }, customer] }, { in: [{ var: 'sales_order.status' }, [...SOLD_STATES]] }] },
      measures: [{ name: 'lines', aggregate: 'count' }],
      limit: 10_000,
    } as never);
    const bought = new Set(lines.rows.map((r) => String(r.product)).filter(Boolean));
    const rules = ((run.result as { rules?: StoredRule[] } | null)?.rules ?? []);
    const candidates = suggest(rules, bought);
    if (!candidates.length) return { rulesAsOf: run.finished_at ?? null, suggestions: [] };
    const readable = await ctx.records.list('product', { filter: { and: [{ in: [{ var: 'id' }, candidates.map((c) => c.product.id)] }, { '!=': [{ var: 'active' }, false] }] }, fields: ['name'], limit: 500 });
    const names = new Map(readable.data.map((p) => [String(p.id), String(p.name ?? '')]));
    const suggestions = candidates
      .filter((c) => names.has(c.product.id))
      .slice(0, MAX_SUGGESTIONS)
      .map((c) => ({ ...c, product: { id: c.product.id, name: names.get(c.product.id) ?? c.product.name } }));
    return { rulesAsOf: run.finished_at ?? null, suggestions };
  },
};
