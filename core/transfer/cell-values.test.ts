import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../metadata/types.js';
import { formatCell, parseCell } from './cell-values.js';
import { naturalKeyOf } from './natural-key.js';

const f = (type: string, more: object = {}) => ({ type, ...more }) as FieldDefinition;

describe('cell values', () => {
  it('reads each type from text, and an empty cell as null', () => {
    expect(parseCell(f('integer'), ' 42 ')).toEqual({ value: 42 });
    expect(parseCell(f('decimal'), '-0.5e2')).toEqual({ value: -50 });
    expect(parseCell(f('currency'), '1,234')).toEqual({ error: '"1,234" is not a number' });
    expect(parseCell(f('boolean'), 'YES')).toEqual({ value: true });
    expect(parseCell(f('boolean'), '否')).toEqual({ value: false });
    expect(parseCell(f('boolean'), 'maybe')).toHaveProperty('error');
    expect(parseCell(f('date'), '2024/2/3')).toEqual({ value: '2024-02-03' });
    expect(parseCell(f('datetime'), '2024-02-03 10:00:00Z')).toEqual({ value: '2024-02-03T10:00:00Z' });
    expect(parseCell(f('multi_enum'), 'a; b ;')).toEqual({ value: ['a', 'b'] });
    expect(parseCell(f('multi_enum'), '["a;b"," c"]')).toEqual({ value: ['a;b', ' c'] });
    expect(parseCell(f('multi_enum'), '[1]')).toHaveProperty('error');
    expect(parseCell(f('json'), '{"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseCell(f('json'), '{a')).toEqual({ error: 'is not valid JSON' });
    expect(parseCell(f('text'), '  kept  ')).toEqual({ value: '  kept  ' });
    expect(parseCell(f('enum'), ' won ')).toEqual({ value: 'won' });
    for (const type of ['text', 'integer', 'boolean', 'json', 'multi_enum', 'date']) expect(parseCell(f(type), '')).toEqual({ value: null });
  });

  it('writes values so that reading them back gives the same value', () => {
    const cases: [string, unknown][] = [
      ['integer', 7], ['decimal', 0.1], ['boolean', false], ['multi_enum', ['x', 'y']], ['multi_enum', ['has;semicolon']], ['multi_enum', []],
      ['multi_enum', ['[looks like json']], ['json', 'text'], ['json', [1, { a: null }]], ['json', 0], ['text', ' 上海 '], ['datetime', '2024-05-01T10:00:00.123Z'],
    ];
    for (const [type, value] of cases) expect(parseCell(f(type), formatCell(f(type), value)), `${type} ${JSON.stringify(value)}`).toEqual({ value });
    expect(formatCell(f('text'), null)).toBe('');
  });

  it('picks a natural key: a unique title, else a unique code, else the title, else the id', () => {
    const entity = (fields: Record<string, object>, titleField?: string) => ({ kind: 'entity', name: 'e', titleField, fields }) as never;
    expect(naturalKeyOf(entity({ name: f('text', { unique: true }), code: f('text', { unique: true }) }, 'name'))).toBe('name');
    expect(naturalKeyOf(entity({ name: f('text'), code: f('auto_number', { unique: true }) }, 'name'))).toBe('code');
    expect(naturalKeyOf(entity({ name: f('text'), blob: f('json', { unique: true }) }, 'name'))).toBe('name');
    expect(naturalKeyOf(entity({ n: f('integer') }))).toBe('id');
  });
});
