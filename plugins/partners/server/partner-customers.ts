import { problem, type PluginRouteDef } from '../../../core/index.js';

/**
 * GET /api/public/<tenant>/x/partners/customers: for a signed-in partner user (their portal
 * session; anyone else 401), the customers of their partner's deals by name — the existing
 * customers they may register a new deal for. Customers are not otherwise readable in the
 * portal, so the names are read with raw SQL, limited to that partner's deals.
 */
export const partnerCustomers: PluginRouteDef = {
  method: 'GET',
  path: '/customers',
  public: true,
  portalSession: true,
  publicRoles: [],
  systemAccess: "names the customers of the signed-in partner user's own deals, for registering a new deal",
  async handler(_req, ctx) {
    const partner = ctx.portalUser?.attributes.partner;
    if (typeof partner !== 'string' || !partner) throw problem('PARTNER_PORTAL_SIGN_IN');
    const rows = await ctx.system((db) =>
      db('customer as c')
        .whereNull('c.deleted_at')
        .whereExists((q) => q.select(db.raw('1')).from('opportunity as o').whereRaw('o.customer = c.id').where('o.partner', partner).whereNull('o.deleted_at'))
        .orderBy('c.name')
        .limit(500)
        .select('c.id', 'c.name'),
    );
    return { data: rows.map((r: { id: string; name: string }) => ({ id: r.id, name: r.name })) };
  },
};
