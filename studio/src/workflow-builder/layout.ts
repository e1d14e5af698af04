import type { WorkflowDocument } from '../api/workflows.js';
import { TRIGGER_NODE } from '../lib/workflow-graph.js';

export type NodePosition = { x: number; y: number };

/** The key the trigger's position is kept under in `layout` (step ids cannot start with `$`). */
export const TRIGGER_LAYOUT_KEY = '$trigger';

const keyOf = (nodeId: string): string => (nodeId === TRIGGER_NODE ? TRIGGER_LAYOUT_KEY : nodeId);
const nodeOf = (key: string): string => (key === TRIGGER_LAYOUT_KEY ? TRIGGER_NODE : key);

/** The positions the document keeps, by canvas node id (nodes without one are laid out automatically). */
export const positionsOf = (doc: WorkflowDocument): Record<string, NodePosition> =>
  Object.fromEntries(Object.entries(doc.layout ?? {}).map(([k, p]) => [nodeOf(k), { x: p.x, y: p.y }]));

/**
 * The document with the moved nodes' positions kept (rounded to whole pixels), and entries of
 * steps that no longer exist dropped. Returns the same document when nothing changed.
 */
export const withPositions = (doc: WorkflowDocument, moved: { id: string; position: NodePosition }[]): WorkflowDocument => {
  const steps = new Set(doc.steps.map((s) => s.id));
  const layout: Record<string, NodePosition> = {};
  for (const [k, p] of Object.entries(doc.layout ?? {})) if (k === TRIGGER_LAYOUT_KEY || steps.has(k)) layout[k] = p;
  let changed = Object.keys(layout).length !== Object.keys(doc.layout ?? {}).length;
  for (const { id, position } of moved) {
    const key = keyOf(id);
    if (key !== TRIGGER_LAYOUT_KEY && !steps.has(key)) continue;
    const p = { x: Math.round(position.x), y: Math.round(position.y) };
    if (layout[key]?.x === p.x && layout[key]?.y === p.y) continue;
    layout[key] = p;
    changed = true;
  }
  if (!changed) return doc;
  const out = { ...doc };
  if (Object.keys(layout).length) out.layout = layout;
  else delete out.layout;
  return out;
};
