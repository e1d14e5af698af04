import { AppError, getRecord, listRecords, notFound, updateRecord, type RecordContext, type RecordData } from '../../../core/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

interface Transition {
  name: string;
  from: string[];
  to: string;
  roles?: string[];
  guard?: unknown;
}

interface Lifecycle {
  entity: string;
  field: string;
  transitions: Transition[];
}

/** The lifecycle of `entity` (as the tenant has it) holding the transition `name`; 404 when none. */
const findTransition = (entity: string, name: string, ctx: RecordContext): { lifecycle: Lifecycle; transition: Transition } => {
  for (const doc of Object.values(ctx.meta.documents.lifecycle ?? {})) {
    const lifecycle = doc as unknown as Lifecycle;
    if (lifecycle.entity !== entity) continue;
    const transition = lifecycle.transitions.find((t) => t.name === name);
    if (transition) return { lifecycle, transition };
  }
  throw notFound(`"${entity}" has no transition "${name}"`);
};

/**
 * Why the actor may not take transition `name` on `record` from its current state with
 * its roles (409 WRONG_STATE, 403 ROLE_REQUIRED), or undefined. The guard is checked
 * by takeTransition against the stored record.
 */
export const transitionRefusal = (entity: string, name: string, record: RecordData, ctx: RecordContext): AppError | undefined => {
  const { lifecycle, transition } = findTransition(entity, name, ctx);
  const state = String(record[lifecycle.field] ?? '');
  if (!transition.from.includes(state)) {
    return new AppError('WRONG_STATE', 409, `"${name}" is not possible from state "${state}" (only from ${transition.from.map((s) => `"${s}"`).join(', ')})`);
  }
  if (transition.roles?.length && !ctx.actor.isAdmin && !transition.roles.some((r) => ctx.actor.roles.includes(r))) {
    return new AppError('ROLE_REQUIRED', 403, `"${name}" needs one of the roles ${transition.roles.join(', ')}`);
  }
  return undefined;
};

/** Whether the stored record satisfies the guard (the guard runs as a filter, with $user, $now and $today). */
const guardAccepts = async (entity: string, id: string, guard: unknown, ctx: RecordContext): Promise<boolean> => {
  const found = await listRecords(entity, { filter: { and: [{ '==': [{ var: 'id' }, id] }, guard] }, fields: ['id'], limit: 1 }, ctx);
  return found.data.length > 0;
};

/**
 * Takes a lifecycle transition from plugin code, with the same checks and answers as
 * POST /api/records/:entity/:id/transitions/:name: 404 for an unknown transition or a
 * record the actor cannot read, 409 from a wrong state, 403 without one of its roles,
 * 422 when its guard refuses. The state changes through the record service (hooks,
 * validation, version, history), `set` adds fields written in the same update, and a
 * `transition:<name>` history entry is written like the engine's own, in the caller's
 * transaction.
 */
export const takeTransition = async (
  entity: string,
  id: string,
  name: string,
  ctx: RecordContext,
  opts: { ifMatch?: number; set?: RecordData } = {},
): Promise<RecordData> => {
  const { lifecycle, transition } = findTransition(entity, name, ctx);
  const record = await getRecord(entity, id, ctx);
  const refusal = transitionRefusal(entity, name, record, ctx);
  if (refusal) throw refusal;
  if (transition.guard !== undefined && !(await guardAccepts(entity, id, transition.guard, ctx))) {
    throw new AppError('GUARD_FAILED', 422, `The conditions of "${name}" are not met`);
  }
  const from = record[lifecycle.field];
  const updated = await updateRecord(entity, id, { ...opts.set, [lifecycle.field]: transition.to }, ctx, {
    ifMatch: opts.ifMatch,
    stateChange: { transition: name, field: lifecycle.field, to: transition.to },
  });
  await ctx.db('_history').insert({
    entity,
    record_id: id,
    action: `transition:${name}`,
    actor_id: isUuid(ctx.actor.id) ? ctx.actor.id : null,
    changes: JSON.stringify({ [lifecycle.field]: [from, transition.to] }),
  });
  return updated;
};
