import { problem } from '../errors.js';
import type { EffectiveMeta, LifecycleDocument } from '../metadata/types.js';
import type { RecordData } from './types.js';

/** The lifecycles driving an entity's fields, by field name. */
export const lifecyclesOf = (entity: string, meta: EffectiveMeta): Map<string, LifecycleDocument> => {
  const out = new Map<string, LifecycleDocument>();
  for (const doc of Object.values(meta.documents.lifecycle ?? {})) {
    const l = doc as unknown as LifecycleDocument;
    if (l.entity === entity) out.set(l.field, l);
  }
  return out;
};

/** What a transition may change: exactly its state field, to exactly its target state. */
export interface StateChange {
  transition: string;
  field: string;
  to: string;
}

/**
 * A state field changes only through its lifecycle's transitions: a new record starts in
 * the initial state (filled in when absent, 422 otherwise), and a patch that changes the
 * state is 422 unless it is the transition's own change.
 */
export const checkStateFields = (entity: string, values: RecordData, meta: EffectiveMeta, old?: RecordData, change?: StateChange): RecordData => {
  const lifecycles = lifecyclesOf(entity, meta);
  if (!lifecycles.size) return values;
  const out = { ...values };
  for (const [field, l] of lifecycles) {
    if (!old) {
      if (out[field] === undefined || out[field] === null) out[field] = l.initial;
      else if (out[field] !== l.initial) {
        throw problem('INITIAL_STATE', { entity, field, initial: l.initial }, {
          errors: [{ field, message: `must be "${l.initial}" (the initial state) or left out`, code: 'STATE_FIELD' }],
        });
      }
      continue;
    }
    if (!(field in out) || out[field] === old[field]) continue;
    if (change && change.field === field && change.to === out[field]) continue;
    const names = l.transitions.filter((t) => t.from.includes(String(old[field]))).map((t) => t.name);
    throw problem('STATE_BY_TRANSITION', { field, state: String(old[field]), transitions: names.join(', ') || '—' }, {
      errors: [{ field, message: 'changes only through a transition', code: 'STATE_FIELD' }],
    });
  }
  return out;
};
