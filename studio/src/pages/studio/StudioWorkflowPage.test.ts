import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WorkflowCanvas from '../../components/WorkflowCanvas.vue';
import { TRIGGER_NODE } from '../../lib/workflow-graph.js';
import { stubFetch } from '../../testing/fetch-stub.js';
import { mountApp } from '../../testing/mount-app.js';
import StudioWorkflowPage from './StudioWorkflowPage.vue';

const stored = {
  kind: 'workflow',
  name: 'welcome',
  entity: 'deal',
  trigger: { on: 'create' },
  steps: [
    { id: 'a', type: 'set', fields: { title: 'A' } },
    { id: 'b', type: 'notify', to: { users: ['u1'] }, title: 'Hi' },
  ],
};

const mountPage = () => {
  const { calls } = stubFetch({
    'GET /api/studio/workflow/welcome': () => new Response(JSON.stringify(stored), { status: 200, headers: { 'x-metadata-layer': 'tenant' } }),
    'PUT /api/studio/workflow/welcome': (_url: string, init: RequestInit) => new Response(String(init.body), { status: 200 }),
    'GET /api/users': { data: [] },
    'GET /api/studio': { data: [] },
  });
  const w = mountApp(StudioWorkflowPage, { props: { name: 'welcome' }, global: { stubs: { WorkflowCanvas: true } } });
  // The canvas's props as the page passes them (plain tsc sees .vue files through a generic shim).
  const canvas = () => w.findComponent(WorkflowCanvas) as unknown as { props(name: string): unknown; vm: { $emit(...a: unknown[]): void } };
  const save = async () => {
    await w.find('button.save-workflow').trigger('click');
    await flushPromises();
  };
  const put = () => calls.filter((c) => c.method === 'PUT').map((c) => JSON.parse(c.body!) as Record<string, unknown>);
  return { w, canvas, save, put };
};

describe('StudioWorkflowPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('turns canvas edits (connect, remove an edge, move a node, add a step and fill its form) into the document it saves', async () => {
    const { w, canvas, save, put } = mountPage();
    await flushPromises();
    expect(canvas().props('doc')).toMatchObject(stored);
    expect(w.find('.unsaved').exists()).toBe(false);

    canvas().vm.$emit('connect', 'b', 'a', 'next');
    canvas().vm.$emit('disconnect', { id: 'a:next->b', source: 'a', target: 'b', sourceHandle: 'next', implicit: true });
    canvas().vm.$emit('move', [{ id: 'b', position: { x: 320.4, y: 180 } }, { id: TRIGGER_NODE, position: { x: 10, y: 5 } }]);
    await flushPromises();
    expect(w.find('.unsaved').exists()).toBe(true);

    await w.find('button.add-step').trigger('click');
    await flushPromises();
    expect(canvas().props('selected')).toBe('set_1');
    // the set step's form: a field picker with an input matched to the field (Title is text)
    await w.find('.field-values button.value-add').trigger('click');
    await flushPromises();
    expect(w.find('.value-row').attributes('data-field')).toBe('title');
    await w.find('.value-row input[name="set-fields-title"]').setValue('Welcome');
    await flushPromises();

    await save();
    expect(put()).toEqual([
      {
        ...stored,
        steps: [
          { id: 'a', type: 'set', fields: { title: 'A' }, next: null },
          { id: 'b', type: 'notify', to: { users: ['u1'] }, title: 'Hi', next: 'a' },
          { id: 'set_1', type: 'set', fields: { title: 'Welcome' } },
        ],
        layout: { b: { x: 320, y: 180 }, $trigger: { x: 10, y: 5 } },
      },
    ]);
    expect(w.find('.unsaved').exists()).toBe(false);
    w.unmount();
  });

  it('keeps invalid JSON in the advanced editor from being saved, and says what a step still needs', async () => {
    const { w, canvas, save, put } = mountPage();
    await flushPromises();
    canvas().vm.$emit('select', 'b');
    await flushPromises();
    await w.find('.advanced-toggle input').setValue(true);
    await flushPromises();
    const options = w.find('textarea[name="options"]');
    expect(JSON.parse((options.element as HTMLTextAreaElement).value)).toEqual({ to: { users: ['u1'] }, title: 'Hi' });
    await options.setValue('{ nope');
    await options.trigger('change');
    await flushPromises();
    expect(w.find('.json-error').text()).toContain('Not valid JSON');
    expect(w.find('button.save-workflow').attributes('disabled')).toBeDefined();

    await options.setValue('{ "to": {}, "title": "" }');
    await options.trigger('change');
    await flushPromises();
    expect(w.find('button.save-workflow').attributes('disabled')).toBeUndefined();
    await save();
    expect(put()).toEqual([]);
    const listed = w.find('.builder-problems').text();
    expect(listed).toContain('Choose at least one user, role, team or user field.');
    expect(listed).toContain('Enter a title.');
    expect(canvas().props('problems')).toEqual(['b', 'b']);
    // the advanced editor shows the step's problems under it
    await vi.waitFor(() => expect(w.find('.el-form-item.is-error .el-form-item__error').text()).toBe('Choose at least one user, role, team or user field. Enter a title.'), { timeout: 10_000 });

    await options.setValue('{ "to": { "roles": ["sales"] }, "title": "Hello" }');
    await options.trigger('change');
    await flushPromises();
    await save();
    expect(put()[0].steps).toContainEqual({ id: 'b', type: 'notify', to: { roles: ['sales'] }, title: 'Hello' });
    w.unmount();
  });

  it('undoes and redoes edits; undoing back to what was saved is no longer unsaved', async () => {
    const { w, canvas } = mountPage();
    await flushPromises();
    expect(w.find('button.undo').attributes('disabled')).toBeDefined();
    canvas().vm.$emit('move', [{ id: 'a', position: { x: 500, y: 60 } }]);
    await w.find('button.add-step').trigger('click');
    await flushPromises();
    expect((canvas().props('doc') as { steps: unknown[] }).steps).toHaveLength(3);

    await w.find('button.undo').trigger('click');
    await flushPromises();
    expect((canvas().props('doc') as { steps: unknown[] }).steps).toHaveLength(2);
    expect(canvas().props('selected')).toBe(TRIGGER_NODE);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }));
    await flushPromises();
    expect(canvas().props('doc')).toEqual(stored);
    expect(w.find('.unsaved').exists()).toBe(false);

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, shiftKey: true }));
    await w.find('button.redo').trigger('click');
    await flushPromises();
    expect((canvas().props('doc') as { steps: unknown[]; layout: unknown }).layout).toEqual({ a: { x: 500, y: 60 } });
    expect((canvas().props('doc') as { steps: unknown[] }).steps).toHaveLength(3);
    expect(w.find('button.redo').attributes('disabled')).toBeDefined();
    w.unmount();
  });

  it('takes typing into one input as one edit to undo', async () => {
    const { w, canvas } = mountPage();
    await flushPromises();
    canvas().vm.$emit('select', 'b');
    await flushPromises();
    const title = w.find('input[name="notify-title"]');
    // the clock stands still, so however slowly the test runs the keystrokes are a moment apart
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const text of ['H', 'He', 'Hello']) await title.setValue(text);
      await flushPromises();
    } finally {
      vi.useRealTimers();
    }
    expect((canvas().props('doc') as typeof stored).steps[1]).toMatchObject({ title: 'Hello' });
    await w.find('button.undo').trigger('click');
    await flushPromises();
    expect(canvas().props('doc')).toEqual(stored);
    w.unmount();
  });
});
