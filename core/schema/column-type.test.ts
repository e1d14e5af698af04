import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../metadata/types.js';
import { columnTypeOf } from './column-type.js';

describe('columnTypeOf', () => {
  const cases: [FieldDefinition, string | null][] = [
    [{ type: 'text' }, 'text'],
    [{ type: 'long_text' }, 'text'],
    [{ type: 'email' }, 'text'],
    [{ type: 'phone' }, 'text'],
    [{ type: 'url' }, 'text'],
    [{ type: 'enum', options: [{ value: 'a' }] }, 'text'],
    [{ type: 'auto_number', prefix: 'C-' }, 'text'],
    [{ type: 'integer' }, 'bigint'],
    [{ type: 'decimal' }, 'numeric(18,4)'],
    [{ type: 'decimal', precision: 10, scale: 3 }, 'numeric(10,3)'],
    [{ type: 'currency' }, 'numeric(18,2)'],
    [{ type: 'currency', scale: 0 }, 'numeric(18,0)'],
    [{ type: 'percent' }, 'numeric(9,4)'],
    [{ type: 'boolean' }, 'boolean'],
    [{ type: 'date' }, 'date'],
    [{ type: 'datetime' }, 'timestamp with time zone'],
    [{ type: 'multi_enum', dictionary: 'tags' }, 'text[]'],
    [{ type: 'reference', entity: 'account' }, 'uuid'],
    [{ type: 'user' }, 'uuid'],
    [{ type: 'json' }, 'jsonb'],
    [{ type: 'attachment' }, 'jsonb'],
    [{ type: 'formula', resultType: 'decimal', expr: { '+': [1, 2] } }, null],
    [{ type: 'rollup', relation: 'line.order', aggregate: 'sum', field: 'amount' }, null],
    [{ type: 'many_to_many', entity: 'tag', through: 'x', sourceField: 'a', targetField: 'b' }, null],
  ];
  it.each(cases)('%o → %s', (field, type) => {
    expect(columnTypeOf(field)).toBe(type);
  });

  it('refuses a precision or scale that is not a small integer', () => {
    expect(() => columnTypeOf({ type: 'decimal', precision: 5, scale: 6 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => columnTypeOf({ type: 'decimal', precision: 1.5 })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
