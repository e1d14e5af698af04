import { describe, expect, it } from 'vitest';
import { nameFromLabel, nameProblem, suggestFieldName } from './entity-name.js';

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

describe('suggestFieldName', () => {
  it('slugs the English label, or the ASCII letters of the Chinese one', () => {
    expect(suggestFieldName('WeChat ID', '微信号', [])).toBe('wechat_id');
    expect(suggestFieldName('', 'QQ 号码', [])).toBe('qq');
  });

  it('falls back to field_N when the label has no ASCII letters, skipping names in use', () => {
    expect(suggestFieldName('', '微信号', [])).toBe('field_1');
    expect(suggestFieldName('', '微信号', ['field_1', 'field_2'])).toBe('field_3');
  });

  it('never suggests a name in use, reserved or a system column, and nothing without a label', () => {
    expect(suggestFieldName('Region', '', ['region'])).toBe('region_2');
    expect(suggestFieldName('Select', '', [])).toBe('select_2');
    expect(suggestFieldName('', '', [])).toBe('');
  });
});
