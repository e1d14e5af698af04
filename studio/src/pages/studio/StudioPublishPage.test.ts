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
});
