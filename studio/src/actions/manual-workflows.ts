import { ruleAccepts } from '../../../core/rules/evaluate.js';
import type { Rule } from '../../../core/rules/types.js';
import type { EntityDocument } from '../../../core/metadata/types.js';
import { mayDelete, mayUpdate } from '../lib/access.js';

/** A manual trigger as /api/meta describes it: the condition a record must meet and the right the starter needs. */
export interface ManualTrigger {
  condition?: unknown;
  requires?: 'read' | 'update' | 'delete';
  runAs?: string;
}

/**
 * Whether a manual workflow's button belongs on this record: the record meets the trigger's
 * condition (a rule that cannot be read on it does not) and the user holds the right the
 * workflow needs (its `requires`, else update, or read when it runs with its own rights),
 * as the server checks when it is started.
 */
export const manualFits = (trigger: ManualTrigger, entity: EntityDocument | undefined, record: Record<string, unknown> | undefined): boolean => {
  const right = trigger.requires ?? (trigger.runAs === 'workflow' ? 'read' : 'update');
  if (right === 'update' && !mayUpdate(entity)) return false;
  if (right === 'delete' && !mayDelete(entity)) return false;
  if (trigger.condition === undefined || !record) return true;
  try {
    return ruleAccepts(trigger.condition as Rule, record);
  } catch {
    return false;
  }
};
