import { describe, expect, it } from 'vitest';
import { buildOrgTree, type OrgNode } from './org-tree.js';

const names = (nodes: OrgNode[]): unknown[] => nodes.map((n) => (n.reports.length ? [n.contact.name, names(n.reports)] : n.contact.name));

describe('buildOrgTree', () => {
  it('puts each contact under the one they report to, and those whose boss is unseen at the top', () => {
    const tree = buildOrgTree([
      { id: 'a', name: 'CEO', reports_to: null },
      { id: 'b', name: 'CTO', reports_to: 'a' },
      { id: 'c', name: 'Engineer', reports_to: { id: 'b', name: 'CTO' } },
      { id: 'd', name: 'Buyer', reports_to: 'hidden' },
    ]);
    expect(names(tree)).toEqual([['CEO', [['CTO', ['Engineer']]]], 'Buyer']);
  });

  it('shows every contact once even when stored data loops', () => {
    const tree = buildOrgTree([
      { id: 'a', name: 'A', reports_to: 'b' },
      { id: 'b', name: 'B', reports_to: 'a' },
      { id: 'c', name: 'C', reports_to: 'c' },
    ]);
    expect(names(tree)).toEqual(['C', ['A', ['B']]]);
  });

  it('is empty without contacts', () => {
    expect(buildOrgTree([])).toEqual([]);
  });
});
