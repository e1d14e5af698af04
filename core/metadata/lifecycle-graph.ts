import { collectVars } from '../rules/check-rule.js';
import type { LifecycleDocument } from './generated/lifecycle.js';

/**
 * What the lifecycle editor and the metadata check find wrong with a lifecycle's shape:
 * - `unreachable`: no chain of transitions leads from the initial state to the state;
 * - `dead_end`: a state that is not final and no transition leaves;
 * - `guard_field`: a transition's guard reads a field the entity does not have.
 * Browser-safe (shared with the studio, see STUDIO_SHARED_CORE): it imports only core/rules.
 */
export type LifecycleProblem =
  | { code: 'unreachable'; state: string }
  | { code: 'dead_end'; state: string }
  | { code: 'guard_field'; transition: string; index: number; field: string };

type LifecycleShape = Pick<LifecycleDocument, 'initial' | 'transitions' | 'final'>;

/** Every state a lifecycle names: the initial one, the extra ones given, the final ones, each `from` and `to`, in that order. */
export const lifecycleStates = (lc: LifecycleShape, extra: readonly string[] = []): string[] => {
  const out: string[] = [];
  const add = (s: string | undefined) => {
    if (s && !out.includes(s)) out.push(s);
  };
  add(lc.initial);
  extra.forEach(add);
  (lc.final ?? []).forEach(add);
  for (const t of lc.transitions ?? []) {
    (t.from ?? []).forEach(add);
    add(t.to);
  }
  return out;
};

/** The states reachable from the initial one through transitions. */
export const reachableStates = (lc: LifecycleShape): Set<string> => {
  const seen = new Set<string>(lc.initial ? [lc.initial] : []);
  const queue = [...seen];
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of lc.transitions ?? []) {
      if ((t.from ?? []).includes(s) && !seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
};

/** Fields a guard reads that are not among `fields` (run-time variables such as `$user` are not fields). */
export const missingGuardFields = (guard: unknown, fields: ReadonlySet<string>): string[] => {
  if (guard === undefined || guard === null) return [];
  const missing = new Set<string>();
  for (const path of collectVars(guard)) {
    if (path.startsWith('$')) continue;
    const head = path.split('.')[0];
    if (!fields.has(head)) missing.add(head);
  }
  return [...missing];
};

/**
 * The shape problems of a lifecycle. `states` are the states it should cover (the state
 * field's values, when the caller knows them); `fields` the entity's field names (system
 * columns included), or undefined to skip the guard check.
 */
export const lifecycleProblems = (lc: LifecycleShape, opts: { states?: readonly string[]; fields?: ReadonlySet<string> } = {}): LifecycleProblem[] => {
  const problems: LifecycleProblem[] = [];
  const states = lifecycleStates(lc, opts.states);
  const reachable = reachableStates(lc);
  const final = new Set(lc.final ?? []);
  for (const state of states) {
    if (!reachable.has(state)) problems.push({ code: 'unreachable', state });
    if (!final.has(state) && !(lc.transitions ?? []).some((t) => (t.from ?? []).includes(state) && t.to !== state)) problems.push({ code: 'dead_end', state });
  }
  if (opts.fields) {
    (lc.transitions ?? []).forEach((t, index) => {
      for (const field of missingGuardFields(t.guard, opts.fields!)) problems.push({ code: 'guard_field', transition: t.name, index, field });
    });
  }
  return problems;
};
