import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ViewDocument } from '../../api/types.js';
import { mountAt } from '../../testing/mount-at.js';
import type { ViewDesign } from '../../designer/view-design.js';
import ViewEditor from '../../designer/ViewEditor.vue';
import { stubFetch } from '../../testing/fetch-stub.js';
import { useMetaStore } from '../../stores/meta.js';
import StudioViewDesignerPage from './StudioViewDesignerPage.vue';

const all: ViewDocument = { kind: 'view', name: 'deal_all', label: { en: 'All deals', 'zh-CN': '全部商机' }, entity: 'deal', default: true, columns: ['title', 'stage'] };
const board: ViewDocument = { kind: 'view', name: 'deal_board', label: { en: 'Board', 'zh-CN': '看板' }, entity: 'deal', type: 'kanban', columns: ['title'], kanban: { field: 'stage' } };

const open = async () => {
  const stub = stubFetch({ 'GET /api/studio': { data: [{ kind: 'view', name: 'deal_board', doc: { ...board, label: { en: 'Stages', 'zh-CN': '阶段' } } }] }, 'PUT /api/studio/view/deal_all': { version: 2 } });
  const { wrapper } = await mountAt(StudioViewDesignerPage, '/studio/entities/:name/views', '/studio/entities/deal/views');
  useMetaStore().meta!.views = { deal_all: all, deal_board: board };
  await flushPromises();
  return { ...stub, w: wrapper };
};

describe('view designer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the views with their drafts, checks an edit before saving and saves the draft', async () => {
    const { w, calls } = await open();
    const rows = w.findAll('.views-table .el-table__row').map((r) => r.text());
    expect(rows[0]).toContain('All deals');
    expect(rows[0]).toContain('Default');
    expect(rows[1]).toContain('Stages');
    expect(rows[1]).toContain('Draft');
    await w.findAll('.views-table button').find((b) => b.attributes('aria-label') === 'Edit All deals')!.trigger('click');
    await flushPromises();
    const editor = w.findComponent(ViewEditor);
    const view = (editor.props() as { modelValue: ViewDesign }).modelValue;
    editor.vm.$emit('update:modelValue', { ...view, type: 'kanban', kanbanField: 'amount', label: { en: 'All deals', 'zh-CN': ' ' }, columns: [...view.columns, { field: 'nope' }] });
    await flushPromises();
    await w.findAll('.actions button').find((b) => b.text() === 'Save draft')!.trigger('click');
    await flushPromises();
    const alert = w.find('.problems').text();
    expect(alert).toContain('A board is grouped by a choice (enum or state) field');
    expect(alert).toContain('“nope” is not a field of this entity');
    expect(alert).toContain('Enter the label');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    editor.vm.$emit('update:modelValue', { ...view, columns: [...view.columns, { field: 'amount', width: 120 }] });
    await flushPromises();
    await w.findAll('.actions button').find((b) => b.text() === 'Save draft')!.trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(put.body!)).toEqual({ ...all, columns: ['title', 'stage', { field: 'amount', width: 120 }] });
    w.unmount();
  });
});
