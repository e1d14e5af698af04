import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { ElInputNumber, ElRadioGroup, ElSelect } from 'element-plus';
import { afterEach, describe, expect, it } from 'vitest';
import { deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import FilterBuilder from './FilterBuilder.vue';

const selects = (w: VueWrapper, cls: string) => w.findAllComponents(ElSelect).filter((s) => s.classes().includes(cls));
const pick = async (w: VueWrapper, cls: string, row: number, value: unknown) => {
  selects(w, cls)[row].vm.$emit('update:modelValue', value);
  await flushPromises();
};
const applied = (w: VueWrapper) => w.emitted('update:modelValue')?.at(-1)?.[0];

describe('FilterBuilder', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('builds json-logic from field, operator and value rows joined by and/or', async () => {
    const w = mountApp(FilterBuilder, { props: { entity: deal } });
    await flushPromises();
    expect(w.findAll('.filter-row')).toHaveLength(1);
    await w.find('.filter-row .filter-value input').setValue('Acme');

    await w.find('.filter-add').trigger('click');
    await pick(w, 'filter-field', 1, 'seats');
    await pick(w, 'filter-op', 1, 'gte');
    w.findAll('.filter-row')[1].findComponent(ElInputNumber).vm.$emit('update:modelValue', 3);

    await w.find('.filter-add').trigger('click');
    await pick(w, 'filter-field', 2, 'stage');
    await pick(w, 'filter-op', 2, 'in');
    selects(w, 'select-input').at(-1)!.vm.$emit('update:modelValue', ['new', 'won']);

    await w.find('.filter-add').trigger('click');
    await pick(w, 'filter-field', 3, 'won');
    expect(selects(w, 'filter-op')[3].props('modelValue')).toBe('is_true');
    expect(w.findAll('.filter-row')[3].find('.filter-value').element.children).toHaveLength(0);

    await w.find('.filter-add').trigger('click');
    await pick(w, 'filter-field', 4, 'notes');
    await w.findAll('.filter-remove')[4].trigger('click');

    w.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'or');
    await flushPromises();
    await w.find('.filter-apply').trigger('click');
    expect(applied(w)).toEqual({
      or: [
        { contains: [{ var: 'title' }, 'Acme'] },
        { '>=': [{ var: 'seats' }, 3] },
        { in: [{ var: 'stage' }, ['new', 'won']] },
        { '==': [{ var: 'won' }, true] },
      ],
    });
    w.unmount();
  });

  it('shows the applied filter as rows, offers only the operators of each field, and clears', async () => {
    const w = mountApp(FilterBuilder, { props: { entity: deal, modelValue: { and: [{ '==': [{ var: 'close_on' }, null] }, { '<': [{ var: 'amount' }, 100] }] } } });
    await flushPromises();
    expect(selects(w, 'filter-field').map((s) => s.props('modelValue'))).toEqual(['close_on', 'amount']);
    expect(selects(w, 'filter-op').map((s) => s.props('modelValue'))).toEqual(['empty', 'lt']);
    const fieldNames = selects(w, 'filter-field')[0].findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'));
    expect(fieldNames).toContain('created_at');
    expect(fieldNames).not.toContain('extra');
    await pick(w, 'filter-op', 1, 'gte');
    await w.find('.filter-apply').trigger('click');
    expect(applied(w)).toEqual({ and: [{ '==': [{ var: 'close_on' }, null] }, { '>=': [{ var: 'amount' }, 100] }] });
    await w.find('.filter-clear').trigger('click');
    expect(applied(w)).toBeUndefined();
    expect(w.findAll('.filter-row')).toHaveLength(0);
    w.unmount();
  });

  it('says so when the applied filter is not one it can show, and speaks Chinese', async () => {
    const w = mountApp(FilterBuilder, { props: { entity: deal, modelValue: { '==': [{ var: 'seats' }, { var: 'weight' }] } } }, 'zh-CN');
    await flushPromises();
    expect(w.text()).toContain('此列表的筛选条件无法在筛选器中显示');
    expect(w.find('.filter-apply').text()).toBe('应用');
    expect(w.text()).toContain('全部条件');
    w.unmount();
  });
});
