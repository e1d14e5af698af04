import type { WorkflowDocument, WorkflowStep } from '../api/workflows.js';

/** The id of the trigger node on the canvas (step ids cannot contain a colon). */
export const TRIGGER_NODE = 'trigger:';

/** A node of the canvas: the trigger or one step. */
export interface FlowNode {
  id: string;
  type: 'trigger' | 'step';
  position: { x: number; y: number };
  data: { step?: WorkflowStep; handles: string[] };
}

/** An edge: `sourceHandle` says which target of the step it stands for. */
export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle: string;
  /** Drawn because the step goes on with the following one (no explicit target). */
  implicit: boolean;
  label?: string;
}

const isBranch = (s: WorkflowStep): boolean => s.type === 'branch';
type Cases = { when: unknown; next: string | null }[];
const casesOf = (s: WorkflowStep): Cases => (Array.isArray(s.cases) ? (s.cases as Cases) : []);

/** The targets a step may point at (its source handles): `next`, or a branch's `then`/`else`, `case-<i>`/`default`. */
export const handlesOf = (s: WorkflowStep): string[] => {
  if (!isBranch(s)) return ['next'];
  if ('cases' in s) return [...casesOf(s).map((_, i) => `case-${i}`), 'default'];
  return ['then', 'else'];
};

/** The target a handle holds: a step id, null (ends the run) or undefined (the following step). */
export const targetOf = (s: WorkflowStep, handle: string): string | null | undefined => {
  if (handle === 'next') return s.next;
  if (handle.startsWith('case-')) return casesOf(s)[Number(handle.slice(5))]?.next;
  return s[handle] as string | null | undefined;
};

/**
 * The canvas of a workflow document: the trigger node, one node per step, and an edge per
 * target (`next`, branch targets), a missing target drawn as an implicit edge to the
 * following step. Positions are laid out in layers by distance from the trigger unless
 * `positions` (the document's layout, by node id) says otherwise.
 */
