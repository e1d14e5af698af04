import { AppError, findTransition, runTransition, transitionRefusal as refusalOf, type RecordContext, type RecordData } from '../../../core/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/**
 * Why the actor may not take transition `name` on `record` now (409 WRONG_STATE, 403
 * ROLE_REQUIRED, 422 GUARD_FAILED), or undefined: the engine's own checks.
 */
export const transitionRefusal = (entity: string, name: string, record: RecordData, ctx: RecordContext): AppError | undefined => {
  const { lifecycle, transition } = findTransition(entity, name, ctx);
  const refusal = refusalOf(lifecycle, transition, record, ctx);
  return refusal && new AppError(refusal.code, refusal.status, refusal.message);
};

/**
 * Takes a lifecycle transition from plugin code through the engine, with the same checks
 * and answers as POST /api/records/:entity/:id/transitions/:name; `set` adds fields
 * written in the same update, recorded with it as one `transition:<name>` history entry.
 */
export const takeTransition = (entity: string, id: string, name: string, ctx: RecordContext, opts: { ifMatch?: number; set?: RecordData } = {}): Promise<RecordData> =>
  runTransition({ entity, id, transition: name, ifMatch: opts.ifMatch, set: opts.set }, ctx);
