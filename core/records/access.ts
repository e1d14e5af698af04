import type { EntityDocument } from '../metadata/types.js';
import type { Rule, SqlFragment } from '../rules/index.js';
import { compileCondition } from '../rules/index.js';
import { problem } from '../errors.js';
import { entityRights, hiddenFields, scopeSql, shareListSql, shareSql, sharingRuleSql, type EntityRights, type Operation } from '../security/access/index.js';
import { MAIN, newQueryState, recordScope, type PathGuard, type QueryState } from './record-scope.js';
import type { RecordContext, RecordData } from './types.js';

export interface RecordAccess {
  rights: EntityRights;
  /** Fields the actor may not see (hidden, or formulas over hidden ones). */
  hidden: Set<string>;
}

/** The actor's rights on an entity and what stays hidden from it. */
export const accessOf = (entity: EntityDocument, ctx: RecordContext): RecordAccess => {
  const rights = entityRights(entity, ctx.actor, ctx.meta);
  return { rights, hidden: hiddenFields(entity, rights) };
};

/** `a or b`, where `true` or `false` settles it alone. */
const either = (a: SqlFragment, b: SqlFragment | undefined): SqlFragment =>
  !b || a.sql === 'true' ? a : a.sql === 'false' ? b : { sql: `(${a.sql} or ${b.sql})`, bindings: [...a.bindings, ...b.bindings] };

/**
 * What the actor's rights give for `op` over `alias`, before single-record shares: the
 * roles' scopes (with the manager hierarchy) widened by the entity's sharing rules that
 * reach the actor (for an actor whose roles read the entity at all). Depends only on the
 * actor's roles, team and id, so readersAmong groups actors by it.
 */
const rightsSql = (entity: EntityDocument, op: Operation, alias: string, rights: EntityRights, ctx: RecordContext, ruleSql: (rule: Rule) => SqlFragment): SqlFragment => {
  const roles = scopeSql(rights.scopes[op], { alias, actor: ctx.actor, hasTeams: Boolean(ctx.meta.entities.team), ruleSql });
  return rights.scopes.read.length ? either(roles, sharingRuleSql(entity, op, ctx.actor, ruleSql)) : roles;
};

/**
 * The predicate a row must meet for `op`, over the main table alias; undefined when the
 * actor is unrestricted. The roles' scopes and the manager hierarchy, widened by the
 * sharing rules and the records shared with the actor (unless `shares: false`, for a
 * caller that checks single-record shares itself). The same SQL serves list, get, search,
 * export, reports, history and live events.
 */
export const scopeWhere = (entity: EntityDocument, op: Operation, ctx: RecordContext, state: QueryState = newQueryState(), opts: { shares?: boolean } = {}): SqlFragment | undefined => {
  const { rights } = accessOf(entity, ctx);
  if (rights.unrestricted) return undefined;
  const granted = rightsSql(entity, op, MAIN, rights, ctx, (rule) => compileCondition(rule, recordScope(entity, state, ctx)));
  if (opts.shares === false || !rights.scopes.read.length) return granted;
  return either(granted, shareSql(op, { alias: MAIN, entity: entity.name, actor: ctx.actor, hasTeams: Boolean(ctx.meta.entities.team) }));
};

/**
 * The read scope of a list's page (`page` rows), as the rows to read in two parts, each to be
 * ordered and limited on its own: `granted or few shares` (what `scopeWhere` gives, the
 * shares only while the actor has few), and `many shares, not granted` (else false). See
 * `shareListSql` (`with`: the probe both parts read). Undefined when the scope has no share part (then `scopeWhere` alone).
 */
export const listScopeParts = (entity: EntityDocument, ctx: RecordContext, state: QueryState, page: number): { where: [SqlFragment, SqlFragment]; with: SqlFragment } | undefined => {
  const { rights } = accessOf(entity, ctx);
  if (rights.unrestricted || !rights.scopes.read.length) return undefined;
  const granted = rightsSql(entity, 'read', MAIN, rights, ctx, (rule) => compileCondition(rule, recordScope(entity, state, ctx)));
  if (granted.sql === 'true') return undefined;
  const shares = shareListSql({ alias: MAIN, entity: entity.name, actor: ctx.actor, hasTeams: Boolean(ctx.meta.entities.team), page });
  if (!shares) return undefined;
  const notGranted: SqlFragment = granted.sql === 'false' ? { sql: 'true', bindings: [] } : { sql: `(${granted.sql}) is not true`, bindings: granted.bindings };
  return { where: [either(granted, shares.few), { sql: `${notGranted.sql} and ${shares.many.sql}`, bindings: [...notGranted.bindings, ...shares.many.bindings] }], with: shares.probe };
};

/** The record without the fields hidden from the actor. */
export const withoutHidden = (record: RecordData, hidden: Set<string>): RecordData =>
  hidden.size ? Object.fromEntries(Object.entries(record).filter(([k]) => !hidden.has(k))) : record;

/** The guard for paths a user typed: hidden fields, and referenced rows under their read scope. */
export const userGuard = (ctx: RecordContext): PathGuard => ({
  hidden: (entity) => accessOf(entity, ctx).hidden,
  rowScope: (entity, alias, scope) => {
    const { rights } = accessOf(entity, ctx);
    if (rights.unrestricted) return undefined;
    const granted = rightsSql(entity, 'read', alias, rights, ctx, (rule) => compileCondition(rule, scope));
    return rights.scopes.read.length ? either(granted, shareSql('read', { alias, entity: entity.name, actor: ctx.actor, hasTeams: Boolean(ctx.meta.entities.team) })) : granted;
  },
});

/** Whether any role of the actor reads the entity at all. */
export const readsEntity = (entity: EntityDocument, ctx: RecordContext): boolean => {
  const { rights } = accessOf(entity, ctx);
  return rights.unrestricted || rights.scopes.read.length > 0;
};

/** 403 when no role of the actor reads the entity at all (a row outside a scope is 404 instead). */
export const assertReadsEntity = (entity: EntityDocument, ctx: RecordContext): void => {
  const { rights } = accessOf(entity, ctx);
  if (!rights.unrestricted && !rights.scopes.read.length) throw problem('NO_READ_RIGHT', { entity: entity.name });
};
