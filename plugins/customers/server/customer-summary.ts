import type { PluginRouteDef } from '../../../core/index.js';

/**
 * GET /api/x/customers/summary: live customers counted by grade and by region (for a
 * dashboard tile), counting only the customers the caller may read.
 */
export const customerSummary: PluginRouteDef = {
  method: 'GET',
  path: '/summary',
  async handler(_req, ctx) {
    const count = async (field: string) => {
      const answer = await ctx.records.aggregate({ entity: 'customer', groupBy: [field], measures: [{ name: 'count', aggregate: 'count' }], sort: [{ field }] });
      return answer.rows.map((r) => ({ value: r[field] ?? null, count: Number(r.count) }));
    };
    const [byGrade, byRegion] = [await count('grade'), await count('region')];
    return { total: byGrade.reduce((n, g) => n + g.count, 0), byGrade, byRegion };
  },
};
