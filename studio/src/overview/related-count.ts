import type { ListPage } from '../api/types.js';
import type { RelatedSource } from './related-sources.js';
import { sourceFilter } from './related-sources.js';

export interface RelatedCount {
  count: number;
  /** There are more than `count` (a server that does not count gives only a page). */
  more: boolean;
}

export type ListIds = (entity: string, query: { filter: unknown; fields: string[]; limit: number; total: boolean }) => Promise<ListPage>;

/**
 * How many records of a source point at `id`, counted through the records API, so the
 * user's read scope applies exactly as in the list the count links to.
 */
export const countRelated = async (source: RelatedSource, id: string, list: ListIds): Promise<RelatedCount> => {
  const page = await list(source.entity, { filter: sourceFilter(source, id), fields: ['id'], limit: 1, total: true });
  return page.total === undefined ? { count: page.data.length, more: page.nextCursor !== null } : { count: page.total, more: false };
};

/** "1,200", or "1+" when the server gave only a page. */
export const countText = (c: RelatedCount, locale: string): string => `${new Intl.NumberFormat(locale).format(c.count)}${c.more ? '+' : ''}`;
