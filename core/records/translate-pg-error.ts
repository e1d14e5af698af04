import type { EffectiveMeta } from '../metadata/types.js';
import { badRequest, forbidden, invalidInput, isAppError, problem } from '../errors.js';
import { catalogName } from '../schema/index.js';
import { isSearchOverflow } from './search-fields.js';

interface PgError {
  code: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

const isPgError = (e: unknown): e is PgError =>
  typeof e === 'object' && e !== null && typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code);

/** Entity and field behind an engine constraint name (`<table>__<column>__uniq|fkey`). */
const constraintField = (e: PgError, suffix: 'uniq' | 'fkey', meta?: EffectiveMeta): { entity?: string; field?: string } => {
  const name = e.constraint ?? '';
  for (const entity of Object.values(meta?.entities ?? {})) {
    for (const field of Object.keys(entity.fields ?? {})) {
      if (catalogName(entity.name, [field], suffix) === name) return { entity: entity.name, field };
    }
  }
  const m = new RegExp(`^([a-z][a-z0-9_]*?)__([a-z][a-z0-9_]*)__${suffix}$`).exec(name);
  return m ? { entity: m[1], field: m[2] } : { entity: e.table };
};

/**
 * The one place Postgres errors become AppErrors: unique → 409 naming the field,
 * foreign key → 422, bad values → 400, conflicts between transactions → 409. Messages
 * never carry SQL or the server's text. Anything else is returned unchanged (a 500).
 */
export const translatePgError = (err: unknown, meta?: EffectiveMeta): unknown => {
  if (isAppError(err) || !isPgError(err)) return err;
  switch (err.code) {
    case '23505': {
      const { entity, field } = constraintField(err, 'uniq', meta);
      return problem(field ? 'UNIQUE_VIOLATION' : 'UNIQUE_VALUE_TAKEN', { entity, field }, {
        errors: [{ field: field ?? '', message: 'is already taken', code: 'UNIQUE' }],
      });
    }
    case '23503': {
      if (err.detail?.includes('still referenced')) return problem('STILL_REFERENCED');
      const { entity, field } = constraintField(err, 'fkey', meta);
      return problem('REFERENCE_MISSING', { entity }, {
        errors: [{ field: field ?? '', message: 'refers to a record that does not exist', code: 'REFERENCE_NOT_FOUND' }],
      });
    }
    case '23502':
      return invalidInput('A required value is missing', [{ field: err.column ?? '', message: 'is required', code: 'REQUIRED' }]);
    case '23514':
      return invalidInput('A value breaks a check of its table', [{ field: err.column ?? '', message: 'is not allowed', code: 'CHECK' }]);
    case '22001': case '22003': case '22007': case '22008': case '22P02': case '2202E': case '22023':
      return badRequest('A value does not fit its field');
    case '40001': case '40P01': case '55P03':
      return problem('TRY_AGAIN');
    case '54000':
      return isSearchOverflow(err)
        ? invalidInput('A text is too long to be indexed for search', [{ field: '', message: 'is too long to be indexed for search', code: 'TOO_LONG_TO_INDEX' }])
        : err;
    case '57014':
      return problem('QUERY_TIMEOUT');
    case '42501':
      return forbidden('Not allowed');
    case '42P01': case '42703':
      return problem('SCHEMA_NOT_READY');
    default:
      return err;
  }
};
