import { describe, expect, it } from 'vitest';
import { addState, connectStates, disconnectEdge, editorProblems, freshName, removeState, setFinal, setInitial, updateState, type LifecycleModel } from './lifecycle-model.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const base = (): LifecycleModel => ({
  lifecycle: {
    kind: 'lifecycle',
    name: 'ticket_flow',
    entity: 'ticket',
    field: 'status',
    initial: 'open',
    final: ['closed'],
    transitions: [{ name: 'close', from: ['open'], to: 'closed', guard: { '>': [{ var: 'priority' }, 0] } }],
  },
  states: [
    { value: 'open', label: label('Open', '打开') },
    { value: 'closed', label: label('Closed', '关闭') },
  ],
});
const fields = new Set(['subject', 'priority', 'status']);

describe('lifecycle editor model', () => {
  it('a sound lifecycle has nothing to fix', () => {
    expect(editorProblems(base(), fields)).toEqual([]);
  });

  it('a new state is unreachable and stuck until a transition leads in and out, or it is final', () => {
    let m = addState(base(), { value: 'waiting', label: label('Waiting', '等待') });
    expect(editorProblems(m, fields).map((p) => `${p.key}:${p.state}`)).toEqual(['unreachable:waiting', 'deadEnd:waiting']);
    const into = connectStates(m, 'open', 'waiting');
    expect(into.name).toBe('to_waiting');
    expect(into.model.lifecycle.transitions[1]).toEqual({ name: 'to_waiting', from: ['open'], to: 'waiting', label: label('Waiting', '等待') });
    expect(connectStates(into.model, 'open', 'waiting').model).toBe(into.model);
    m = connectStates(into.model, 'waiting', 'closed').model;
    expect(editorProblems(m, fields)).toEqual([]);
    expect(editorProblems(setFinal(into.model, 'waiting', true), fields)).toEqual([]);
  });

  it('marks a guard naming a missing field on its transition, and states without labels in both languages', () => {
    const m = updateState(base(), 'open', { label: label('Open', '') });
    const broken = { ...m, lifecycle: { ...m.lifecycle, transitions: [{ ...m.lifecycle.transitions[0], guard: { '==': [{ var: 'budget' }, 1] } }] } } as LifecycleModel;
    expect(editorProblems(broken, fields)).toEqual([
      { key: 'stateLabel', state: 'open', params: { state: 'open' } },
      { key: 'guardField', transition: 'close', params: { transition: 'close', field: 'budget' } },
    ]);
  });

  it('removing a state takes its transitions and sources with it, and asks for a new initial state', () => {
    const m = removeState(connectStates(base(), 'closed', 'open').model, 'open');
    expect(m.states.map((s) => s.value)).toEqual(['closed']);
    expect(m.lifecycle.transitions).toEqual([]);
    expect(editorProblems(m, fields).map((p) => p.key)).toEqual(['noInitial']);
    expect(editorProblems(setInitial(m, 'closed'), fields)).toEqual([]);
  });

  it('clicking an edge away removes that source, and the transition with its last one', () => {
    const two = { ...base(), lifecycle: { ...base().lifecycle, transitions: [{ name: 'close', from: ['open', 'closed'] as [string, string], to: 'closed' }] } };
    expect(disconnectEdge(two, 'close', 'closed').lifecycle.transitions[0].from).toEqual(['open']);
    expect(disconnectEdge(disconnectEdge(two, 'close', 'closed'), 'close', 'open').lifecycle.transitions).toEqual([]);
  });

  it('fresh names stay valid and unique', () => {
    expect(freshName('to_Done!', ['to_done'])).toBe('to_done_2');
    expect(freshName('9', [])).toBe('step');
  });
});
