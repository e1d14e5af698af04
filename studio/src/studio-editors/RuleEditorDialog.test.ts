import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../testing/fetch-stub.js';
import { deal, dealStage } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import RuleEditorDialog from './RuleEditorDialog.vue';

const type = async (el: Element | null, value: string) => {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input'));
  await flushPromises();
};
const button = (text: string) => [...document.querySelectorAll('.rule-dialog button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;

describe('validation rule editor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('opens a rule the builder cannot show as JSON, tries it on sample values, and switches to the builder with groups', async () => {
    const { calls } = stubFetch({ 'GET /api/studio/entity/deal': { kind: 'entity', name: 'deal', fields: {} }, 'PUT /api/studio/entity/deal': { version: 7 } });
    const rule = deal.rules![0];
    const w = mountApp(RuleEditorDialog, { props: { modelValue: true, entity: deal, editing: rule, dictionaries: { deal_stage: dealStage } } });
    await flushPromises();
    expect(document.querySelector('.rule-dialog .json-note')!.textContent).toContain('the builder cannot show');
    expect(button('Use the builder').disabled).toBe(true);
    expect([...document.querySelectorAll('.rule-try [data-try-field]')].map((e) => e.getAttribute('data-try-field'))).toEqual(['stage', 'lost_reason']);
    expect(document.querySelector('.try-pass')!.textContent).toContain('Valid: the record would be saved');

    const json = document.querySelector('.rule-dialog textarea[name="ruleJson"]') as HTMLTextAreaElement;
    const next = { and: [{ '>=': [{ var: 'seats' }, 2] }, { or: [{ '==': [{ var: 'stage' }, 'won'] }, { '==': [{ var: 'stage' }, 'new'] }] }] };
    await type(json, JSON.stringify(next));
    expect(document.querySelector('.try-fail')!.textContent).toContain('Refused: “A lost deal needs a reason.”');
    button('Use the builder').click();
    await flushPromises();
    expect(document.querySelectorAll('.rule-dialog .rule-row')).toHaveLength(3);
    expect(document.querySelectorAll('.rule-dialog .rule-group.nested .rule-row')).toHaveLength(2);
    expect((document.querySelector('.rule-dialog .rule-group.nested .combinator .is-active') as HTMLElement).textContent?.trim()).toBe('any of');
    await type(document.querySelector('.rule-try input[name="try-seats"]'), '3');
    await vi.waitFor(() => expect(document.querySelector('.rule-try [data-try-field="seats"]')).not.toBeNull(), { timeout: 10_000 });
    button('Save').click();
    await flushPromises();
    const body = JSON.parse(calls.find((c) => c.method === 'PUT')!.body!);
    expect(body.rules).toEqual([{ ...rule, rule: next }]);
    expect(w.emitted('saved')).toEqual([['lost_needs_reason']]);
    w.unmount();
  });

  it('needs a name, a complete condition and the message in both languages', async () => {
    const { calls } = stubFetch({});
    const w = mountApp(RuleEditorDialog, { props: { modelValue: true, entity: deal, editing: null, dictionaries: {} }, global: { stubs: { transition: false, 'transition-group': false } } });
    await flushPromises();
    button('Add condition').click();
    await flushPromises();
    button('Save').click();
    await flushPromises();
    // The form validates its fields one by one: wait until every message has appeared.
    await vi.waitFor(() => {
      const text = document.querySelector('.rule-dialog')!.textContent;
      expect(text).toContain('Add at least one complete condition');
      expect(text).toContain('Enter a name');
      expect(text).toContain('Enter the label in English and in 中文');
    }, { timeout: 10_000 });
    expect(calls).toHaveLength(0);
    w.unmount();
  });
});
