import type { SqlFragment } from '../../rules/index.js';
import type { ShareSqlInput } from './share-sql.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The two ways a list reads the records shared with the actor: see `shareListSql`. */
export interface ShareListSql {
  /** The common table expression `_few_shares` that `few` and `many` read: whether the actor's shares are few. */
  probe: SqlFragment;
  /** `id = any(array(…))` of the shares, empty when the actor has many (an `or` arm of the scope, as in `shareSql`). */
  few: SqlFragment;
  /** When the actor has many shares: the row is shared with the actor or its team (hashed look-ups), else false. */
  many: SqlFragment;
}

/**
 * The rows shared with the actor for reading, split for a list's page (`page` rows in some
 * order) by how many shares the actor has, which PostgreSQL only learns while running the
 * statement. With few (below √(page × rows of the table), from the table's statistics), the
 * shared ids are an array probed through the primary key (`few`, as `shareSql`), so the
 * scope stays a BitmapOr of indexes. With many, that array is empty and `many` holds instead:
 * the share table's user and team indexes read once each into hashes (index-only) that the
 * list's rows, read in the page's order, are checked against, so the page stops after its
 * rows instead of fetching every shared row first. Which applies is one `offset` probe of
 * the share table (`probe`, a common table expression of the statement), read once. Undefined when no share can apply.
 */
export const shareListSql = (input: ShareSqlInput & { page: number }): ShareListSql | undefined => {
  if (!UUID.test(input.actor.id)) return undefined;
  const hasTeam = input.hasTeams && Boolean(input.actor.team);
  // The team's id (names of live teams are unique): a scalar lets the planner size the team's shares from its statistics.
  const teamId = '(select _st.id from team as _st where _st.name = ? and _st.deleted_at is null)';
  const teamBinding = hasTeam ? [String(input.actor.team)] : [];
  const whose: SqlFragment = {
    sql: `_sh.entity = ? and (_sh.user_id = ?${hasTeam ? ` or _sh.team_id = ${teamId}` : ''})`,
    bindings: [input.entity, input.actor.id, ...teamBinding],
  };
  // Fewer shares than the threshold: nothing past that many, counted index-only in the user and the team index.
  const threshold = 'select greatest(100, sqrt(? * greatest(_c.reltuples, 0)))::bigint from pg_class as _c where _c.oid = cast(? as regclass)';
  const counted = `select 1 from _shares as _sh where _sh.entity = ? and _sh.user_id = ?${hasTeam ? ` union all select 1 from _shares as _sh where _sh.entity = ? and _sh.team_id = ${teamId}` : ''}`;
  const isFew: SqlFragment = {
    sql: `not exists (${counted} offset (${threshold}))`,
    bindings: [input.entity, input.actor.id, ...(hasTeam ? [input.entity, ...teamBinding] : []), input.page, input.entity],
  };
  // Probed once for the whole statement (a common table expression both halves read).
  const probe: SqlFragment = { sql: `_few_shares as (select ${isFew.sql} as few)`, bindings: isFew.bindings };
  const isFewNow = '(select few from _few_shares)';
  const few: SqlFragment = {
    sql: `?? = any(array(select _sh.record_id from _shares as _sh where ${whose.sql} and ${isFewNow}))`,
    bindings: [`${input.alias}.id`, ...whose.bindings],
  };
  const byUser = '?? in (select _sh.record_id from _shares as _sh where _sh.entity = ? and _sh.user_id = ?)';
  const byTeam = `?? in (select _sh.record_id from _shares as _sh where _sh.entity = ? and _sh.team_id = ${teamId})`;
  const many: SqlFragment = {
    sql: `(not ${isFewNow} and (${byUser}${hasTeam ? ` or ${byTeam}` : ''}))`,
    bindings: [`${input.alias}.id`, input.entity, input.actor.id, ...(hasTeam ? [`${input.alias}.id`, input.entity, ...teamBinding] : [])],
  };
  return { probe, few, many };
};
