import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkflowDocument } from '../api/workflows.js';
import { account, deal } from '../testing/fixtures.js';
import { stubFetch } from '../testing/fetch-stub.js';
import { mountApp } from '../testing/mount-app.js';
import ConditionEditor from '../editor-kit/ConditionEditor.vue';
import TriggerEditor from './TriggerEditor.vue';

const doc: WorkflowDocument = { kind: 'workflow', name: 'w', entity: 'deal', trigger: { on: 'update', fields: ['stage'] }, steps: [] };
type Emitting = { vm: { $emit(...a: unknown[]): void } };

describe('TriggerEditor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  const mountTrigger = (d: WorkflowDocument) => {
    const w = mountApp(TriggerEditor, { props: { doc: d, entities: { deal, account }, errors: { cron: 'Enter a cron expression with five fields.' } } });
    const last = () => (w.emitted('change') ?? []).at(-1)?.[0] as WorkflowDocument;
    const select = (cls: string) => w.findAllComponents({ name: 'ElSelect' }).find((s) => s.classes().includes(cls)) as unknown as Emitting;
    return { w, last, select };
  };

  it('shows what the trigger needs: fields for an update, a cron for a schedule, a date field for a date', async () => {
    const update = mountTrigger(doc);
    expect(update.w.find('.trigger-fields').exists()).toBe(true);
    expect(update.w.find('input[name="cron"]').exists()).toBe(false);
    update.w.unmount();

    const schedule = mountTrigger({ ...doc, trigger: { on: 'schedule' } });
    await flushPromises();
    expect(schedule.w.find('input[name="cron"]').exists()).toBe(true);
    // the form item shows its message a moment after it turns red
    await vi.waitFor(() => expect(schedule.w.find('.el-form-item.is-error .el-form-item__error').text()).toBe('Enter a cron expression with five fields.'), { timeout: 10_000 });
    expect(schedule.w.findComponent(ConditionEditor).exists()).toBe(false);
    schedule.w.unmount();

    const date = mountTrigger({ ...doc, trigger: { on: 'date' } });
    expect(date.w.find('.trigger-date-field').exists()).toBe(true);
    date.w.unmount();
  });

  it('a manual trigger declares who may start it; another trigger forgets the declaration', async () => {
    stubFetch({ 'GET /api/studio': { data: [] } });
    const manual: WorkflowDocument = { ...doc, trigger: { on: 'manual' } };
    const { w, last, select } = mountTrigger(manual);
    await flushPromises();
    expect(w.find('.trigger-fields').exists()).toBe(false);
    select('trigger-requires').vm.$emit('update:modelValue', 'read');
    expect(last().trigger).toEqual({ on: 'manual', requires: 'read' });
    (w.findAllComponents({ name: 'ElSwitch' }).find((s) => s.classes().includes('trigger-run-as')) as unknown as Emitting).vm.$emit('update:modelValue', true);
    expect(last().trigger).toEqual({ on: 'manual', runAs: 'workflow' });
    select('trigger-roles').vm.$emit('update:modelValue', ['sales_director']);
    expect(last().trigger).toEqual({ on: 'manual', roles: ['sales_director'] });
    w.unmount();

    const declared = mountTrigger({ ...doc, trigger: { on: 'manual', requires: 'read', runAs: 'workflow', roles: ['sales_director'] } });
    await flushPromises();
    declared.select('trigger-on').vm.$emit('update:modelValue', 'create');
    expect(declared.last().trigger).toEqual({ on: 'create' });
  });

  it('changing the entity forgets fields of the old one; the condition comes from its editor', async () => {
    const { w, last, select } = mountTrigger(doc);
    await flushPromises();
    select('trigger-entity').vm.$emit('update:modelValue', 'account');
    expect(last()).toEqual({ ...doc, entity: 'account', trigger: { on: 'update' } });
    select('trigger-fields').vm.$emit('update:modelValue', ['stage', 'amount']);
    expect(last().trigger).toEqual({ on: 'update', fields: ['stage', 'amount'] });
    (w.findComponent(ConditionEditor) as unknown as Emitting).vm.$emit('update:modelValue', { '==': [{ var: 'won' }, true] });
    expect(last().trigger).toEqual({ on: 'update', fields: ['stage'], condition: { '==': [{ var: 'won' }, true] } });
    w.unmount();
  });
});
