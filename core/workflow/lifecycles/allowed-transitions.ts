import { PROBLEMS, fillText } from '../../errors/registry.js';
import type { Locale } from '../../errors/locale.js';
import type { Label } from '../../metadata/types.js';
import { getRecord, lifecyclesOf } from '../../records/index.js';
import type { RecordContext } from '../../records/types.js';
import { transitionRefusal } from './transition-check.js';

export interface TransitionOption {
  name: string;
  label?: Label;
  field: string;
  from: string[];
  to: string;
  allowed: boolean;
  /** Why not, when not allowed, in the reader's language. */
  reason?: string;
}

/**
 * Every transition of the record's lifecycles with whether the actor may take it now (the
 * app's buttons); a refusal's reason is worded in `locale`.
 */
export const allowedTransitions = async (input: { entity: string; id: string }, ctx: RecordContext, locale: Locale = 'en'): Promise<TransitionOption[]> => {
  const record = await getRecord(input.entity, input.id, ctx);
  const out: TransitionOption[] = [];
  for (const lifecycle of lifecyclesOf(input.entity, ctx.meta).values()) {
    for (const t of lifecycle.transitions) {
      const refusal = transitionRefusal(lifecycle, t, record, ctx);
      out.push({ name: t.name, label: t.label, field: lifecycle.field, from: t.from, to: t.to, allowed: !refusal, ...(refusal && { reason: fillText(PROBLEMS[refusal.code][locale], refusal.params) }) });
    }
  }
  return out;
};
