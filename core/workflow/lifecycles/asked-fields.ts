import { problem } from '../../errors.js';
import type { Transition } from '../../metadata/types.js';
import type { RecordData } from '../../records/types.js';

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * The values a person gave with a transition, kept to the fields it asks for: any other
 * field is a 400 naming each (a transition writes the state and what it asks, nothing else).
 */
export const askedFieldValues = (transition: Transition, given: RecordData | undefined): RecordData => {
  if (!given) return {};
  const asked = new Set((transition.fields ?? []).map((f) => f.field));
  const unasked = Object.keys(given).filter((k) => !asked.has(k));
  if (unasked.length) {
    throw problem('TRANSITION_FIELD_NOT_ASKED', { transition: transition.name, fields: unasked.join(', ') }, {
      errors: unasked.map((field) => ({ field, message: 'is not allowed', code: 'CHECK' })),
    });
  }
  return given;
};

/** Every field the transition asks for as required has a value once its values are written: else 422 naming each. */
export const assertAskedFieldsGiven = (transition: Transition, after: RecordData): void => {
  const missing = (transition.fields ?? []).filter((f) => f.required && isBlank(after[f.field])).map((f) => f.field);
  if (missing.length) {
    throw problem('TRANSITION_FIELDS_MISSING', { transition: transition.name, fields: missing.join(', ') }, {
      errors: missing.map((field) => ({ field, message: 'is required', code: 'REQUIRED' })),
    });
  }
};
