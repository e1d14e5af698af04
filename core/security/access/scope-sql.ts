import type { Actor } from '../actor.js';
import type { Rule, SqlFragment } from '../../rules/index.js';
import type { Grant } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE: SqlFragment = { sql: 'true', bindings: [] };
const FALSE: SqlFragment = { sql: 'false', bindings: [] };

export interface ScopeSqlInput {
  /** The alias of the entity's table in the query. */
  alias: string;
  actor: Actor;
  /** Whether the tenant has the `team` entity (teams and their hierarchy). */
  hasTeams: boolean;
  /** Compiles a rule scope over the record (the record service's SQL compiler). */
  ruleSql: (rule: Rule) => SqlFragment;
}

const own = (alias: string, actor: Actor): SqlFragment =>
  UUID.test(actor.id) ? { sql: '?? = ?', bindings: [`${alias}.owner_id`, actor.id] } : FALSE;

/**
 * Owners in the actor's team or any team below it: teams form a tree through
 * `team.parent`, members come from the tenant's `_users` mirror. `union` (not `union
 * all`) stops at a cycle.
 */
const team = (alias: string, actor: Actor): SqlFragment => ({
  sql: `(?? = ? or ?? in (select u.id from _users as u where u.active and u.team in (
    with recursive sub(id, name) as (
      select t.id, t.name from team as t where t.name = ? and t.deleted_at is null
      union select c.id, c.name from team as c join sub on c.parent = sub.id where c.deleted_at is null
    ) select name from sub)))`,
  bindings: [`${alias}.owner_id`, actor.id, `${alias}.owner_id`, String(actor.team)],
});

/**
 * Owners who report to the actor, directly or through others: a walk down `_users.manager`
 * (the users mirror). Not correlated with the row, so PostgreSQL runs it once per query;
 * `union` stops at a cycle.
 */
const reports = (alias: string, actor: Actor): SqlFragment =>
  UUID.test(actor.id)
    ? {
        sql: `?? in (with recursive down(id) as (
    select u.id from _users as u where u.manager = ?
    union select u.id from _users as u join down on u.manager = down.id
  ) select id from down)`,
        bindings: [`${alias}.owner_id`, actor.id],
      }
    : FALSE;

/**
 * A read, update or delete right as ONE SQL predicate: the union of the role grants.
 * `all` → true, nothing → false, `own` → owner is the actor, `team` → owner in the
 * actor's team tree (own when the actor has no team), `reports` → owner reports to the
 * actor (transitively), a rule → its compiled SQL.
 */
export const scopeSql = (grants: Grant[], input: ScopeSqlInput): SqlFragment => {
  if (!grants.length) return FALSE;
  if (grants.some((g) => g.scope === 'all')) return TRUE;
  const parts = grants.map(({ scope }): SqlFragment => {
    if (scope === 'own') return own(input.alias, input.actor);
    if (scope === 'team') return input.hasTeams && input.actor.team && UUID.test(input.actor.id) ? team(input.alias, input.actor) : own(input.alias, input.actor);
    if (scope === 'none') return FALSE;
    if (scope === 'reports') return reports(input.alias, input.actor);
    return input.ruleSql(scope);
  });
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' or ')})`, bindings: parts.flatMap((p) => p.bindings) };
};
