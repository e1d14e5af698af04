import type { SqlFragment } from '../rules/index.js';
import { accessOf, scopeWhere } from './access.js';
import { isUuid } from './entity-fields.js';
import { MAIN, joinsSql, newQueryState } from './record-scope.js';
import type { Actor, RecordContext } from './types.js';

/** Groups per statement: a select list stays far below PostgreSQL's 1,664 columns and 65,535 bindings. */
const GROUPS_PER_QUERY = 400;

/** The record's shares: with a user, or a team (by name, as actors carry it). */
const sharesSql = (hasTeams: boolean): string =>
  hasTeams
    ? `(select coalesce(json_agg(json_build_array(_sh.user_id, _st.name)), '[]') from _shares as _sh left join team as _st on _st.id = _sh.team_id and _st.deleted_at is null where _sh.entity = ? and _sh.record_id = ??) as _shares`
    : `(select coalesce(json_agg(json_build_array(_sh.user_id, null)), '[]') from _shares as _sh where _sh.entity = ? and _sh.record_id = ??) as _shares`;

interface Group {
  actors: string[];
  /** An actor of the group, whose read predicate stands for all of them. */
  sample: Actor;
}

/**
 * The group key of an actor's read right on the entity: its predicate as compiled SQL
 * with its bindings (roles, and only the user's own values the scope actually uses —
 * `own` and `$user.id` bind the id, `team` the team, a rule the `$user` fields it names).
 * Actors with the same key get the same answer for every row.
 */
const readKey = (entity: Parameters<typeof scopeWhere>[0], ctx: RecordContext): string | undefined => {
  const { rights } = accessOf(entity, ctx);
  if (rights.unrestricted) return 'all';
  if (!rights.scopes.read.length) return undefined;
  const state = newQueryState();
  const where = scopeWhere(entity, 'read', ctx, state, { shares: false })!;
  const joins = joinsSql(state);
  return JSON.stringify([where.sql, where.bindings, joins.sql, joins.bindings]);
};

/**
 * Which of the actors may read the record (the recycle bin included): the same row scope
 * as getRecord, asked once per group of actors with the same effective read right, every
 * group in ONE statement (`select (<scope of group 1>), (<scope of group 2>), … where
 * id = ?`). The record's shares come back in the same statement and widen the scope per
 * actor (so shares do not split groups). A record nobody may read and one that does not
 * exist answer alike: nobody.
 */
export const readersAmong = async (entityName: string, id: string, actors: Actor[], ctx: RecordContext): Promise<Set<string>> => {
  const readers = new Set<string>();
  const entity = Object.prototype.hasOwnProperty.call(ctx.meta.entities, entityName) ? ctx.meta.entities[entityName] : undefined;
  if (!entity || !isUuid(id) || !actors.length) return readers;
  const base: RecordContext = { ...ctx, now: ctx.now ?? new Date() }; // one clock: $now binds alike for every actor
  const groups = new Map<string, Group>();
  const sharable: Actor[] = [];
  for (const actor of actors) {
    const key = readKey(entity, { ...base, actor });
    if (key === undefined) continue;
    if (key !== 'all') sharable.push(actor);
    const group = groups.get(key);
    if (group) group.actors.push(actor.id);
    else groups.set(key, { actors: [actor.id], sample: actor });
  }
  const all = [...groups.values()];
  for (let i = 0; i < all.length; i += GROUPS_PER_QUERY) {
    const chunk = all.slice(i, i + GROUPS_PER_QUERY);
    const state = newQueryState();
    const preds: SqlFragment[] = chunk.map((g) => scopeWhere(entity, 'read', { ...base, actor: g.sample }, state, { shares: false }) ?? { sql: 'true', bindings: [] });
    const joins = joinsSql(state);
    const select = preds.map((p, n) => `coalesce((${p.sql}), false) as g${n}`).join(', ');
    const withShares = i === 0 && sharable.length > 0;
    const sql = `select ${select}${withShares ? `, ${sharesSql(Boolean(ctx.meta.entities.team))}` : ''} from ?? as ??${joins.sql} where ?? = ?`;
    const bindings = [...preds.flatMap((p) => p.bindings), ...(withShares ? [entity.name, `${MAIN}.id`] : []), entity.name, MAIN, ...joins.bindings, `${MAIN}.id`, id];
    const { rows } = await base.db.raw(sql, bindings as never[]);
    const row = rows[0] as Record<string, unknown> | undefined;
    if (!row) return readers;
    chunk.forEach((g, n) => {
      if (row[`g${n}`] === true) for (const a of g.actors) readers.add(a);
    });
    if (withShares) {
      const raw = row._shares;
      const shares = (typeof raw === 'string' ? JSON.parse(raw) : raw ?? []) as [string | null, string | null][];
      for (const a of sharable) if (shares.some(([user, team]) => user === a.id || (team !== null && a.team != null && team === a.team))) readers.add(a.id);
    }
  }
  return readers;
};
