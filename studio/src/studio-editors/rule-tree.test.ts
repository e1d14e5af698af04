import { describe, expect, it } from 'vitest';
import { fieldsOfGroup, groupToLogic, logicToGroup, type RuleGroup } from './rule-tree.js';

describe('rule builder state and json-logic', () => {
  const group: RuleGroup = {
    combinator: 'or',
    items: [
      { row: { field: 'stage', op: 'ne', value: 'lost' } },
      { group: { combinator: 'and', items: [{ row: { field: 'lost_reason', op: 'not_empty' } }, { row: { field: 'amount', op: 'gte', value: 0 } }] } },
    ],
  };
  const logic = { or: [{ '!=': [{ var: 'stage' }, 'lost'] }, { and: [{ '!=': [{ var: 'lost_reason' }, null] }, { '>=': [{ var: 'amount' }, 0] }] }] };

  it('writes conditions and groups as json-logic and reads them back', () => {
    expect(groupToLogic(group)).toEqual(logic);
    expect(logicToGroup(logic)).toEqual(group);
    expect(fieldsOfGroup(group)).toEqual(['stage', 'lost_reason', 'amount']);
  });

  it('leaves out incomplete conditions and lets a single condition stand alone', () => {
    expect(groupToLogic({ combinator: 'and', items: [{ row: { field: 'amount', op: 'gt', value: null } }] })).toBeUndefined();
    expect(groupToLogic({ combinator: 'and', items: [{ row: { field: 'amount', op: 'gt', value: 5 } }, { group: { combinator: 'or', items: [] } }] })).toEqual({ '>': [{ var: 'amount' }, 5] });
    expect(logicToGroup({ '>': [{ var: 'amount' }, 5] })).toEqual({ combinator: 'and', items: [{ row: { field: 'amount', op: 'gt', value: 5 } }] });
  });

  it('answers undefined for shapes the builder cannot show (edited as JSON instead)', () => {
    expect(logicToGroup({ '+': [1, 2] })).toBeUndefined();
    expect(logicToGroup({ and: [{ or: [{ and: [{ '==': [{ var: 'a' }, 1] }] }] }] })).toBeUndefined();
  });
});
