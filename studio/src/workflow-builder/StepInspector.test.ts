import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkflowStep } from '../api/workflows.js';
import FilterBuilder from '../components/FilterBuilder.vue';
import { stubFetch } from '../testing/fetch-stub.js';
import { account, deal } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import DurationInput from './DurationInput.vue';
import RecipientsPicker from './RecipientsPicker.vue';
import StepInspector from './StepInspector.vue';

type Emitting = { vm: { $emit(...a: unknown[]): void } };

const mountStep = (step: WorkflowStep) => {
  stubFetch({ 'GET /api/users': { data: [] }, 'GET /api/studio': { data: [] } });
  const w = mountApp(StepInspector, { props: { step, stepIds: [step.id, 'other'], entity: deal, entities: { deal, account }, errors: {} } });
  /** The step the last edit produced. */
  const last = () => (w.emitted('update') ?? []).at(-1)?.[0] as WorkflowStep;
  const child = (c: unknown) => w.findComponent(c as never) as unknown as Emitting;
  const select = (cls: string) => w.findAllComponents({ name: 'ElSelect' }).find((s) => s.classes().includes(cls)) as unknown as Emitting;
  return { w, last, child, select };
};

describe('step forms ↔ the step document', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('notify: recipients from the pickers, the title from its input', async () => {
    const { w, last, child } = mountStep({ id: 'tell', type: 'notify', to: {}, title: '' });
    await flushPromises();
    child(RecipientsPicker).vm.$emit('update:modelValue', { roles: ['sales'], field: 'owner_id' });
    expect(last()).toEqual({ id: 'tell', type: 'notify', to: { roles: ['sales'], field: 'owner_id' }, title: '' });
    await w.setProps({ step: last() } as never);
    await w.find('input[name="notify-title"]').setValue('Deal {{title}} won');
    expect(last()).toEqual({ id: 'tell', type: 'notify', to: { roles: ['sales'], field: 'owner_id' }, title: 'Deal {{title}} won' });
    w.unmount();
  });

  it('notify: a title per language, each from its own input', async () => {
    const { w, last } = mountStep({ id: 'tell', type: 'notify', to: { roles: ['sales'] }, title: 'Won' });
    await flushPromises();
    await w.find('.local-text .el-switch').trigger('click');
    expect(last().title).toEqual({ en: 'Won', 'zh-CN': 'Won' });
    await w.setProps({ step: last() } as never);
    await w.find('input[name="notify-title-zh"]').setValue('赢单');
    expect(last().title).toEqual({ en: 'Won', 'zh-CN': '赢单' });
    await w.setProps({ step: last() } as never);
    expect((w.find('input[name="notify-title-en"]').element as HTMLInputElement).value).toBe('Won');
    w.unmount();
  });

  it('set: a value typed into the field’s own input, or a json-logic expression', async () => {
    const { w, last } = mountStep({ id: 'grade', type: 'set', fields: { amount: { '*': [{ var: 'seats' }, 100] }, won: true } });
    await flushPromises();
    const amount = w.find('.value-row[data-field="amount"] textarea');
    expect(JSON.parse((amount.element as HTMLTextAreaElement).value)).toEqual({ '*': [{ var: 'seats' }, 100] });
    await amount.setValue('{ "var": "weight" }');
    await amount.trigger('change');
    expect(last().fields).toEqual({ amount: { var: 'weight' }, won: true });
    await w.setProps({ step: last() } as never);
    await w.find('.value-row[data-field="amount"] .value-mode input').setValue(false);
    expect(last().fields).toEqual({ amount: null, won: true });
    await w.setProps({ step: last() } as never);
    await w.find('.value-row[data-field="amount"] input[name="set-fields-amount"]').setValue('250');
    await w.find('.value-row[data-field="amount"] input[name="set-fields-amount"]').trigger('change');
    expect(last().fields).toEqual({ amount: 250, won: true });
    w.unmount();
  });

  it('wait: a duration as amount and unit, or a date field to wait until', async () => {
    const { w, last, child } = mountStep({ id: 'pause', type: 'wait', days: 1 });
    await flushPromises();
    child(DurationInput).vm.$emit('update:modelValue', { amount: 2, unit: 'hours' });
    expect(last()).toEqual({ id: 'pause', type: 'wait', hours: 2 });
    await w.find('.wait-mode input[value="until"]').setValue(true);
    expect(last()).toEqual({ id: 'pause', type: 'wait', until: { var: 'close_on' } });
    w.unmount();
  });

  it('webhook and script: URL, method and code as plain inputs', async () => {
    const hook = mountStep({ id: 'call', type: 'webhook', url: '', method: 'POST' });
    await flushPromises();
    await hook.w.find('input[name="webhook-url"]').setValue(' https://hooks.example/deal ');
    expect(hook.last()).toEqual({ id: 'call', type: 'webhook', url: 'https://hooks.example/deal', method: 'POST' });
    hook.w.unmount();

    const script = mountStep({ id: 'calc', type: 'script', code: '' });
    await flushPromises();
    const code = script.w.find('.mono textarea[name="script-code"]');
    await code.setValue('return { doubled: input.amount * 2 };');
    expect(script.last()).toEqual({ id: 'calc', type: 'script', code: 'return { doubled: input.amount * 2 };' });
    script.w.unmount();
  });

  it('branch: one condition, or cases with a default', async () => {
    const { w, last } = mountStep({ id: 'check', type: 'branch', if: { '>': [{ var: 'amount' }, 1000] }, then: 'other' });
    await flushPromises();
    expect(w.find('[data-condition="branch-if"] .summary').text()).toBe('Amount greater than / after 1000');
    await w.find('.branch-mode input[value="cases"]').setValue(true);
    expect(last()).toEqual({ id: 'check', type: 'branch', cases: [{ when: { '>': [{ var: 'amount' }, 1000] }, next: 'other' }] });
    w.unmount();
  });

  it('approval: counting approvals asks how many; a condition comes from the condition builder', async () => {
    const { w, last, child, select } = mountStep({ id: 'ok', type: 'approval', approvers: { users: ['u1'] }, mode: 'any' });
    await flushPromises();
    select('approval-mode').vm.$emit('update:modelValue', 'k_of_n');
    expect(last()).toEqual({ id: 'ok', type: 'approval', approvers: { users: ['u1'] }, mode: 'k_of_n', k: 1 });

    await w.find('[data-condition="step-condition"] button.edit-condition').trigger('click');
    await flushPromises();
    child(FilterBuilder).vm.$emit('update:modelValue', { '==': [{ var: 'stage' }, 'won'] });
    expect(last().condition).toEqual({ '==': [{ var: 'stage' }, 'won'] });
    w.unmount();
  });

  it('create: choosing the entity starts its values afresh; a half-given label is kept for the check to flag', async () => {
    const { w, last, select } = mountStep({ id: 'make', type: 'create', entity: 'deal', fields: { title: 'x' } });
    await flushPromises();
    select('create-entity').vm.$emit('update:modelValue', 'account');
    expect(last()).toEqual({ id: 'make', type: 'create', entity: 'account', fields: {} });
    await w.find('input[name="step-label-en"]').setValue('Make account');
    expect(last().label).toEqual({ en: 'Make account', 'zh-CN': '' });
    w.unmount();
  });
});
