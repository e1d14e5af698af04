import { lifecycleProblems, type LifecycleProblem } from '../../../core/metadata/lifecycle-graph.js';
import type { Label, LifecycleDocument } from '../api/types.js';

/** A state as the editor shows it: a value of the state field with its labels and colour. */
export interface StateOption {
  value: string;
  label?: Label;
  color?: string;
  active?: boolean;
}

/** What the lifecycle editor edits: the lifecycle and the state field's choices together. */
export interface LifecycleModel {
  lifecycle: LifecycleDocument;
  states: StateOption[];
}

export type Transition = LifecycleDocument['transitions'][number];

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** A value or name typed by hand: lower case, digits and underscores, starting with a letter. */
export const isName = (s: string): boolean => NAME.test(s);

/** A fresh name from `base` that none of `taken` has (`base`, `base_2`, …). */
export const freshName = (base: string, taken: readonly string[]): string => {
  const clean = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '').replace(/_+$/, '') || 'step';
  let name = clean.slice(0, 60);
  for (let n = 2; taken.includes(name); n++) name = `${clean.slice(0, 56)}_${n}`;
  return name;
};

const withLifecycle = (m: LifecycleModel, change: Partial<LifecycleDocument>): LifecycleModel => ({ ...m, lifecycle: { ...m.lifecycle, ...change } });

export const addState = (m: LifecycleModel, state: StateOption): LifecycleModel =>
  m.states.some((s) => s.value === state.value) ? m : { ...m, states: [...m.states, state] };

export const updateState = (m: LifecycleModel, value: string, change: Partial<Omit<StateOption, 'value'>>): LifecycleModel => ({
  ...m,
  states: m.states.map((s) => (s.value === value ? { ...s, ...change } : s)),
});

/** Takes a state out: its choice, the transitions into it, and it from every `from` (a transition left with no source goes too). */
export const removeState = (m: LifecycleModel, value: string): LifecycleModel => {
  const transitions = m.lifecycle.transitions
    .filter((t) => t.to !== value)
    .map((t) => ({ ...t, from: t.from.filter((f) => f !== value) }))
    .filter((t): t is Transition => t.from.length > 0);
  const final = m.lifecycle.final?.filter((f) => f !== value);
  return {
    states: m.states.filter((s) => s.value !== value),
    lifecycle: { ...m.lifecycle, transitions, final, initial: m.lifecycle.initial === value ? '' : m.lifecycle.initial },
  };
};

export const setInitial = (m: LifecycleModel, value: string): LifecycleModel => withLifecycle(m, { initial: value });

export const setFinal = (m: LifecycleModel, value: string, final: boolean): LifecycleModel => {
  const rest = (m.lifecycle.final ?? []).filter((f) => f !== value);
  return withLifecycle(m, { final: final ? [...rest, value] : rest });
};

/**
 * A transition dragged from one state to another: a state already leading there through a
 * transition gains nothing; a transition into `to` from elsewhere gains `from` as a source;
 * else a new transition named after the target. Returns the transition's name.
 */
export const connectStates = (m: LifecycleModel, from: string, to: string): { model: LifecycleModel; name: string } => {
  const existing = m.lifecycle.transitions.find((t) => t.to === to && t.from.includes(from));
  if (existing) return { model: m, name: existing.name };
  const name = freshName(`to_${to}`, m.lifecycle.transitions.map((t) => t.name));
  const state = m.states.find((s) => s.value === to);
  const label = state?.label ? { en: state.label.en, 'zh-CN': state.label['zh-CN'] } : undefined;
  const transition: Transition = { name, from: [from], to, ...(label ? { label } : {}) };
  return { model: withLifecycle(m, { transitions: [...m.lifecycle.transitions, transition] }), name };
};

export const updateTransition = (m: LifecycleModel, name: string, next: Transition): LifecycleModel =>
  withLifecycle(m, { transitions: m.lifecycle.transitions.map((t) => (t.name === name ? next : t)) });

export const removeTransition = (m: LifecycleModel, name: string): LifecycleModel => withLifecycle(m, { transitions: m.lifecycle.transitions.filter((t) => t.name !== name) });

/** Takes one source state out of a transition (an edge clicked away); the transition goes when it has none left. */
export const disconnectEdge = (m: LifecycleModel, name: string, from: string): LifecycleModel => {
  const t = m.lifecycle.transitions.find((x) => x.name === name);
  if (!t) return m;
  const rest = t.from.filter((f) => f !== from);
  return rest.length ? updateTransition(m, name, { ...t, from: rest as Transition['from'] }) : removeTransition(m, name);
};

/** A problem the editor shows: which node (state) or transition it marks, and the message key with its values. */
export interface EditorProblem {
  key: 'unreachable' | 'deadEnd' | 'guardField' | 'noInitial' | 'stateLabel';
  state?: string;
  transition?: string;
  params: Record<string, string>;
}

/**
 * The checks before saving: the shared shape check (unreachable states, states with no way out
 * that are not final, guards naming fields the entity lacks), plus an initial state and labels
 * in both languages for every state.
 */
export const editorProblems = (m: LifecycleModel, fields: ReadonlySet<string>): EditorProblem[] => {
  const out: EditorProblem[] = [];
  if (!m.lifecycle.initial) out.push({ key: 'noInitial', params: {} });
  for (const s of m.states) {
    if (!s.label?.en?.trim() || !s.label['zh-CN']?.trim()) out.push({ key: 'stateLabel', state: s.value, params: { state: s.value } });
  }
  const shape: LifecycleProblem[] = m.lifecycle.initial ? lifecycleProblems(m.lifecycle, { states: m.states.filter((s) => s.active !== false).map((s) => s.value), fields }) : [];
  for (const p of shape) {
    if (p.code === 'unreachable') out.push({ key: 'unreachable', state: p.state, params: { state: p.state } });
    if (p.code === 'dead_end') out.push({ key: 'deadEnd', state: p.state, params: { state: p.state } });
    if (p.code === 'guard_field') out.push({ key: 'guardField', transition: p.transition, params: { transition: p.transition, field: p.field } });
  }
  return out;
};
