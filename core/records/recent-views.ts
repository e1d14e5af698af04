import { invalidInput } from '../errors.js';
import type { SqlFragment } from '../rules/index.js';
import { scopeWhere } from './access.js';
import { isUuid } from './entity-fields.js';
import { getRecord } from './get-record.js';
import { MAIN, joinsSql } from './record-scope.js';
import { titleColumns } from './title-columns.js';
import { translatePgError } from './translate-pg-error.js';
import type { RecordContext } from './types.js';

/** How many records a user's "recently viewed" keeps; older visits are forgotten. */
export const RECENT_VIEWS_KEPT = 50;
export const DEFAULT_RECENT_VIEWS = 10;

/** A record the user opened: its entity, id, title, the line that tells it apart, and when. */
export interface RecentRecord {
  entity: string;
  id: string;
  title: string | null;
  detail: string | null;
  viewedAt: string;
}

/**
 * Notes that the user opened a record: only one they may read (else 404, as for any read),
 * moving it to the top of their list; each user keeps their newest {@link RECENT_VIEWS_KEPT}.
 */
export const noteRecentView = async (entity: string, id: string, ctx: RecordContext): Promise<void> => {
  await getRecord(entity, id, ctx, { fields: ['id'] });
  const user = ctx.actor.id;
  await ctx.db.raw(
    `insert into _recent_views (user_id, entity, record_id, viewed_at) values (?, ?, ?, now())
     on conflict (user_id, entity, record_id) do update set viewed_at = excluded.viewed_at`,
    [user, entity, id],
  );
  await ctx.db.raw(
    `delete from _recent_views where user_id = ? and (entity, record_id) in (
       select entity, record_id from _recent_views where user_id = ? order by viewed_at desc offset ?)`,
    [user, user, RECENT_VIEWS_KEPT],
  );
};

/** One entity's part of the list: the noted records still there and readable, with title and detail under the user's rights. */
const entityPart = (entityName: string, ctx: RecordContext, locale?: string): SqlFragment | undefined => {
  const entity = ctx.meta.entities[entityName];
  const columns = entity ? titleColumns(entity, ctx, locale) : undefined;
  if (!entity || !columns) return undefined;
  const { state, title, detail } = columns;
  const where: SqlFragment[] = [{ sql: '?? is null', bindings: [`${MAIN}.deleted_at`] }];
  const allowed = scopeWhere(entity, 'read', ctx, state);
  if (allowed) where.push(allowed);
  const joins = joinsSql(state);
  return {
    sql: `(select cast(? as text) as entity, cast(?? as text) as id, ${title.sql} as title, ${detail.sql} as detail, rv.viewed_at
      from ?? as ?? join _recent_views as rv on rv.record_id = ?? and rv.entity = ? and rv.user_id = ?${joins.sql}
      where ${where.map((w) => w.sql).join(' and ')})`,
    bindings: [entity.name, `${MAIN}.id`, ...title.bindings, ...detail.bindings, entity.name, MAIN, `${MAIN}.id`, entity.name, ctx.actor.id, ...joins.bindings, ...where.flatMap((w) => w.bindings)],
  };
};

/**
 * The records the user opened last, newest first, across entities, in ONE statement: per
 * entity they noted, the notes joined to the entity's table under their row scope and field
 * access. A record since deleted, or no longer theirs to read, drops out of the list.
 */
export const recentViews = async (opts: { limit?: number; locale?: string }, ctx: RecordContext): Promise<RecentRecord[]> => {
  const limit = opts.limit ?? DEFAULT_RECENT_VIEWS;
  if (!Number.isInteger(limit) || limit < 1 || limit > RECENT_VIEWS_KEPT) {
    throw invalidInput(`limit must be a whole number from 1 to ${RECENT_VIEWS_KEPT}`, [{ field: 'limit', message: `a whole number from 1 to ${RECENT_VIEWS_KEPT}` }]);
  }
  const noted: { entity: string }[] = (await ctx.db.raw('select distinct entity from _recent_views where user_id = ?', [ctx.actor.id])).rows;
  const parts = noted.map((n) => entityPart(n.entity, ctx, opts.locale)).filter((p): p is SqlFragment => p !== undefined);
  if (!parts.length) return [];
  let rows: { entity: string; id: string; title: string | null; detail: string | null; viewed_at: Date | string }[];
  try {
    rows = (await ctx.db.raw(`select * from (${parts.map((p) => p.sql).join(' union all ')}) as recent order by viewed_at desc limit ?`, [...parts.flatMap((p) => p.bindings), limit] as never[])).rows;
  } catch (e) {
    throw translatePgError(e, ctx.meta);
  }
  return rows.map((r) => ({ entity: r.entity, id: r.id, title: r.title, detail: r.detail, viewedAt: new Date(r.viewed_at).toISOString() }));
};

/** A note's input checked before anything is read: an entity name and a record id. */
export const recentViewInput = (body: unknown): { entity: string; id: string } => {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors = [
    ...(typeof b.entity === 'string' && b.entity ? [] : [{ field: 'entity', message: 'is required' }]),
    ...(typeof b.id === 'string' && isUuid(b.id) ? [] : [{ field: 'id', message: 'must be a record id' }]),
  ];
  if (errors.length) throw invalidInput('The record to note is not named', errors);
  return { entity: String(b.entity), id: String(b.id) };
};
