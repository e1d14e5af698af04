import type { PluginRouteDef } from '../../../core/index.js';

/** GET /api/x/customers/summary: live customers counted by grade and by region (for a dashboard tile). */
export const customerSummary: PluginRouteDef = {
  method: 'GET',
  path: '/summary',
  async handler(_req, ctx) {
    const count = (column: string) =>
      ctx.db('customer').whereNull('deleted_at').groupBy(column).orderBy(column).select({ value: column }).count({ count: '*' });
    const byGrade = await count('grade');
    const byRegion = await count('region');
    const total = await ctx.db('customer').whereNull('deleted_at').count({ count: '*' });
    return { total: Number(total[0].count), byGrade, byRegion };
  },
};
