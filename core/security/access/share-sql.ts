import type { Actor } from '../actor.js';
import type { SqlFragment } from '../../rules/index.js';
import type { Operation } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ShareSqlInput {
  /** The alias of the entity's table in the query. */
  alias: string;
  entity: string;
  actor: Actor;
  /** Whether the tenant has the `team` entity (shares with a team). */
  hasTeams: boolean;
}

/**
 * The rows shared with the actor for `op`, as one SQL predicate over `_shares` (indexed by
 * entity and record). It is not correlated with the row: the shared ids are read once
 * (an init plan), so `scope or shared` can be a BitmapOr of the scope's index and the
 * primary key instead of a filter over every row: a share with the actor, or with the actor's team, reads (`read` or
 * `edit`) or updates (`edit`) that one record. Nothing is shared for deleting. Undefined
 * when no share can apply (delete, or an actor that is no user).
 */
export const shareSql = (op: Operation, input: ShareSqlInput): SqlFragment | undefined => {
  if (op === 'delete' || !UUID.test(input.actor.id)) return undefined;
  // The team's id as an array read once (not `in (select …)`, a hashed filter): both arms are
  // then conditions an index of the share table can answer, as a BitmapOr.
  const team = input.hasTeams && input.actor.team ? ' or _sh.team_id = any(array(select _st.id from team as _st where _st.name = ? and _st.deleted_at is null))' : '';
  const access = op === 'update' ? " and _sh.access = 'edit'" : '';
  return {
    sql: `?? = any(array(select _sh.record_id from _shares as _sh where _sh.entity = ?${access} and (_sh.user_id = ?${team})))`,
    bindings: [`${input.alias}.id`, input.entity, input.actor.id, ...(team ? [String(input.actor.team)] : [])],
  };
};
