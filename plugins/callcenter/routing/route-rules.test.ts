import { describe, expect, it } from 'vitest';
import { chooseRoute, type CallerFacts, type RoutingRule } from './route-rules.js';

const rules: RoutingRule[] = [
  { id: '1', name: 'VIP', sequence: 10, condition: { in: [{ var: 'customer.grade' }, ['strategic', 'major']] }, queue: 'vip', to_account_manager: true, priority: 10 },
  { id: '2', name: 'Open case', sequence: 20, condition: { '>': [{ var: 'open_cases' }, 0] }, queue: 'service', priority: 5 },
  { id: '3', name: 'Switched off', sequence: 5, condition: true, queue: 'nowhere', active: false },
];
const facts = (over: Partial<CallerFacts>): CallerFacts => ({ ani: '+8613812345678', dnis: '+864008001234', known: true, customer: null, contact: null, lead: null, open_cases: 0, ...over });

describe('routing rules over CRM data', () => {
  it('sends a VIP to the priority queue and their account manager', () => {
    expect(chooseRoute(rules, facts({ customer: { id: 'c', grade: 'strategic', owner_id: 'u1' } }), 'general')).toEqual({ rule: 'VIP', queue: 'vip', priority: 10, accountManager: 'u1' });
  });
  it('sends a caller with an open case to the service queue', () => {
    expect(chooseRoute(rules, facts({ customer: { id: 'c', grade: 'normal' }, open_cases: 2 }), 'general')).toEqual({ rule: 'Open case', queue: 'service', priority: 5, accountManager: undefined });
  });
  it('sends everyone else, and unknown callers, to the default queue', () => {
    expect(chooseRoute(rules, facts({ known: false }), 'general')).toEqual({ queue: 'general', priority: 0 });
  });
});