export const documentToGraph = (doc: WorkflowDocument, positions: Record<string, { x: number; y: number }> = {}): { nodes: FlowNode[]; edges: FlowEdge[] } => {
  const ids = new Set(doc.steps.map((s) => s.id));
  const edges: FlowEdge[] = [];
  if (doc.steps.length) edges.push({ id: `${TRIGGER_NODE}->${doc.steps[0].id}`, source: TRIGGER_NODE, target: doc.steps[0].id, sourceHandle: 'next', implicit: false });
  doc.steps.forEach((s, i) => {
    const following = doc.steps[i + 1]?.id;
    for (const handle of handlesOf(s)) {
      const t = targetOf(s, handle);
      const target = t === undefined ? following : t;
      if (!target || !ids.has(target)) continue;
      edges.push({ id: `${s.id}:${handle}->${target}`, source: s.id, target, sourceHandle: handle, implicit: t === undefined, label: handle === 'next' ? undefined : handle });
    }
  });
  // layers: longest distance from the trigger along edges, without following cycles
  const depth = new Map<string, number>([[TRIGGER_NODE, 0]]);
  const order = [TRIGGER_NODE, ...doc.steps.map((s) => s.id)];
  for (let pass = 0; pass < order.length; pass++) {
    let changed = false;
    for (const e of edges) {
      const d = depth.get(e.source);
      if (d === undefined) continue;
      const forward = order.indexOf(e.target) > order.indexOf(e.source);
      if (forward && (depth.get(e.target) ?? -1) < d + 1) {
        depth.set(e.target, d + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  doc.steps.forEach((s, i) => {
    if (!depth.has(s.id)) depth.set(s.id, i + 1);
  });
  const column = new Map<number, number>();
  const place = (id: string) => {
    const d = depth.get(id) ?? 0;
    const c = column.get(d) ?? 0;
    column.set(d, c + 1);
    return positions[id] ?? { x: 40 + c * 240, y: 30 + d * 120 };
  };
  const nodes: FlowNode[] = [
    { id: TRIGGER_NODE, type: 'trigger', position: place(TRIGGER_NODE), data: { handles: ['next'] } },
    ...doc.steps.map((s): FlowNode => ({ id: s.id, type: 'step', position: place(s.id), data: { step: s, handles: handlesOf(s) } })),
  ];
  return { nodes, edges };
};

/** A deep copy of a JSON document (works on reactive proxies too, unlike structuredClone). */
export const copyJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const copy = (doc: WorkflowDocument): WorkflowDocument => copyJson(doc);

/** Sets one target of a step (undefined: the following step; null: end the run). */
const setTarget = (s: WorkflowStep, handle: string, target: string | null | undefined): void => {
  if (handle.startsWith('case-')) {
    const c = casesOf(s)[Number(handle.slice(5))];
    if (c) c.next = target ?? null;
    return;
  }
  if (target === undefined) delete s[handle];
  else s[handle] = target;
};

/**
 * Connects `source` to `target` in the document: from the trigger, the target becomes the
 * first step; from a step, the handle (`next`, `then`, `else`, `case-<i>`, `default`) is set.
 */
export const connect = (doc: WorkflowDocument, source: string, target: string, handle = 'next'): WorkflowDocument => {
  const out = copy(doc);
  if (target === TRIGGER_NODE || source === target) return out;
  if (source === TRIGGER_NODE) {
    const i = out.steps.findIndex((s) => s.id === target);
    if (i > 0) {
      const [moved] = out.steps.splice(i, 1);
      // the step that was first keeps running after the ones before it did
      out.steps.unshift(moved);
    }
    return out;
  }
  const step = out.steps.find((s) => s.id === source);
  if (step) setTarget(step, handle, target);
  return out;
};

/** Removes an edge: the step's target becomes null (the run ends there). */
export const disconnect = (doc: WorkflowDocument, edge: Pick<FlowEdge, 'source' | 'sourceHandle'>): WorkflowDocument => {
  const out = copy(doc);
  const step = out.steps.find((s) => s.id === edge.source);
  if (step) setTarget(step, edge.sourceHandle, null);
  return out;
};

/** A step id not used yet: `<type>_<n>`. */
export const newStepId = (doc: WorkflowDocument, type: string): string => {
  const used = new Set(doc.steps.map((s) => s.id));
  for (let n = 1; ; n++) if (!used.has(`${type}_${n}`)) return `${type}_${n}`;
};

/** The options a new step of each type starts with (each type checks its own). */
export const STEP_TEMPLATES: Record<string, Record<string, unknown>> = {
  set: { fields: {} },
  create: { entity: '', fields: {} },
  update_related: { entity: '', field: '', fields: {} },
  assign: { strategy: 'round_robin', candidates: {} },
  notify: { to: {}, title: '' },
  email: { to: {}, subject: '', text: '' },
  webhook: { url: '', method: 'POST' },
  script: { code: '' },
  wait: { days: 1 },
  branch: { if: { '==': [1, 1] } },
  approval: { approvers: {}, mode: 'any' },
};

/** Adds a step at the end; the step that ended the run before goes on with it. */
export const addStep = (doc: WorkflowDocument, type: string): { doc: WorkflowDocument; id: string } => {
  const out = copy(doc);
  const id = newStepId(out, type);
  out.steps.push({ id, type, ...copyJson(STEP_TEMPLATES[type] ?? {}) });
  return { doc: out, id };
};

/** Removes a step, its place in the layout and every target pointing at it (they go on with the following step). */
export const removeStep = (doc: WorkflowDocument, id: string): WorkflowDocument => {
  const out = copy(doc);
  out.steps = out.steps.filter((s) => s.id !== id);
  if (out.layout) {
    delete out.layout[id];
    if (!Object.keys(out.layout).length) delete out.layout;
  }
  for (const s of out.steps) for (const h of handlesOf(s)) if (targetOf(s, h) === id) setTarget(s, h, h.startsWith('case-') ? null : undefined);
  return out;
};

const CORE_KEYS = new Set(['id', 'type', 'label', 'next', 'condition']);

/** The options of a step that belong to its type (what the side panel edits as JSON). */
export const stepOptions = (s: WorkflowStep): Record<string, unknown> => Object.fromEntries(Object.entries(s).filter(([k]) => !CORE_KEYS.has(k)));

/** A step with its type options replaced (id, type, label, next and condition kept). */
export const withStepOptions = (s: WorkflowStep, options: Record<string, unknown>): WorkflowStep => {
  const kept = Object.fromEntries(Object.entries(s).filter(([k]) => CORE_KEYS.has(k))) as WorkflowStep;
  return { ...kept, ...Object.fromEntries(Object.entries(options).filter(([k]) => !CORE_KEYS.has(k))) };
};

/** A new workflow document. */
export const newWorkflow = (name: string, entity: string | undefined): WorkflowDocument => ({
  kind: 'workflow',
  name,
  ...(entity ? { entity } : {}),
  trigger: { on: 'create' },
  steps: [],
});
