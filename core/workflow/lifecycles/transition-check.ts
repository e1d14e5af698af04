import { PROBLEMS, fillText, type TextParams } from '../../errors/registry.js';
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

/**
 * Why the actor may not take `transition` on `record` now, or undefined: the record must
 * be in a `from` state, the actor must hold one of its roles (admins always do), and
 * its guard must accept the record (with $user, $now, $today).
 */
export const transitionRefusal = (lifecycle: LifecycleDocument, transition: Transition, record: RecordData, ctx: RecordContext): TransitionRefusal | undefined => {
  const state = String(record[lifecycle.field] ?? '');
  if (!transition.from.includes(state)) {
    return refusal('WRONG_STATE', { transition: transition.name, state });
  }
  if (transition.roles?.length && !ctx.actor.isAdmin && !transition.roles.some((r) => ctx.actor.roles.includes(r))) {
    return refusal('ROLE_REQUIRED', { transition: transition.name, roles: transition.roles.join(', ') });
  }
  if (transition.guard !== undefined) {
    let ok = false;
    try {
      ok = ruleAccepts(transition.guard, ruleData(record, record, ctx));
    } catch {
      ok = false;
    }
    if (!ok) return refusal('GUARD_FAILED', { transition: transition.name });
  }
  return undefined;
};
