import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import FieldUsedBy from './FieldUsedBy.vue';

/** A row's parts (kind, document, use, reads/writes), one space apart. */
const rowText = (el: Element): string => [...el.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()).join(' ');

const uses = {
  entity: 'ticket',
  field: 'priority',
  data: [
    { kind: 'view', name: 'ticket_list', entity: 'ticket', label: { en: 'Open tickets', 'zh-CN': '未结工单' }, usage: 'view_column', access: 'read' },
    { kind: 'workflow', name: 'escalate', entity: 'ticket', usage: 'workflow_step', access: 'write', item: 'raise' },
  ],
};

describe('"Used by" in the field editor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists each use with a link to its editor, in English and Chinese', async () => {
    stubFetch({ 'GET /api/studio/entities/ticket/fields/priority/dependants': uses });
    const en = mountApp(FieldUsedBy, { props: { entity: 'ticket', field: 'priority', published: true } });
    await flushPromises();
    const rows = en.findAll('.use').map((r) => rowText(r.element));
    expect(rows).toEqual(['View Open tickets · column reads', 'Workflow Escalate · step “Raise” writes']);
    expect(en.findAll('a.doc-link').map((a) => a.attributes('href'))).toEqual(['/studio/entities/ticket/views', '/studio/workflows/escalate']);
    en.unmount();

    const zh = mountApp(FieldUsedBy, { props: { entity: 'ticket', field: 'priority', published: true } }, 'zh-CN');
    await flushPromises();
    expect(zh.text()).toContain('被以下内容使用');
    expect(rowText(zh.find('.use').element)).toBe('视图 未结工单 · 列 读取');
  });

  it('says so when nothing uses the field, and asks nothing for a field not yet published', async () => {
    const { calls } = stubFetch({ 'GET /api/studio/entities/ticket/fields/note/dependants': { entity: 'ticket', field: 'note', data: [] } });
    const w = mountApp(FieldUsedBy, { props: { entity: 'ticket', field: 'note', published: true } });
    await flushPromises();
    expect(w.find('.empty-uses').text()).toBe('Nothing published uses this field yet.');
    const draft = mountApp(FieldUsedBy, { props: { entity: 'ticket', field: 'fresh', published: false } });
    await flushPromises();
    expect(draft.text()).toContain('not published yet');
    expect(calls.length).toBe(1);
  });
});
