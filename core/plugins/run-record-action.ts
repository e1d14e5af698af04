import { notFound, problem } from '../errors.js';
import { entityRights, hasActionRight } from '../security/access/index.js';
import { getRecord, writeHistory } from '../records/index.js';
import type { RecordContext } from '../records/types.js';
import type { TenantRuntime } from './tenant-runtime.js';

export interface RecordActionInput {
  entity: string;
  id: string;
  action: string;
  params?: Record<string, unknown>;
}

/**
 * A plugin's record action (POST /api/records/:entity/:id/actions/:action), in the
 * caller's tenant transaction and record context, which core/work opens with the door's
 * hooks (so the action's writes start workflows like any other write): 404 for an unknown
 * entity, action or a record the actor cannot read; 403 without the `<entity>.<action>`
 * right (nothing runs); the record loaded through the record service; a history entry.
 */
export const performRecordAction = async (input: RecordActionInput, rctx: RecordContext, runtime: TenantRuntime): Promise<unknown> => {
  const def = runtime.action(input.entity, input.action);
  if (!def || !rctx.meta.entities[input.entity]) throw notFound(`"${input.entity}" has no action "${input.action}"`);
  const record = await getRecord(input.entity, input.id, rctx);
  const rights = entityRights(rctx.meta.entities[input.entity], rctx.actor, rctx.meta);
  if (!hasActionRight(rights, `${input.entity}.${input.action}`)) {
    throw problem('NO_ACTION_RIGHT', { right: `${input.entity}.${input.action}`, action: input.action, entity: input.entity });
  }
  const result = await def.run({ entity: input.entity, id: input.id, record, params: input.params ?? {} }, rctx);
  await writeHistory(input.entity, input.id, `action:${input.action}`, {}, rctx);
  return result;
};
