import type { WorkflowDocument } from '../../metadata/types.js';

/**
 * What the app needs to draw a manual workflow's button: its name, label, entity and
 * trigger kind (with the trigger's own label). Never its steps, scripts or secrets.
 */
export const manualWorkflowSummary = (wf: WorkflowDocument) => ({
  kind: 'workflow' as const,
  name: wf.name,
  ...(wf.label !== undefined && { label: wf.label }),
  entity: wf.entity,
  trigger: { on: 'manual' as const, ...(wf.trigger.label !== undefined && { label: wf.trigger.label }) },
});
