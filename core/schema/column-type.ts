import type { FieldDefinition, NumberField } from '../metadata/types.js';
import { invalidInput } from '../errors.js';

const numeric = (field: NumberField, defaultPrecision: number, defaultScale: number): string => {
  const precision = field.precision ?? defaultPrecision;
  const scale = field.scale ?? defaultScale;
  const ok = Number.isInteger(precision) && Number.isInteger(scale) && precision >= 1 && precision <= 1000 && scale >= 0 && scale <= precision;
  if (!ok) {
    throw invalidInput('Invalid precision or scale', [
      { field: 'precision', message: 'precision must be an integer 1..1000 and scale an integer 0..precision' },
    ]);
  }
  return `numeric(${precision},${scale})`;
};

/**
 * The SQL type of the column that stores a field, spelled as Postgres' format_type
 * prints it (so it compares equal to the catalog); null for virtual fields
 * (formula, rollup, many_to_many), which have no column.
 */
export function columnTypeOf(field: FieldDefinition): string | null {
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url':
    case 'enum':
    case 'auto_number':
      return 'text';
    case 'integer':
      return 'bigint';
    case 'decimal':
      return numeric(field, 18, 4);
    case 'currency':
      return numeric(field, 18, 2);
    case 'percent':
      return 'numeric(9,4)';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp with time zone';
    case 'multi_enum':
      return 'text[]';
    case 'reference':
    case 'user':
      return 'uuid';
    case 'json':
    case 'attachment':
      return 'jsonb';
    case 'formula':
    case 'rollup':
    case 'many_to_many':
      return null;
  }
}
