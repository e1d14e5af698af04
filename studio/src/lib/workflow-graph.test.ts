import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../api/workflows.js';
import { addStep, connect, disconnect, documentToGraph, removeStep, stepOptions, TRIGGER_NODE, withStepOptions } from './workflow-graph.js';

const doc = (): WorkflowDocument => ({
  kind: 'workflow',
  name: 'big_deal',
  entity: 'deal',
  trigger: { on: 'update', condition: { '>': [{ var: 'amount' }, 1000] } },
  steps: [
    { id: 'check', type: 'branch', if: { '==': [{ var: 'record.stage' }, 'won'] }, then: 'notify', else: null },
    { id: 'notify', type: 'notify', to: { users: ['u1'] }, title: 'Won' },
    { id: 'mark', type: 'set', fields: { flagged: true } },
  ],
});

const edgesOf = (d: WorkflowDocument) => documentToGraph(d).edges.map((e) => `${e.source}:${e.sourceHandle}->${e.target}${e.implicit ? ' (implicit)' : ''}`);

describe('workflow document ↔ canvas', () => {
  it('draws the trigger, one node per step and an edge per target, a missing next as an implicit edge to the following step', () => {
    const { nodes } = documentToGraph(doc());
    expect(nodes.map((n) => [n.id, n.type, n.data.handles])).toEqual([
      [TRIGGER_NODE, 'trigger', ['next']],
      ['check', 'step', ['then', 'else']],
      ['notify', 'step', ['next']],
      ['mark', 'step', ['next']],
    ]);
    expect(edgesOf(doc())).toEqual([`${TRIGGER_NODE}:next->check`, 'check:then->notify', 'notify:next->mark (implicit)']);
  });

  it('lays nodes out in layers by distance from the trigger, keeping dragged positions', () => {
    const { nodes } = documentToGraph(doc(), { mark: { x: 500, y: 7 } });
    const y = Object.fromEntries(nodes.map((n) => [n.id, n.position.y]));
    expect(y[TRIGGER_NODE]).toBeLessThan(y.check);
    expect(y.check).toBeLessThan(y.notify);
    expect(nodes.find((n) => n.id === 'mark')!.position).toEqual({ x: 500, y: 7 });
  });

  it('draws the cases of a branch with their default', () => {
    const d = doc();
    d.steps[0] = { id: 'check', type: 'branch', cases: [{ when: true, next: 'mark' }], default: 'notify' };
    expect(edgesOf(d)).toContain('check:case-0->mark');
    expect(edgesOf(d)).toContain('check:default->notify');
    const connected = connect(d, 'check', 'notify', 'case-0');
    expect(connected.steps[0].cases).toEqual([{ when: true, next: 'notify' }]);
  });

  it('connecting sets next or a branch target; from the trigger it makes the target the first step', () => {
    expect(connect(doc(), 'notify', 'check').steps[1].next).toBe('check');
    expect(connect(doc(), 'check', 'mark', 'else').steps[0].else).toBe('mark');
    expect(connect(doc(), TRIGGER_NODE, 'mark').steps.map((s) => s.id)).toEqual(['mark', 'check', 'notify']);
    expect(connect(doc(), 'mark', TRIGGER_NODE)).toEqual(doc());
  });

  it('removing an edge ends the run there; the original document is left alone', () => {
    const d = doc();
    const cut = disconnect(d, { source: 'notify', sourceHandle: 'next' });
    expect(cut.steps[1].next).toBeNull();
    expect(edgesOf(cut)).not.toContain('notify:next->mark (implicit)');
    expect(d.steps[1].next).toBeUndefined();
  });

  it('adds a step with its type’s options and removes one with the targets pointing at it', () => {
    const { doc: added, id } = addStep(doc(), 'set');
    expect(id).toBe('set_1');
    expect(added.steps.at(-1)).toEqual({ id: 'set_1', type: 'set', fields: {} });
    const removed = removeStep(added, 'notify');
    expect(removed.steps.map((s) => s.id)).toEqual(['check', 'mark', 'set_1']);
    expect(removed.steps[0].then).toBeUndefined();
    expect(edgesOf(removed)).toContain('check:then->mark (implicit)');
  });

  it('splits a step into what the panel edits as JSON and puts it back', () => {
    const s = { id: 'notify', type: 'notify', label: { en: 'Tell', 'zh-CN': '告知' }, next: 'mark', to: { users: ['u1'] }, title: 'Won' };
    expect(stepOptions(s)).toEqual({ to: { users: ['u1'] }, title: 'Won' });
    expect(withStepOptions(s, { title: 'Lost', id: 'x' })).toEqual({ id: 'notify', type: 'notify', label: s.label, next: 'mark', title: 'Lost' });
  });
});
