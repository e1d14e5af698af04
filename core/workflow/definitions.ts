import { notFound } from '../errors.js';
import type { EffectiveMeta, WorkflowDocument } from '../metadata/types.js';

/** The tenant's enabled workflows. */
export const workflowsOf = (meta: EffectiveMeta): WorkflowDocument[] =>
  (Object.values(meta.documents.workflow ?? {}) as unknown as WorkflowDocument[]).filter((w) => w.enabled !== false);

/** One workflow by name (enabled or not), or 404. */
export const workflowNamed = (meta: EffectiveMeta, name: string): WorkflowDocument => {
  const doc = meta.documents.workflow?.[name] as unknown as WorkflowDocument | undefined;
  if (!doc) throw notFound(`No workflow named "${String(name).slice(0, 80)}"`);
  return doc;
};

/** Whether any enabled workflow of the entity has a step of this type. */
export const entityHasStep = (meta: EffectiveMeta, entity: string, type: string): boolean =>
  workflowsOf(meta).some((w) => w.entity === entity && w.steps.some((s) => s.type === type));
