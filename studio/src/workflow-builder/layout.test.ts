import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../api/workflows.js';
import { documentToGraph, removeStep, TRIGGER_NODE } from '../lib/workflow-graph.js';
import { positionsOf, withPositions } from './layout.js';

const doc = (): WorkflowDocument => ({
  kind: 'workflow',
  name: 'welcome',
  entity: 'customer',
  trigger: { on: 'create' },
  steps: [
    { id: 'a', type: 'set', fields: { grade: 'A' } },
    { id: 'b', type: 'notify', to: { users: ['u1'] }, title: 'Hi' },
  ],
});

describe('the canvas layout kept in the workflow document', () => {
  it('keeps moved nodes’ positions, the trigger under $trigger, rounded to whole pixels', () => {
    const moved = withPositions(doc(), [
      { id: TRIGGER_NODE, position: { x: 10.4, y: 20.6 } },
      { id: 'b', position: { x: 300, y: 400 } },
    ]);
    expect(moved.layout).toEqual({ $trigger: { x: 10, y: 21 }, b: { x: 300, y: 400 } });
    expect(positionsOf(moved)).toEqual({ [TRIGGER_NODE]: { x: 10, y: 21 }, b: { x: 300, y: 400 } });
  });

  it('draws kept positions and lays out the other nodes', () => {
    const moved = withPositions(doc(), [{ id: 'b', position: { x: 300, y: 400 } }]);
    const nodes = Object.fromEntries(documentToGraph(moved, positionsOf(moved)).nodes.map((n) => [n.id, n.position]));
    expect(nodes.b).toEqual({ x: 300, y: 400 });
    expect(nodes.a).toEqual(documentToGraph(doc()).nodes[1].position);
  });

  it('returns the same document when nothing moved, and ignores unknown nodes', () => {
    const moved = withPositions(doc(), [{ id: 'a', position: { x: 1, y: 2 } }]);
    expect(withPositions(moved, [{ id: 'a', position: { x: 1.2, y: 2 } }])).toBe(moved);
    expect(withPositions(doc(), [{ id: 'ghost', position: { x: 1, y: 2 } }]).layout).toBeUndefined();
  });

  it('forgets a removed step’s position', () => {
    const moved = withPositions(doc(), [{ id: 'a', position: { x: 1, y: 2 } }, { id: 'b', position: { x: 3, y: 4 } }]);
    expect(removeStep(moved, 'a').layout).toEqual({ b: { x: 3, y: 4 } });
    expect(removeStep(removeStep(moved, 'a'), 'b').layout).toBeUndefined();
  });
});
