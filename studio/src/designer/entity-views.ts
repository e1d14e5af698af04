import type { ViewDocument } from '../../../core/metadata/types.js';

/**
 * The views of an entity as the draft makes them: the published ones with the tenant's draft
 * documents laid over them (a draft is saved whole by the designer), plus draft-only views.
 */
export const entityViews = (entity: string, published: Record<string, ViewDocument>, drafts: ViewDocument[]): (ViewDocument & { draft: boolean })[] => {
  const out = new Map<string, ViewDocument & { draft: boolean }>();
  for (const v of Object.values(published)) if (v.entity === entity) out.set(v.name, { ...v, draft: false });
  for (const d of drafts) {
    const base = out.get(d.name);
    if (base || d.entity === entity) out.set(d.name, { ...(base ?? {}), ...d, draft: true } as ViewDocument & { draft: boolean });
  }
  return [...out.values()].sort((a, b) => Number(Boolean(b.default)) - Number(Boolean(a.default)) || a.name.localeCompare(b.name));
};
