import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioPublishPage from './StudioPublishPage.vue';

const entry = (v: number, snapshot: unknown[], publishedAt: string | null) => ({ version: v, author: { id: 'u', name: 'Ada' }, at: '2026-11-30T09:00:00Z', message: `v${v}`, publishedAt, snapshot, diff: [] });
const before = [{ kind: 'entity', name: 'deal', fields: { score: { type: 'text' } } }];
const after = [{ kind: 'entity', name: 'deal', fields: { score: { type: 'integer' } } }, { kind: 'view', name: 'deal_all', entity: 'deal', columns: ['title'] }];

describe('publish page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('groups the plan by document with its changes since the last publish, and needs confirmation for destructive steps', async () => {
    const { calls } = stubFetch({
      'POST /api/studio/plan': { destructive: true, steps: [{ description: 'Change field "deal.score" from text to integer', destructive: true, entity: 'deal', kind: 'alter_type' }] },
      'GET /api/studio/history': { data: [entry(2, after, null), entry(1, before, '2026-11-30T08:00:00Z')] },
      'GET /api/studio/history/2': entry(2, after, null),
      'GET /api/studio/history/1': entry(1, before, '2026-11-30T08:00:00Z'),
      'POST /api/studio/publish': { destructive: false, steps: [] },
    });
    const w = mountApp(StudioPublishPage);
    await flushPromises();
    const groups = w.findAll('.plan-group');
    expect(groups.map((g) => g.attributes('data-document'))).toEqual(['entity/deal', 'view/deal_all']);
    expect(groups[0].text()).toContain('1 destructive');
    expect(groups[0].find('.step-destructive').exists()).toBe(true);
    expect(groups[0].find('.diff-change .diff-path').text()).toBe('fields › score › type');
    expect(groups[1].find('.el-tag').text()).toBe('Added');
    const publish = w.findAll('button').find((b) => b.text() === 'Publish')!;
    expect(publish.attributes('disabled')).toBeDefined();
    await w.find('.destructive-warning input[type="checkbox"]').setValue(true);
    expect(publish.attributes('disabled')).toBeUndefined();
    await publish.trigger('click');
    await flushPromises();
    expect(JSON.parse(calls.find((c) => c.url === '/api/studio/publish')!.body!)).toEqual({ confirmDestructive: true });
    w.unmount();
  });

  it('lists the records whose lifecycle state the draft takes away, before and after publishing', async () => {
    const orphan = { lifecycle: 'deal_flow', entity: 'deal', field: 'stage', state: 'on_hold', count: 3, records: [{ id: 'd1', title: 'Big deal' }, { id: 'd2', title: null }] };
    stubFetch({
      'POST /api/studio/plan': { destructive: false, steps: [], orphanedStates: [orphan] },
      'GET /api/studio/history': { data: [entry(2, after, null), entry(1, before, '2026-11-30T08:00:00Z')] },
      'GET /api/studio/history/2': entry(2, after, null),
      'GET /api/studio/history/1': entry(1, before, '2026-11-30T08:00:00Z'),
      'POST /api/studio/publish': { destructive: false, steps: [], orphanedStates: [orphan] },
    });
    const w = mountApp(StudioPublishPage);
    await flushPromises();
    const list = w.find('.orphans');
    expect(list.text()).toContain('Records in states this publish takes away');
    expect(list.find('[data-orphaned-state="on_hold"]').text()).toContain('On hold');
    expect(list.text()).toContain('records in it: 3');
    expect(list.findAll('.orphan-record').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['Big deal', '/app/deal/d1'],
      ['(untitled record)', '/app/deal/d2'],
    ]);
    expect(list.text()).toContain('and 1 more');
    w.unmount();
  });
});
