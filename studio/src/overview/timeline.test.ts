import { describe, expect, it } from 'vitest';
import type { ListPage } from '../api/types.js';
import type { RelatedSource } from './related-sources.js';
import { createTimeline } from './timeline.js';

const src = (entity: string): RelatedSource => ({ key: `${entity}.customer`, entity, field: 'customer' });
const at = (day: number) => `2024-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;

/** Pages of `size` over fixed records (newest first), counting requests. */
const server = (data: Record<string, number[]>, size: number) => {
  const requests: string[] = [];
  const fetchPage = async (s: RelatedSource, cursor: string | null): Promise<ListPage> => {
    requests.push(`${s.entity}@${cursor ?? 0}`);
    const from = Number(cursor ?? 0);
    const rows = data[s.entity].slice(from, from + size).map((d) => ({ id: `${s.entity}-${d}`, created_at: at(d) }));
    return { data: rows, nextCursor: from + size < data[s.entity].length ? String(from + size) : null };
  };
  return { fetchPage, requests };
};

describe('timeline', () => {
  it('merges the sources newest first, page by page, without gaps or repeats', async () => {
    const { fetchPage, requests } = server({ contact: [20, 9, 3], activity: [25, 21, 15, 8, 2] }, 2);
    const tl = createTimeline([src('contact'), src('activity')], fetchPage);
    const first = await tl.next(3);
    expect(first.map((i) => i.record.id)).toEqual(['activity-25', 'activity-21', 'contact-20']);
    expect(first[0].source.entity).toBe('activity');
    expect(first[0].at).toBe(at(25));
    expect(tl.hasMore()).toBe(true);
    const second = await tl.next(3);
    expect(second.map((i) => i.record.id)).toEqual(['activity-15', 'contact-9', 'activity-8']);
    const rest = await tl.next(10);
    expect(rest.map((i) => i.record.id)).toEqual(['contact-3', 'activity-2']);
    expect(tl.hasMore()).toBe(false);
    expect(await tl.next(3)).toEqual([]);
    expect(requests).toEqual(['contact@0', 'activity@0', 'activity@2', 'contact@2', 'activity@4']);
  });

  it('is empty without sources or records', async () => {
    expect(await createTimeline([], server({}, 2).fetchPage).next(5)).toEqual([]);
    const tl = createTimeline([src('contact')], server({ contact: [] }, 2).fetchPage);
    expect(await tl.next(5)).toEqual([]);
    expect(tl.hasMore()).toBe(false);
  });

  it('keeps what it has when a source fails, and tries that source again', async () => {
    let fail = true;
    const base = server({ contact: [5, 4], activity: [6] }, 5);
    const tl = createTimeline([src('contact'), src('activity')], async (s, c) => {
      if (s.entity === 'contact' && fail) throw new Error('offline');
      return base.fetchPage(s, c);
    });
    await expect(tl.next(2)).rejects.toThrow('offline');
    fail = false;
    expect((await tl.next(5)).map((i) => i.record.id)).toEqual(['activity-6', 'contact-5', 'contact-4']);
  });
});
