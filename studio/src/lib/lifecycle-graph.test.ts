import { describe, expect, it } from 'vitest';
import type { LifecycleDocument } from '../api/types.js';
import { lifecycleToGraph } from './lifecycle-graph.js';

const lc = {
  kind: 'lifecycle',
  name: 'customer_status',
  entity: 'customer',
  field: 'status',
  initial: 'active',
  transitions: [
    { name: 'flag_risk', from: ['active'], to: 'at_risk' },
    { name: 'mark_lost', from: ['at_risk'], to: 'lost', guard: { '<=': [{ var: 'satisfaction' }, 2] } },
    { name: 'recover', from: ['at_risk', 'lost'], to: 'active' },
  ],
} as unknown as LifecycleDocument;

describe('lifecycle diagram', () => {
  it('has a node per state, the field’s unused choices included, and an edge per transition and source state', () => {
    const { nodes, edges } = lifecycleToGraph(lc, [{ value: 'active' }, { value: 'archived', label: { en: 'Archived', 'zh-CN': '已归档' } }]);
    expect(nodes.map((n) => [n.id, n.data.initial])).toEqual([
      ['active', true],
      ['archived', false],
      ['at_risk', false],
      ['lost', false],
    ]);
    expect(edges.map((e) => `${e.data.name}:${e.source}->${e.target}${e.data.guarded ? ' (guard)' : ''}`)).toEqual([
      'flag_risk:active->at_risk',
      'mark_lost:at_risk->lost (guard)',
      'recover:at_risk->active',
      'recover:lost->active',
    ]);
    const x = Object.fromEntries(nodes.map((n) => [n.id, n.position.x]));
    expect(x.active).toBeLessThan(x.at_risk);
    expect(x.at_risk).toBeLessThan(x.lost);
    expect(x.archived).toBeGreaterThan(x.lost);
  });
});
