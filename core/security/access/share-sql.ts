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
 * entity and record): a share with the actor, or with the actor's team, reads (`read` or
 * `edit`) or updates (`edit`) that one record. Nothing is shared for deleting. Undefined
 * when no share can apply (delete, or an actor that is no user).
 */
export const shareSql = (op: Operation, input: ShareSqlInput): SqlFragment | undefined => {
  if (op === 'delete' || !UUID.test(input.actor.id)) return undefined;
  const team = input.hasTeams && input.actor.team ? ' or _sh.team_id in (select _st.id from team as _st where _st.name = ? and _st.deleted_at is null)' : '';
  const access = op === 'update' ? " and _sh.access = 'edit'" : '';
  return {
    sql: `exists (select 1 from _shares as _sh where _sh.entity = ? and _sh.record_id = ??${access} and (_sh.user_id = ?${team}))`,
    bindings: [input.entity, `${input.alias}.id`, input.actor.id, ...(team ? [String(input.actor.team)] : [])],
  };
};
