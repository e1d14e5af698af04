import { v7 as uuidv7 } from 'uuid';
import { invalidInput, notFound, type FieldProblem } from '../errors.js';
import { entityOf, isUuid } from './entity-fields.js';
import { getRecord, readForChange } from './get-record.js';
import type { RecordContext } from './types.js';
import { writeHistory } from './write-history.js';

export type ShareAccess = 'read' | 'edit';

/** One record's share with a user or a team. */
export interface RecordShare {
  id: string;
  user: string | null;
  team: string | null;
  access: ShareAccess;
  createdBy: string | null;
  createdAt: string;
}

export interface ShareInput {
  user?: string;
  team?: string;
  access: ShareAccess;
}

const toShare = (r: Record<string, unknown>): RecordShare => ({
  id: String(r.id),
  user: (r.user_id as string | null) ?? null,
  team: (r.team_id as string | null) ?? null,
  access: r.access as ShareAccess,
  createdBy: (r.created_by as string | null) ?? null,
  createdAt: new Date(r.created_at as string).toISOString(),
});

/** The body of POST …/shares: exactly one of `user` or `team` (an id), and `access` read | edit. */
export const parseShare = (body: Record<string, unknown>): ShareInput => {
  const problems: FieldProblem[] = [];
  const unknown = Object.keys(body).filter((k) => !['user', 'team', 'access'].includes(k));
  for (const k of unknown) problems.push({ field: k, message: 'is not a share field' });
  const has = (k: 'user' | 'team') => body[k] !== undefined && body[k] !== null;
  if (has('user') === has('team')) problems.push({ field: has('user') ? 'team' : 'user', message: 'give exactly one of user or team' });
  for (const k of ['user', 'team'] as const) if (has(k) && !isUuid(body[k])) problems.push({ field: k, message: 'must be an id' });
  if (body.access !== 'read' && body.access !== 'edit') problems.push({ field: 'access', message: 'must be read or edit' });
  if (problems.length) throw invalidInput('The share is not valid', problems);
  return { user: has('user') ? String(body.user) : undefined, team: has('team') ? String(body.team) : undefined, access: body.access as ShareAccess };
};

/** The record's shares, to whoever may read the record (404 otherwise, as for the record). */
export const listShares = async (entity: string, id: string, ctx: RecordContext): Promise<RecordShare[]> => {
  await getRecord(entity, id, ctx, { fields: ['id'] });
  const rows = await ctx.db('_shares').where({ entity, record_id: id }).orderBy('created_at').orderBy('id');
  return rows.map(toShare);
};

/** Only someone who may edit the record (an admin, or a share with `edit`) shares it or takes a share back. */
const assertMayShare = async (entity: string, id: string, ctx: RecordContext): Promise<void> => {
  await readForChange(entityOf(entity, ctx), id, 'update', ctx);
};

/** The user (an active person of the tenant) or team record the share is for; 422 naming the field otherwise. */
const assertTarget = async (input: ShareInput, ctx: RecordContext): Promise<void> => {
  if (input.user) {
    const user = await ctx.db('_users').where({ id: input.user, active: true }).first('id');
    if (!user) throw invalidInput('The share is not valid', [{ field: 'user', message: 'no active user with this id' }]);
    return;
  }
  const team = ctx.meta.entities.team ? await ctx.db('team').where({ id: input.team }).whereNull('deleted_at').first('id') : undefined;
  if (!team) throw invalidInput('The share is not valid', [{ field: 'team', message: 'no team with this id' }]);
};

/**
 * Shares the record with a user or a team (a second share with the same one changes its
 * access), written in the record's history (`action:share`). Answers the share.
 */
export const addShare = async (entity: string, id: string, input: ShareInput, ctx: RecordContext): Promise<RecordShare> => {
  await assertMayShare(entity, id, ctx);
  await assertTarget(input, ctx);
  const target = input.user ? 'user_id' : 'team_id';
  const { rows } = await ctx.db.raw(
    `insert into _shares (id, entity, record_id, ${target}, access, created_by) values (?, ?, ?, ?, ?, ?)
     on conflict (entity, record_id, ${target}) where ${target} is not null do update set access = excluded.access
     returning *`,
    [uuidv7(), entity, id, input.user ?? input.team!, input.access, isUuid(ctx.actor.id) ? ctx.actor.id : null],
  );
  const share = toShare(rows[0]);
  await writeHistory(entity, id, 'action:share', { share: [null, { user: share.user, team: share.team, access: share.access }] }, ctx);
  return share;
};

/** Takes a share back (404 for a share the record does not have), written in the record's history (`action:unshare`). */
export const removeShare = async (entity: string, id: string, shareId: string, ctx: RecordContext): Promise<void> => {
  await assertMayShare(entity, id, ctx);
  const [gone] = isUuid(shareId) ? await ctx.db('_shares').where({ entity, record_id: id, id: shareId }).delete().returning('*') : [];
  if (!gone) throw notFound(`No share ${String(shareId).slice(0, 80)} on this ${entity}`);
  const share = toShare(gone);
  await writeHistory(entity, id, 'action:unshare', { share: [{ user: share.user, team: share.team, access: share.access }, null] }, ctx);
};
