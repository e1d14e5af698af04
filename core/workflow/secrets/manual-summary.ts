import type { WorkflowDocument } from '../../metadata/types.js';

/**
 * What the app needs to draw a manual workflow's button: its name, label, entity and
 * trigger kind (with the trigger's own label, the condition a record must meet and the
 * right it needs on the record, so the button is offered only where it can start).
 * Never its steps, scripts or secrets.
 */
export const manualWorkflowSummary = (wf: WorkflowDocument) => ({
  kind: 'workflow' as const,
  name: wf.name,
  ...(wf.label !== undefined && { label: wf.label }),
  entity: wf.entity,
  trigger: {
    on: 'manual' as const,
    ...(wf.trigger.label !== undefined && { label: wf.trigger.label }),
    ...(wf.trigger.condition !== undefined && { condition: wf.trigger.condition }),
    ...(wf.trigger.requires !== undefined && { requires: wf.trigger.requires }),
    ...(wf.trigger.runAs !== undefined && { runAs: wf.trigger.runAs }),
  },
});
