import { isAppError } from '../../errors.js';
import type { StepMeasures } from '../types.js';

/** How an error is journaled: a code and a message (never a stack). */
export const describeError = (e: unknown): { code: string; message: string } => {
  if (isAppError(e)) {
    const fields = e.details.errors?.map((p) => `${p.field}: ${p.message}`).join('; ');
    return { code: e.code, message: fields ? `${e.message} (${fields})` : e.message };
  }
  const err = e as { code?: unknown; message?: unknown };
  return { code: typeof err?.code === 'string' && /^[A-Z_]+$/.test(err.code) ? err.code : 'STEP_FAILED', message: String(err?.message ?? e).slice(0, 500) };
};

/**
 * Errors that a retry cannot mend (bad options, a validation or rule failure, a missing
 * workflow or record): the run fails at once instead of spending its retries.
 */
export const isPermanent = (e: unknown): boolean => isAppError(e) && [400, 403, 404, 422].includes(e.status);

/** What a failed step reported it cost (an AppError's `measures` detail), for the journal. */
export const measuresOf = (e: unknown): StepMeasures | undefined => {
  const m = isAppError(e) ? e.details.measures : undefined;
  return m && typeof m === 'object' && !Array.isArray(m) ? (m as StepMeasures) : undefined;
};
