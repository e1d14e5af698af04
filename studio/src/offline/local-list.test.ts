import { describe, expect, it } from 'vitest';
import type { RecordData } from '../api/types.js';
import { listFromCopy, ruleData, type RuleClock } from './local-list.js';

// 2026-03-01 20:30 UTC is already 2026-03-02 in Shanghai (UTC+8).
const evening = new Date('2026-03-01T20:30:00Z');
const shanghai: RuleClock = { user: { id: 'u1' }, timeZone: 'Asia/Shanghai', now: evening };
const utc: RuleClock = { ...shanghai, timeZone: 'UTC' };

const tasks: RecordData[] = [
  { id: 't1', title: 'Call back', due: '2026-03-01', updated_at: '2026-02-01T00:00:00Z' },
  { id: 't2', title: 'Visit site', due: '2026-03-02', updated_at: '2026-02-02T00:00:00Z' },
  { id: 't3', title: 'Send quote', due: '2026-03-03', updated_at: '2026-02-03T00:00:00Z' },
];
const dueToday = JSON.stringify({ '==': [{ var: 'due' }, { var: '$today' }] });

describe('offline lists: $today in the tenant zone', () => {
  it('evaluates $today as the calendar day in the tenant zone, not in UTC', () => {
    expect(ruleData(tasks[0], shanghai).$today).toBe('2026-03-02');
    expect(ruleData(tasks[0], utc).$today).toBe('2026-03-01');
    expect(ruleData(tasks[0], shanghai).$now).toBe('2026-03-01T20:30:00.000Z');
    expect(listFromCopy(tasks, { filter: dueToday }, shanghai).data.map((r) => r.id)).toEqual(['t2']);
    expect(listFromCopy(tasks, { filter: dueToday }, utc).data.map((r) => r.id)).toEqual(['t1']);
  });
});

describe('offline lists: paging over the working set', () => {
  const many: RecordData[] = Array.from({ length: 120 }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, title: `Record ${i}`, updated_at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }));

  it('answers pages of the requested size with the total and a cursor to the next page', () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    const sizes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const page = listFromCopy(many, { sort: 'title', limit: 50, cursor: cursor ?? undefined }, utc);
      expect(page.total).toBe(120);
      sizes.push(page.data.length);
      seen.push(...page.data.map((r) => String(r.id)));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort((a, b) => `Record ${Number(a.slice(1))}`.localeCompare(`Record ${Number(b.slice(1))}`)));
  });

  it('pages a descending sort with ties in a stable order, and the default page size is the online list’s', () => {
    const first = listFromCopy(many, { sort: '-updated_at' }, utc);
    expect(first.data).toHaveLength(50);
    const second = listFromCopy(many, { sort: '-updated_at', cursor: first.nextCursor! }, utc);
    const ids = [...first.data, ...second.data].map((r) => r.id);
    expect(new Set(ids).size).toBe(100);
    expect(String(first.data[0].updated_at) >= String(second.data[0].updated_at)).toBe(true);
  });

  it('counts only what the filter and the search keep', () => {
    const page = listFromCopy(tasks, { q: 'VISIT', limit: 1 }, utc);
    expect(page).toEqual({ data: [tasks[1]], nextCursor: null, total: 1 });
    expect(listFromCopy([], { limit: 50 }, utc)).toEqual({ data: [], nextCursor: null, total: 0 });
  });
});
