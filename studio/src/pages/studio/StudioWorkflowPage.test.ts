import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import WorkflowCanvas from '../../components/WorkflowCanvas.vue';
import StudioWorkflowPage from './StudioWorkflowPage.vue';

const stored = {
  kind: 'workflow',
  name: 'welcome',
  entity: 'customer',
  trigger: { on: 'create' },
  steps: [
    { id: 'a', type: 'set', fields: { grade: 'A' } },
    { id: 'b', type: 'notify', to: { users: ['u1'] }, title: 'Hi' },
  ],
};

describe('StudioWorkflowPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('turns canvas edits (connect, remove an edge, add and edit a step) into the document it saves', async () => {
    const { calls } = stubFetch({
      'GET /api/studio/workflow/welcome': () => new Response(JSON.stringify(stored), { status: 200, headers: { 'x-metadata-layer': 'tenant' } }),
      'PUT /api/studio/workflow/welcome': (_url: string, init: RequestInit) => new Response(String(init.body), { status: 200 }),
    });
    const w = mountApp(StudioWorkflowPage, { props: { name: 'welcome' }, global: { stubs: { WorkflowCanvas: true } } });
    await flushPromises();
    // The canvas's props as the page passes them (plain tsc sees .vue files through a generic shim).
    const canvas = () => w.findComponent(WorkflowCanvas) as unknown as { props(name: string): unknown; vm: { $emit(...a: unknown[]): void } };
    expect(canvas().props('doc')).toMatchObject(stored);

    canvas().vm.$emit('connect', 'b', 'a', 'next');
    canvas().vm.$emit('disconnect', { id: 'a:next->b', source: 'a', target: 'b', sourceHandle: 'next', implicit: true });
    await flushPromises();
    expect(w.find('.unsaved').exists()).toBe(true);

    await w.find('button.add-step').trigger('click');
    await flushPromises();
    expect(canvas().props('selected')).toBe('set_1');
    const options = w.find('textarea[name="options"]');
    await options.setValue('{ "fields": { "satisfaction": 5 } }');
    await options.trigger('change');
    const bad = w.find('textarea[name="stepCondition"]');
    await bad.setValue('{ nope');
    await bad.trigger('change');
    await flushPromises();
    expect(w.findAll('.el-form-item.is-error')).toHaveLength(1);
    expect(w.find('button.save-workflow').attributes('disabled')).toBeDefined();
    await bad.setValue('');
    await bad.trigger('change');

    await w.find('button.save-workflow').trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(JSON.parse(put.body!)).toEqual({
      ...stored,
      steps: [
        { id: 'a', type: 'set', fields: { grade: 'A' }, next: null },
        { id: 'b', type: 'notify', to: { users: ['u1'] }, title: 'Hi', next: 'a' },
        { id: 'set_1', type: 'set', fields: { satisfaction: 5 } },
      ],
    });
    w.unmount();
  });
});
