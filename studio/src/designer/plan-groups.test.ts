import { describe, expect, it } from 'vitest';
import { groupPlan } from './plan-groups.js';
import type { DocumentDiff } from './version-diff.js';

describe('groupPlan', () => {
  it('groups steps by entity document, adds changed documents without steps, destructive first', () => {
    const steps = [
      { description: 'Add field "customer.wechat"', destructive: false, entity: 'customer' },
      { description: 'Change field "lead.score"', destructive: true, entity: 'lead' },
      { description: 'Create index of "customer"', destructive: false, entity: 'customer' },
    ];
    const diffs: DocumentDiff[] = [
      { key: 'entity/customer', kind: 'entity', name: 'customer', status: 'changed', changes: [] },
      { key: 'form/customer', kind: 'form', name: 'customer', status: 'added', changes: [] },
    ];
    const groups = groupPlan(steps, diffs);
    expect(groups.map((g) => [g.key, g.steps.length, g.destructive, g.diff?.status])).toEqual([
      ['entity/lead', 1, 1, undefined],
      ['entity/customer', 2, 0, 'changed'],
      ['form/customer', 0, 0, 'added'],
    ]);
  });
});
