import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { deal, dealForm } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import { buildFormLayout } from './build-form.js';
import RecordForm from './RecordForm.vue';
import type { FormMode } from './types.js';
import { defaultRegistry } from './widget-registry.js';

/** The generated form around a reactive record, as the pages use it. */
const Harness = (mode: FormMode, initial: Record<string, unknown>, errors: Record<string, string> = {}, withForm = false) =>
  defineComponent({
    setup() {
      const values = ref<Record<string, unknown>>({ ...initial });
      return () =>
        h(RecordForm, {
          layout: buildFormLayout({ entity: deal, form: withForm ? dealForm : undefined, record: values.value, registry: defaultRegistry, mode }),
          values: values.value,
          'onUpdate:values': (v: Record<string, unknown>) => (values.value = v),
          errors,
        });
    },
  });

/** Lets pending widget updates (textarea sizing) finish before unmounting. */
const close = async (w: ReturnType<typeof mountApp>) => {
  await flushPromises();
  await new Promise((resolve) => requestAnimationFrame(resolve));
  w.unmount();
};

const labelsOf = (w: ReturnType<typeof mountApp>) => w.findAll('.el-form-item__label').map((l) => l.text());

describe('RecordForm (generated from metadata)', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ data: [], nextCursor: null }), { status: 200 })));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('renders one labelled widget per field, with the required mark', async () => {
    const w = mountApp(Harness('create', {}));
    await flushPromises();
    expect(labelsOf(w)).toEqual(expect.arrayContaining(['Title', 'Notes', 'Seats', 'Amount', 'Won', 'Close date', 'Stage', 'Tags', 'Account', 'Owner', 'Extra']));
    expect(labelsOf(w)).not.toContain('Total');
    expect(w.find('[data-field="title"]').classes()).toContain('is-required');
    expect(w.find('[data-field="notes"] textarea').exists()).toBe(true);
    expect(w.find('[data-field="seats"] .el-input-number').exists()).toBe(true);
    expect(w.find('[data-field="won"] .el-switch').exists()).toBe(true);
    expect(w.find('[data-field="close_on"] .el-date-editor').exists()).toBe(true);
    expect(w.find('[data-field="stage"] .el-select').exists()).toBe(true);
    expect(w.find('[data-field="site"] input[type="url"]').exists()).toBe(true);
    expect(w.find('[data-field="email"] input[type="email"]').exists()).toBe(true);
    expect(w.find('[data-field="phone"] input[type="tel"]').exists()).toBe(true);
    await close(w);
  });

  it('links each label to its input, so the field can be found by its label', async () => {
    const w = mountApp(Harness('create', {}));
    await flushPromises();
    const label = w.find('[data-field="title"] label');
    const input = w.find('[data-field="title"] input');
    expect(label.attributes('for')).toBeTruthy();
    expect(input.attributes('id')).toBe(label.attributes('for'));
    await close(w);
  });

  it('writes typed values back into the record', async () => {
    const w = mountApp(Harness('edit', { title: 'Old' }));
    await flushPromises();
    await w.find('[data-field="title"] input').setValue('New title');
    await w.find('[data-field="extra"] textarea').setValue('{"a": 1}');
    const form = w.findComponent(RecordForm);
    const updates = form.emitted('update:values') as Record<string, unknown>[][];
    expect(updates.at(-1)?.[0]).toMatchObject({ title: 'New title', extra: { a: 1 } });
    await close(w);
  });

  it('shows messages on their fields', async () => {
    const w = mountApp(Harness('create', {}, { title: 'Title is required' }));
    await flushPromises();
    expect(w.find('[data-field="title"] .el-form-item__error').text()).toBe('Title is required');
    await close(w);
  });

  it('shows values read-only in view mode: dictionary and option labels, yes/no, links', async () => {
    const w = mountApp(Harness('view', { title: 'Deal', stage: 'won', source: 'fair', won: true, site: 'https://acme.test', tags: ['hot', 'vip'], total: 20 }));
    await flushPromises();
    expect(w.find('input').exists()).toBe(false);
    expect(w.find('[data-field="stage"]').text()).toContain('Won');
    expect(w.find('[data-field="source"]').text()).toContain('Fair');
    expect(w.find('[data-field="won"]').text()).toContain('Yes');
    expect(w.find('[data-field="tags"]').text()).toContain('hot, vip');
    expect(w.find('[data-field="site"] a').attributes('href')).toBe('https://acme.test');
    expect(w.find('[data-field="total"]').text()).toContain('20');
    await close(w);
  });

  it('uses the form document sections and hides a section by its rule', async () => {
    const w = mountApp(Harness('edit', { stage: 'new' }, {}, true));
    await flushPromises();
    expect(w.findAll('.section-title').map((s) => s.text())).toEqual(['Main', 'Other fields']);
    await close(w);
    const lost = mountApp(Harness('edit', { stage: 'lost' }, {}, true));
    await flushPromises();
    expect(lost.findAll('.section-title').map((s) => s.text())).toEqual(['Main', 'Lost', 'Other fields']);
    await close(lost);
  });

  it('speaks Chinese: labels and section titles in zh-CN', async () => {
    const w = mountApp(Harness('create', {}, {}, true), {}, 'zh-CN');
    await flushPromises();
    expect(labelsOf(w)).toEqual(expect.arrayContaining(['标题', '阶段', '金额']));
    expect(w.findAll('.section-title').map((s) => s.text())).toEqual(['主要信息', '其他字段']);
    await close(w);
  });
});
