import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import DesignSectionCard from '../../designer/DesignSectionCard.vue';
import FieldPalette from '../../designer/FieldPalette.vue';
import { mountAt } from '../../testing/mount-at.js';
import { json, stubFetch } from '../../testing/fetch-stub.js';
import StudioFormDesignerPage from './StudioFormDesignerPage.vue';

const open = async () => {
  const stub = stubFetch({
    'GET /api/studio/form/deal': () => json(404, { title: 'Not Found', status: 404 }),
    'PUT /api/studio/form/deal': { version: 4 },
  });
  const { wrapper } = await mountAt(StudioFormDesignerPage, '/studio/entities/:name/form', '/studio/entities/deal/form');
  await flushPromises();
  return { ...stub, w: wrapper };
};
const sectionFields = (w: Awaited<ReturnType<typeof open>>['w'], name: string) =>
  w.findAll(`.design-section[data-section="${name}"] .field-chip`).map((c) => c.attributes('data-field'));

describe('form layout designer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows the sections, the unplaced fields and a live preview', async () => {
    const { w } = await open();
    expect(w.find('h1').text()).toBe('Form layout: Deal');
    expect(sectionFields(w, 'main')).toEqual(['number', 'title', 'notes', 'stage', 'amount']);
    expect(w.find('.design-section[data-section="lines"]').text()).toContain('Related list');
    const palette = w.findAll('.palette-item').map((p) => p.attributes('data-field'));
    expect(palette).toContain('seats');
    expect(palette).not.toContain('title');
    expect(w.find('.form-preview .form-section[data-section="main"]').exists()).toBe(true);
    w.unmount();
  });

  it('places, moves and removes fields with the buttons, undoes and redoes, and saves the draft', async () => {
    const { w, calls } = await open();
    w.findComponent(FieldPalette).vm.$emit('place', 'seats', 'lost');
    await flushPromises();
    expect(sectionFields(w, 'lost')).toEqual(['lost_reason', 'seats']);
    expect(w.find('.unsaved-tag').exists()).toBe(true);
    await w.find('button[aria-label="Move Seats up"]').trigger('click');
    expect(sectionFields(w, 'lost')).toEqual(['seats', 'lost_reason']);
    await w.find('button[aria-label="Remove Title"]').trigger('click');
    expect(sectionFields(w, 'main')).not.toContain('title');
    expect(w.findAll('.palette-item').map((p) => p.attributes('data-field'))).toContain('title');
    const undo = w.findAll('.toolbar button').find((b) => b.text() === 'Undo')!;
    await undo.trigger('click');
    expect(sectionFields(w, 'main')).toContain('title');
    await w.findAll('.toolbar button').find((b) => b.text() === 'Redo')!.trigger('click');
    expect(sectionFields(w, 'main')).not.toContain('title');
    w.findAllComponents(DesignSectionCard)[0].vm.$emit('moveField', 'stage', 'lost');
    await flushPromises();

    await w.findAll('.toolbar button').find((b) => b.text() === 'Save draft')!.trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT')!;
    const body = JSON.parse(put.body!);
    expect(body.sections[0]).toEqual({ name: 'main', label: { en: 'Main', 'zh-CN': '主要信息' }, columns: 2, fields: ['number', { field: 'notes', span: 3 }, 'amount'] });
    expect(body.sections[1].fields).toEqual(['seats', 'lost_reason', 'stage']);
    expect(w.find('.unsaved-tag').exists()).toBe(false);
    w.unmount();
  });

  it('adds a section through its dialog, asking for both labels', async () => {
    const { w } = await open();
    const count = w.findAll('.design-section').length;
    await w.findAll('.toolbar button').find((b) => b.text() === 'Add section')!.trigger('click');
    await flushPromises();
    const dialog = document.querySelector('.part-dialog')!;
    (dialog.querySelector('.part-dialog-ok') as HTMLButtonElement).click();
    await flushPromises();
    expect(w.findAll('.design-section').length).toBe(count);
    const inputs = dialog.querySelectorAll('input[aria-label^="Label"]');
    for (const [i, v] of [[0, 'Money matters'], [1, '金额']] as const) {
      (inputs[i] as HTMLInputElement).value = v;
      inputs[i].dispatchEvent(new Event('input'));
    }
    await flushPromises();
    (dialog.querySelector('.part-dialog-ok') as HTMLButtonElement).click();
    await flushPromises();
    expect(w.find('.design-section[data-section="money_matters"]').exists()).toBe(true);
    w.unmount();
  });
});
