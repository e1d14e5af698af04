import type { ListPage } from '../api/types.js';
import type { RelatedSource } from './related-sources.js';
import { sourceFilter } from './related-sources.js';

/** Counted up to this many; above it the count shows as "500+". */
export const COUNT_CAP = 500;

export interface RelatedCount {
  count: number;
  /** There are more than `count`. */
  more: boolean;
}

export type ListIds = (entity: string, query: { filter: unknown; fields: string[]; limit: number }) => Promise<ListPage>;

/**
 * How many records of a source point at `id`, counted through the records API, so the
 * user's read scope applies exactly as in the list the count links to.
 */
export const countRelated = async (source: RelatedSource, id: string, list: ListIds): Promise<RelatedCount> => {
  const page = await list(source.entity, { filter: sourceFilter(source, id), fields: ['id'], limit: COUNT_CAP });
  return { count: page.data.length, more: page.nextCursor !== null };
};

/** "12", or "500+" when there are more. */
export const countText = (c: RelatedCount, locale: string): string => `${new Intl.NumberFormat(locale).format(c.count)}${c.more ? '+' : ''}`;
