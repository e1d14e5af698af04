import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMetaStore } from '../stores/meta.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { dealLifecycle, meta } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import { changeRows, entryKind } from '../lib/history-entry.js';
import RecordHistory from './RecordHistory.vue';

const me = meta.user.id;
const other = '00000000-0000-7000-8000-0000000000ff';

describe('record history', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('reads actions and orders changes by the entity’s fields', () => {
    expect(entryKind('transition:win')).toEqual({ kind: 'transition', name: 'win' });
    expect(entryKind('action:pause_churn')).toEqual({ kind: 'action', name: 'pause_churn' });
    expect(entryKind('update')).toEqual({ kind: 'update' });
    expect(entryKind('merge')).toEqual({ kind: 'other', name: 'merge' });
    const rows = changeRows(meta.entities.deal, { owner_id: [null, me], seats: [1, 2], title: ['A', 'B'], bogus: 'x' });
    expect(rows.map((r) => [r.field, r.definition?.type])).toEqual([
      ['title', 'text'],
      ['seats', 'integer'],
      ['owner_id', 'user'],
    ]);
    expect(changeRows(meta.entities.deal, { title: ['A', 'B'], deal_key: [null, 'k:1'] }, new Set(['deal_key'])).map((r) => r.field)).toEqual(['title']);
  });

  it('lists who did what and when, with each field’s old and new value', async () => {
    stubFetch({
      'GET /api/records/deal/d1/history': {
        data: [
          { id: 3, action: 'transition:win', actorId: other, at: '2026-03-02T10:00:00Z', changes: { stage: ['new', 'won'] } },
          { id: 2, action: 'update', actorId: me, at: '2026-03-01T10:00:00Z', changes: { title: ['Alpha', 'Beta'], won: [false, true] } },
          { id: 1, action: 'create', actorId: null, at: '2026-03-01T09:00:00Z', changes: {} },
        ],
        nextCursor: null,
      },
      'GET /api/users': { data: [{ id: other, name: 'Bo', email: 'bo@acme.test' }] },
    });
    const w = mountApp(RecordHistory, { props: { entityName: 'deal', id: 'd1' } }, 'en', () => {
      useMetaStore().meta!.lifecycles = { deal_stage: dealLifecycle };
    });
    await flushPromises();
    const entries = w.findAll('.history-entry');
    expect(entries.map((e) => [e.find('.el-tag').text(), e.find('.who').text(), e.find('time').attributes('datetime')])).toEqual([
      ['Transition: Win', 'Bo', '2026-03-02T10:00:00Z'],
      ['Updated', 'Ada (you)', '2026-03-01T10:00:00Z'],
      ['Created', 'System', '2026-03-01T09:00:00Z'],
    ]);
    expect(entries[0].find('[data-field="stage"] .before').text()).toBe('New');
    expect(entries[0].find('[data-field="stage"] .after').text()).toBe('Won');
    expect(entries[1].findAll('tbody tr').map((r) => r.text())).toEqual(['TitleAlpha→Beta', 'WonNo→Yes']);
    expect(entries[2].find('table').exists()).toBe(false);
    w.unmount();
  });

  it('names a service account that acted, as the server gives it', async () => {
    stubFetch({ 'GET /api/records/deal/d1/history': { data: [{ id: 2, action: 'update', actorId: other, actorName: 'Shop sync', actorKind: 'service', at: '2026-03-01T10:00:00Z', changes: { title: ['A', 'B'] } }], nextCursor: null } });
    const w = mountApp(RecordHistory, { props: { entityName: 'deal', id: 'd1' } }, 'zh-CN');
    await flushPromises();
    expect(w.find('.who').text()).toBe('Shop sync（服务账号）');
    w.unmount();
  });

  it('speaks Chinese', async () => {
    stubFetch({ 'GET /api/records/deal/d1/history': { data: [{ id: 2, action: 'update', actorId: me, at: '2026-03-01T10:00:00Z', changes: { title: ['A', 'B'] } }], nextCursor: null } });
    const w = mountApp(RecordHistory, { props: { entityName: 'deal', id: 'd1' } }, 'zh-CN');
    await flushPromises();
    expect(w.find('.entry-head').text()).toContain('修改');
    expect(w.find('thead').text()).toContain('修改前');
    expect(w.find('tbody').text()).toContain('标题');
    w.unmount();
  });
});
