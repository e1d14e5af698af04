import type { ListPage, RecordData } from '../api/types.js';
import type { RelatedSource } from './related-sources.js';

export interface TimelineItem {
  source: RelatedSource;
  record: RecordData;
  /** When the record was created (ISO). */
  at: string;
}

/** One page of a source's records pointing at the record, newest first. */
export type FetchSourcePage = (source: RelatedSource, cursor: string | null) => Promise<ListPage>;

interface SourceState {
  source: RelatedSource;
  buffer: RecordData[];
  /** null: no more pages; undefined: not fetched yet. */
  cursor: string | null | undefined;
}

const time = (r: RecordData): number => {
  const t = Date.parse(String(r.created_at ?? ''));
  return Number.isNaN(t) ? 0 : t;
};

const pending = (s: SourceState) => s.buffer.length === 0 && s.cursor !== null;

/**
 * The related records of several sources as one feed, newest first: a k-way merge that
 * fetches a source's next page only when its buffer runs dry, so each "more" costs at most
 * one request per source and no record is skipped or shown twice.
 */
export const createTimeline = (sources: RelatedSource[], fetchPage: FetchSourcePage) => {
  const states: SourceState[] = sources.map((source) => ({ source, buffer: [], cursor: undefined }));

  const fill = async () => {
    await Promise.all(
      states.filter(pending).map(async (s) => {
        const page = await fetchPage(s.source, s.cursor ?? null);
        s.buffer.push(...page.data);
        s.cursor = page.nextCursor;
      }),
    );
  };

  /** The next `n` items (fewer at the end). */
  const next = async (n: number): Promise<TimelineItem[]> => {
    const out: TimelineItem[] = [];
    while (out.length < n) {
      if (states.some(pending)) await fill();
      let best: SourceState | undefined;
      for (const s of states) if (s.buffer.length && (!best || time(s.buffer[0]) > time(best.buffer[0]))) best = s;
      if (!best) break;
      const record = best.buffer.shift() as RecordData;
      out.push({ source: best.source, record, at: String(record.created_at ?? '') });
    }
    return out;
  };

  /** Whether any source may still have items. */
  const hasMore = (): boolean => states.some((s) => s.buffer.length > 0 || s.cursor !== null);

  return { next, hasMore };
};
