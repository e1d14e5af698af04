import { PROBLEMS, fillText } from '../../errors/registry.js';
import type { Locale } from '../../errors/locale.js';
import type { Label } from '../../metadata/types.js';
import { getRecord, hasRecordRight, lifecyclesOf } from '../../records/index.js';
import type { RecordContext } from '../../records/types.js';
import { transitionRefusal } from './transition-check.js';

export interface TransitionOption {
  name: string;
  label?: Label;
  field: string;
  from: string[];
  to: string;
  allowed: boolean;
  /** The fields it asks for (the dialog's), `required` ones needing a value once taken. */
  fields?: { field: string; required?: boolean }[];
  /** An irreversible step: the app asks before taking it. */
  confirm?: boolean;
  /** Why not, when not allowed, in the reader's language. */
  reason?: string;
}

/**
 * Every transition of the record's lifecycles with whether the actor may take it now (the
 * app's buttons); a refusal's reason is worded in `locale`. One that asks for fields is not
 * refused for its guard here: the guard sees the values given with it when it is taken.
 */
export const allowedTransitions = async (input: { entity: string; id: string }, ctx: RecordContext, locale: Locale = 'en'): Promise<TransitionOption[]> => {
  const record = await getRecord(input.entity, input.id, ctx);
  // Someone who may not change the record may take none: each says so, before state or guard.
  const noRight = (await hasRecordRight(input.entity, input.id, 'update', ctx)) ? undefined : fillText(PROBLEMS.NO_RIGHT[locale], { entity: input.entity, op: 'update' });
  const out: TransitionOption[] = [];
  for (const lifecycle of lifecyclesOf(input.entity, ctx.meta).values()) {
    for (const t of lifecycle.transitions) {
      const refused = transitionRefusal(lifecycle, t, record, ctx, locale);
      // A transition that asks for fields is offered although its guard refuses the record as
      // it is: the guard is checked again with the values the person gives in its dialog.
      const refusal = refused?.code === 'GUARD_FAILED' && t.fields?.length ? undefined : refused;
      const reason = noRight ?? (refusal && fillText(PROBLEMS[refusal.code][locale], refusal.params));
      out.push({
        name: t.name, label: t.label, field: lifecycle.field, from: t.from, to: t.to, allowed: !reason,
        ...(t.fields?.length && { fields: t.fields }), ...(t.confirm && { confirm: true }),
        ...(reason && { reason }),
      });
    }
  }
  return out;
};
