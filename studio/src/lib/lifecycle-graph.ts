import type { Label, LifecycleDocument } from '../api/types.js';

export interface StateNode {
  id: string;
  position: { x: number; y: number };
  data: { state: string; label: Label | undefined; initial: boolean };
}

export interface TransitionEdge {
  id: string;
  source: string;
  target: string;
  data: { name: string; label: Label | undefined; guarded: boolean };
}

/**
 * The diagram of a lifecycle: one node per state (the initial one, the states named by the
 * field's choices, and every `from` and `to`), one edge per transition and source state.
 * States are laid out in layers by the fewest transitions from the initial state.
 */
export const lifecycleToGraph = (lc: LifecycleDocument, choices: { value: string; label?: Label }[] = []): { nodes: StateNode[]; edges: TransitionEdge[] } => {
  const states: string[] = [];
  const add = (s: string) => void (states.includes(s) || states.push(s));
  if (lc.initial) add(lc.initial);
  for (const c of choices) add(c.value);
  for (const tr of lc.transitions) {
    for (const f of tr.from ?? []) add(f);
    add(tr.to);
  }
  const edges: TransitionEdge[] = lc.transitions.flatMap((tr) =>
    (tr.from ?? []).map((from) => ({ id: `${tr.name}:${from}`, source: from, target: tr.to, data: { name: tr.name, label: tr.label, guarded: tr.guard !== undefined } })),
  );
  const depth = new Map<string, number>();
  const start = lc.initial ?? states[0];
  if (start) {
    depth.set(start, 0);
    const queue = [start];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of edges) if (e.source === s && !depth.has(e.target)) {
        depth.set(e.target, depth.get(s)! + 1);
        queue.push(e.target);
      }
    }
  }
  const deepest = Math.max(0, ...depth.values());
  const column = new Map<number, number>();
  const nodes = states.map((state): StateNode => {
    const d = depth.get(state) ?? deepest + 1;
    const c = column.get(d) ?? 0;
    column.set(d, c + 1);
    return { id: state, position: { x: 40 + d * 230, y: 30 + c * 110 }, data: { state, label: choices.find((x) => x.value === state)?.label, initial: state === lc.initial } };
  });
  return { nodes, edges };
};
