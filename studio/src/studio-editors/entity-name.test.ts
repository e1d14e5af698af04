import { describe, expect, it } from 'vitest';
import { nameFromLabel, nameProblem } from './entity-name.js';

describe('entity and field names', () => {
  it('refuses what the server refuses: pattern, reserved words, system columns, names in use', () => {
    expect(nameProblem('', 'entity')).toEqual({ key: 'required' });
    expect(nameProblem('Project', 'entity')).toEqual({ key: 'pattern' });
    expect(nameProblem('1st', 'field')).toEqual({ key: 'pattern' });
    expect(nameProblem('a'.repeat(64), 'field')).toEqual({ key: 'pattern' });
    expect(nameProblem('order', 'entity')).toEqual({ key: 'reserved', params: { name: 'order' } });
    expect(nameProblem('owner_id', 'field')).toEqual({ key: 'system', params: { name: 'owner_id' } });
    expect(nameProblem('owner_id', 'entity')).toBeUndefined();
    expect(nameProblem('customer', 'entity', ['customer', 'contact'])).toEqual({ key: 'taken', params: { name: 'customer' } });
    expect(nameProblem('project_task', 'entity', ['customer'])).toBeUndefined();
  });

  it('suggests a name from an English label', () => {
    expect(nameFromLabel('Sales Region')).toBe('sales_region');
    expect(nameFromLabel('  2024 Targets!')).toBe('targets');
    expect(nameFromLabel('项目')).toBe('');
  });
});
