import type { LifecycleDocument, Transition } from '../../metadata/types.js';
import { ruleData } from '../../records/index.js';
import type { RecordContext, RecordData } from '../../records/types.js';
import { ruleAccepts } from '../../rules/index.js';

export type TransitionRefusal =
  | { code: 'WRONG_STATE'; status: 409; message: string }
  | { code: 'ROLE_REQUIRED'; status: 403; message: string }
  | { code: 'GUARD_FAILED'; status: 422; message: string };

/**
 * Why the actor may not take `transition` on `record` now, or undefined: the record must
 * be in a `from` state, the actor must hold one of its roles (admins always do), and
 * its guard must accept the record (with $user, $now, $today).
 */
export const transitionRefusal = (lifecycle: LifecycleDocument, transition: Transition, record: RecordData, ctx: RecordContext): TransitionRefusal | undefined => {
  const state = String(record[lifecycle.field] ?? '');
  if (!transition.from.includes(state)) {
    return { code: 'WRONG_STATE', status: 409, message: `"${transition.name}" is not possible from state "${state}" (only from ${transition.from.map((s) => `"${s}"`).join(', ')})` };
  }
  if (transition.roles?.length && !ctx.actor.isAdmin && !transition.roles.some((r) => ctx.actor.roles.includes(r))) {
    return { code: 'ROLE_REQUIRED', status: 403, message: `"${transition.name}" needs one of the roles ${transition.roles.join(', ')}` };
  }
  if (transition.guard !== undefined) {
    let ok = false;
    try {
      ok = ruleAccepts(transition.guard, ruleData(record, record, ctx));
    } catch {
      ok = false;
    }
    if (!ok) return { code: 'GUARD_FAILED', status: 422, message: `The conditions of "${transition.name}" are not met` };
  }
  return undefined;
};
