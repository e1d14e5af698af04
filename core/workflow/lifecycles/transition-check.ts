import { PROBLEMS, fillText, type TextParams } from '../../errors/registry.js';
import type { Locale } from '../../errors/locale.js';
import type { LifecycleDocument, Transition } from '../../metadata/types.js';
import { ruleData } from '../../records/index.js';
import type { RecordContext, RecordData } from '../../records/types.js';
import { ruleAccepts } from '../../rules/index.js';

export type TransitionRefusal =
  | { code: 'WRONG_STATE'; status: 409; message: string; params: TextParams }
  | { code: 'ROLE_REQUIRED'; status: 403; message: string; params: TextParams }
  | { code: 'GUARD_FAILED'; status: 422; message: string; params: TextParams };

const refusal = <C extends TransitionRefusal['code']>(code: C, params: TextParams): TransitionRefusal =>
  ({ code, status: PROBLEMS[code].status, message: fillText(PROBLEMS[code].en, params), params }) as TransitionRefusal;

/** How a refusal names the transition: its label in the reader's language (its name when it has none). */
export const transitionLabel = (transition: Transition, locale?: Locale): string =>
  (locale && transition.label?.[locale]) || transition.label?.en || transition.name;

type Option = { value: string; label?: Partial<Record<Locale, string>> };

/** How a refusal names a state: the state field's option label in the reader's language (the value when it has none). */
export const stateLabel = (lifecycle: LifecycleDocument, state: string, ctx: RecordContext, locale?: Locale): string => {
  const field = ctx.meta.entities[lifecycle.entity]?.fields[lifecycle.field] as { options?: Option[]; dictionary?: string } | undefined;
  const options = (field?.dictionary ? ctx.meta.dictionaries[field.dictionary]?.items : field?.options) as Option[] | undefined;
  const label = options?.find((o) => o.value === state)?.label;
  return (locale && label?.[locale]) || label?.en || state;
};

/**
 * Why the actor may not take `transition` on `record` now, or undefined: the record must
 * be in a `from` state, the actor must hold one of its roles (admins always do), and
 * its guard must accept the record (with $user, $now, $today).
 */
export const transitionRefusal = (lifecycle: LifecycleDocument, transition: Transition, record: RecordData, ctx: RecordContext, locale?: Locale): TransitionRefusal | undefined => {
  const shown = transitionLabel(transition, locale);
  const state = String(record[lifecycle.field] ?? '');
  if (!transition.from.includes(state)) {
    return refusal('WRONG_STATE', { transition: shown, state: stateLabel(lifecycle, state, ctx, locale) });
  }
  if (transition.roles?.length && !ctx.actor.isAdmin && !transition.roles.some((r) => ctx.actor.roles.includes(r))) {
    return refusal('ROLE_REQUIRED', { transition: shown, roles: transition.roles.join(', ') });
  }
  if (transition.guard !== undefined) {
    let ok = false;
    try {
      ok = ruleAccepts(transition.guard, ruleData(record, record, ctx));
    } catch {
      ok = false;
    }
    if (!ok) return refusal('GUARD_FAILED', { transition: shown });
  }
  return undefined;
};
