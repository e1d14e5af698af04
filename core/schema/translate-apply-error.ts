import { AppError, isAppError, problem } from '../errors.js';
import type { PlanStep } from './types.js';

const REASONS: Record<string, string> = {
  '23505': 'some values occur more than once',
  '23503': 'some values point at records that do not exist',
  '23502': 'some rows have no value',
  '22P02': 'some values cannot be converted',
  '22003': 'some values are out of range',
  '22007': 'some values are not valid dates',
  '22008': 'some values are not valid dates',
  '42P07': 'something of that name already exists',
  '42701': 'a column of that name already exists',
  '42804': 'the values cannot be converted to the new type',
  '42846': 'the values cannot be converted to the new type',
};

/** A failed step as an AppError that names the step in plain words, never the SQL. */
export const translateApplyError = (err: unknown, step: PlanStep): AppError => {
  if (isAppError(err)) return err;
  const pgCode = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined;
  const reason = (pgCode && REASONS[pgCode]) ?? 'the database refused it';
  return problem('SCHEMA_APPLY_FAILED', { step: step.description, reason }, {
    step: { kind: step.kind, entity: step.entity, field: step.field },
    pgCode,
  });
};
