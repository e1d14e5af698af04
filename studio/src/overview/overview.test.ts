import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import RecordTimeline from './RecordTimeline.vue';
import RelatedSummary from './RelatedSummary.vue';
import type { RelatedSource } from './related-sources.js';

const deals: RelatedSource = { key: 'deal.account', entity: 'deal', field: 'account' };
const accounts: RelatedSource = { key: 'account.parent', entity: 'account', field: 'parent' };
const filterOf = (url: string) => JSON.parse(new URL(url, 'http://x').searchParams.get('filter') ?? 'null');

describe('related summary', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('counts each related entity within the user’s scope and links to its filtered list', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal': { data: [{ id: 'd1' }], nextCursor: 'more', total: 1234 },
      'GET /api/records/account': json(403, { title: 'Forbidden', status: 403, detail: 'no' }),
    });
    const w = mountApp(RelatedSummary, { props: { sources: [deals, accounts], id: 'a1' } });
    await flushPromises();
    const tile = w.get('[data-count="deal.account"]');
    expect(tile.text()).toContain('1,234');
    expect(tile.text()).toContain('Deal');
    expect(decodeURIComponent(tile.attributes('href') ?? '')).toBe('/app/deal?filter={"==":[{"var":"account"},"a1"]}');
    expect(tile.attributes('aria-label')).toBe('Deal: 1,234. Open the list');
    const deal = calls.find((c) => c.url.startsWith('/api/records/deal'));
    expect(filterOf(deal?.url ?? '')).toEqual({ '==': [{ var: 'account' }, 'a1'] });
    expect(deal?.url).toContain('limit=1');
    expect(deal?.url).toContain('total=true');
    expect(deal?.url).toContain('fields=id');
    expect(w.find('[data-count="account.parent"] [aria-label="Could not be counted"]').exists()).toBe(true);
  });

  it('speaks Chinese', async () => {
    stubFetch({ 'GET /api/records/deal': { data: [{ id: 'd1' }], nextCursor: null } });
    const w = mountApp(RelatedSummary, { props: { sources: [deals], id: 'a1' } }, 'zh-CN');
    await flushPromises();
    expect(w.get('[data-count="deal.account"]').text()).toContain('商机');
    expect(w.get('[data-count="deal.account"]').attributes('aria-label')).toBe('商机：1。打开列表');
  });
});

describe('record timeline', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}T08:00:00.000Z`;

  it('shows linked records newest first and pages on', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal': (url: string) => {
        const cursor = new URL(url, 'http://x').searchParams.get('cursor');
        return cursor
          ? json(200, { data: [{ id: 'd3', title: 'Gamma', created_at: day(1) }], nextCursor: null })
          : json(200, { data: [{ id: 'd1', title: 'Alpha', created_at: day(9) }, { id: 'd2', title: 'Beta', created_at: day(5) }], nextCursor: 'c2' });
      },
      'GET /api/records/account': { data: [{ id: 'a9', name: 'Child Co', created_at: day(7) }], nextCursor: null },
    });
    const w = mountApp(RecordTimeline, { props: { sources: [deals, accounts], id: 'a1', pageSize: 2 } });
    await flushPromises();
    const titles = () => w.findAll('.entry .title').map((e) => e.text());
    expect(titles()).toEqual(['Alpha', 'Child Co']);
    expect(w.get('.entry').text()).toContain('Deal added');
    expect(w.get('.entry .title').attributes('href')).toBe('/app/deal/d1');
    const first = calls.find((c) => c.url.startsWith('/api/records/deal'));
    expect(first?.url).toContain('sort=-created_at');
    await w.get('.more').trigger('click');
    await flushPromises();
    expect(titles()).toEqual(['Alpha', 'Child Co', 'Beta', 'Gamma']);
    expect(w.find('.more').exists()).toBe(false);
  });

  it('says when nothing is linked, and offers a retry when loading fails', async () => {
    stubFetch({ 'GET /api/records/deal': { data: [], nextCursor: null } });
    const empty = mountApp(RecordTimeline, { props: { sources: [deals], id: 'a1' } });
    await flushPromises();
    expect(empty.text()).toContain('Nothing is linked to this record yet.');
    vi.unstubAllGlobals();

    let fail = true;
    stubFetch({ 'GET /api/records/deal': () => (fail ? json(500, { title: 'Internal Server Error', status: 500, detail: 'boom' }) : json(200, { data: [{ id: 'd1', title: 'Alpha', created_at: day(2) }], nextCursor: null })) });
    const w = mountApp(RecordTimeline, { props: { sources: [deals], id: 'a1' } }, 'zh-CN');
    await flushPromises();
    expect(w.text()).toContain('时间线加载失败');
    fail = false;
    await w.get('.el-alert button').trigger('click');
    await flushPromises();
    expect(w.findAll('.entry .title').map((e) => e.text())).toEqual(['Alpha']);
    expect(w.get('.entry').text()).toContain('新增商机');
  });
});
