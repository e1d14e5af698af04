import type { PluginRouteDef } from '../../../core/index.js';

/** The entities the portal shows, whose dictionaries' labels its app needs. */
const PORTAL_ENTITIES = ['service_case', 'sales_order', 'service_contract', 'solution'];

/**
 * GET /api/public/<tenant>/x/portal/dictionaries: the labels (en, zh-CN) of the dictionaries
 * the portal's entities use (case types, priorities…), which the portal app draws choices
 * and states with. Labels only: no records.
 */
export const portalDictionaries: PluginRouteDef = {
  method: 'GET',
  path: '/dictionaries',
  public: true,
  publicRoles: [],
  async handler(_req, ctx) {
    const names = new Set<string>();
    for (const e of PORTAL_ENTITIES) for (const f of Object.values(ctx.meta.entities[e]?.fields ?? {})) {
      const dict = (f as { dictionary?: string }).dictionary;
      if (dict) names.add(dict);
    }
    const out: Record<string, { value: string; label: unknown }[]> = {};
    for (const name of [...names].sort()) {
      const d = ctx.meta.dictionaries[name];
      if (d) out[name] = d.items.filter((i) => (i as { active?: boolean }).active !== false).map((i) => ({ value: i.value, label: i.label }));
    }
    return { dictionaries: out };
  },
};
