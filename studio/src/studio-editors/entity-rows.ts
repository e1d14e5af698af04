import type { EntityDocument, MetaEntity } from '../api/types.js';
import { entityLabel } from '../lib/label.js';

/** One line of the studio's entity list. */
export interface EntityRow {
  name: string;
  label: string;
  /** `custom` for the tenant's own entities, else the plugin (or `system`) that brings it. */
  origin: string;
  fields: number;
  /** `new`: saved, not yet published; `changed`: the draft changes it. */
  draft?: 'new' | 'changed';
  searchText: string;
}

const labels = (e: Partial<EntityDocument>): string =>
  [e.name, e.label?.en, e.label?.['zh-CN'], e.pluralLabel?.en, e.pluralLabel?.['zh-CN']]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

/** Published entities and the tenant's draft ones, with where each comes from, sorted by label. */
export const entityRows = (published: Record<string, MetaEntity>, drafts: Record<string, Partial<EntityDocument>>, locale: string): EntityRow[] => {
  const names = [...new Set([...Object.keys(published), ...Object.keys(drafts)])];
  return names
    .map((name) => {
      const p = published[name];
      const d = drafts[name];
      const shown = { ...(p ?? {}), ...(d ?? {}), name } as EntityDocument;
      const fields = new Set([...Object.keys(p?.fields ?? {}), ...Object.keys(d?.fields ?? {})]);
      return {
        name,
        label: entityLabel(shown, locale),
        origin: !p || p.plugin === 'tenant' ? 'custom' : (p.plugin ?? 'system'),
        fields: fields.size,
        draft: !p ? ('new' as const) : d ? ('changed' as const) : undefined,
        searchText: labels(shown),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale));
};

/** The rows whose name or label (either language) contains the query. */
export const searchEntityRows = (rows: EntityRow[], q: string): EntityRow[] => {
  const needle = q.trim().toLowerCase();
  return needle ? rows.filter((r) => r.searchText.includes(needle)) : rows;
};

/**
 * The drafts saved since the last publish. The tenant layer keeps its documents after a
 * publish, so a document saved before it is what is published, not a draft change.
 * With no history known (`undefined`), every draft counts.
 */
export const pendingDrafts = <T extends { updatedAt: string }>(drafts: T[], history: { publishedAt: string | null }[] | undefined): T[] => {
  const published = history?.find((h) => h.publishedAt)?.publishedAt;
  if (!published) return drafts;
  const at = Date.parse(published);
  return drafts.filter((d) => Date.parse(d.updatedAt) > at);
};
