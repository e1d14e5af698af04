import type { EffectiveMeta, WorkflowDocument } from '../../metadata/types.js';
import type { Actor } from '../../records/index.js';
import { entityRights, type Operation } from '../../security/access/index.js';

/** The right a starter needs on each record: what the workflow declares, else update (read when it runs with its own rights). */
export const manualRight = (wf: WorkflowDocument): Operation => wf.trigger.requires ?? (wf.trigger.runAs === 'workflow' ? 'read' : 'update');

/**
 * Whether the actor may start this manual workflow at all: it is enabled and manual, the
 * actor holds one of its `roles` (when it names any) and has the entity's read right and
 * the right it requires on some records. Tenant admins always may. Each record is checked
 * when the workflow is started.
 */
export const mayStartManual = (wf: WorkflowDocument, actor: Actor, meta: EffectiveMeta): boolean => {
  if (wf.trigger.on !== 'manual' || wf.enabled === false || !wf.entity) return false;
  const entity = meta.entities[wf.entity];
  if (!entity) return false;
  if (actor.isAdmin) return true;
  if (wf.trigger.roles && !wf.trigger.roles.some((r) => actor.roles.includes(r))) return false;
  const rights = entityRights(entity, actor, meta);
  return rights.unrestricted || (rights.scopes.read.length > 0 && rights.scopes[manualRight(wf)].length > 0);
};
