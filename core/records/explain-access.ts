import { compileCondition, type Rule, type SqlFragment } from '../rules/index.js';
import { entityRights, hasActionRight, scopeSql, sharingRulesFor, type FieldAccess, type GrantScope, type Operation } from '../security/access/index.js';
import { accessOf, scopeWhere } from './access.js';
import { entityOf, isUuid } from './entity-fields.js';
import { missing } from './get-record.js';
import { MAIN, joinsSql, newQueryState, recordScope } from './record-scope.js';
import type { Actor, RecordContext } from './types.js';

export interface GrantExplained {
  role: string;
  /** The role's scope, or `reports`: the manager hierarchy (the owner reports to the subject). */
  scope: GrantScope;
  /** Whether this record falls inside the grant's scope for the subject. */
  matches: boolean;
}

/** A sharing rule of the entity that reaches the subject (by role or team) for the operation. */
export interface SharingRuleExplained {
  name: string;
  label?: { en: string; 'zh-CN': string };
  role?: string;
  team?: string;
  access: 'read' | 'edit';
  matches: boolean;
}

/** A share of this one record with the subject or the subject's team. */
export interface ShareExplained {
  id: string;
  user: string | null;
  team: string | null;
  access: 'read' | 'edit';
}

/** One reason the subject may do the operation, named: what the panel shows. */
export type AccessReason =
  | { kind: 'admin' }
  | { kind: 'role'; role: string; scope: GrantScope }
  | { kind: 'hierarchy'; role: string }
  | { kind: 'sharingRule'; name: string; role?: string; team?: string }
  | { kind: 'share'; id: string; user: string | null; team: string | null; access: 'read' | 'edit' };

export interface AccessExplanation {
  entity: string;
  id: string;
  user: { id: string; name: string; roles: string[]; team: string | null; isAdmin: boolean };
  create: { allowed: boolean; roles: string[] };
  /**
   * Per operation: whether the subject may (the very predicate list, get and update use),
   * every role grant with whether it covers the record, the sharing rules and shares that
   * reach the subject, and `reasons`: the ones that grant it.
   */
  operations: Record<Operation, { allowed: boolean; grants: GrantExplained[]; sharingRules: SharingRuleExplained[]; shares: ShareExplained[]; reasons: AccessReason[] }>;
  fields: Record<string, { access: FieldAccess; byRole: Record<string, FieldAccess | 'no read right'> }>;
  actions: string[];
  notes: string[];
}

const OPS: Operation[] = ['read', 'update', 'delete'];

/** The record's shares with the subject, or with the subject's team (by name). */
const sharesWith = async (entity: string, id: string, subject: Actor, ctx: RecordContext): Promise<ShareExplained[]> => {
  const q = ctx.db('_shares as _sh').where({ '_sh.entity': entity, '_sh.record_id': id }).select('_sh.id', '_sh.user_id', '_sh.team_id', '_sh.access').orderBy('_sh.created_at');
  const team = ctx.meta.entities.team && subject.team ? subject.team : undefined;
  q.where((w) => {
    if (isUuid(subject.id)) w.where('_sh.user_id', subject.id);
    else w.whereRaw('false');
    if (team) w.orWhereIn('_sh.team_id', ctx.db('team').select('id').where({ name: team }).whereNull('deleted_at'));
  });
  const rows = (await q) as { id: string; user_id: string | null; team_id: string | null; access: 'read' | 'edit' }[];
  return rows.map((r) => ({ id: r.id, user: r.user_id, team: r.team_id, access: r.access }));
};

/**
 * Which role, manager hierarchy, sharing rule or share grants or denies each operation and
 * field of one record to a user (`subject`), for tenant admins. Each grant's scope and each
 * rule is run as SQL against the record, and `allowed` is the very predicate list, get and
 * update use, so the answer is what the subject would get.
 */
export const explainAccess = async (entity: string, id: string, subject: Actor, ctx: RecordContext): Promise<AccessExplanation> => {
  const doc = entityOf(entity, ctx);
  if (!isUuid(id) || !(await ctx.db(doc.name).where({ id }).first('id'))) throw missing(entity, id);
  const as: RecordContext = { ...ctx, actor: subject };
  const rights = accessOf(doc, as).rights;
  const exists = async (pred: SqlFragment, joins?: SqlFragment): Promise<boolean> => {
    const { rows } = await ctx.db.raw(`select exists(select 1 from ?? as ??${joins?.sql ?? ''} where ?? = ? and ${pred.sql}) as ok`, [doc.name, MAIN, ...(joins?.bindings ?? []), `${MAIN}.id`, id, ...pred.bindings] as never[]);
    return Boolean(rows[0]?.ok);
  };
  const ruleSql = (rule: Rule): SqlFragment => compileCondition(rule, recordScope(doc, newQueryState(), as));
  const matches = (scope: GrantScope): Promise<boolean> =>
    exists(scopeSql([{ role: '', scope }], { alias: MAIN, actor: subject, hasTeams: Boolean(ctx.meta.entities.team), ruleSql }));
  const allowedFor = async (op: Operation): Promise<boolean> => {
    const state = newQueryState();
    const where = scopeWhere(doc, op, as, state);
    return where ? exists(where, joinsSql(state)) : true;
  };
  const shares = rights.unrestricted || !rights.scopes.read.length ? [] : await sharesWith(doc.name, id, subject, ctx);
  const operations = {} as AccessExplanation['operations'];
  for (const op of OPS) {
    const grants: GrantExplained[] = [];
    for (const g of rights.scopes[op]) grants.push({ role: g.role, scope: g.scope, matches: await matches(g.scope) });
    const sharingRules: SharingRuleExplained[] = [];
    if (!rights.unrestricted && rights.scopes.read.length) {
      for (const r of sharingRulesFor(doc, op, subject)) {
        sharingRules.push({ name: r.name, ...(r.label ? { label: r.label } : {}), ...(r.role ? { role: r.role } : { team: r.team }), access: r.access, matches: await exists(ruleSql(r.condition as Rule)) });
      }
    }
    const opShares = op === 'delete' ? [] : shares.filter((sh) => op === 'read' || sh.access === 'edit');
    const reasons: AccessReason[] = rights.unrestricted
      ? [{ kind: 'admin' }]
      : [
          ...grants.filter((g) => g.matches).map((g): AccessReason => (g.scope === 'reports' ? { kind: 'hierarchy', role: g.role } : { kind: 'role', role: g.role, scope: g.scope })),
          ...sharingRules.filter((r) => r.matches).map((r): AccessReason => ({ kind: 'sharingRule', name: r.name, ...(r.role ? { role: r.role } : { team: r.team }) })),
          ...opShares.map((sh): AccessReason => ({ kind: 'share', ...sh })),
        ];
    operations[op] = { allowed: await allowedFor(op), grants, sharingRules, shares: opShares, reasons };
  }
  const perRole = subject.roles.map((role) => ({ role, rights: entityRights(doc, { ...subject, roles: [role], isAdmin: false }, ctx.meta) }));
  const fields: AccessExplanation['fields'] = {};
  for (const field of Object.keys(doc.fields ?? {})) {
    const byRole: Record<string, FieldAccess | 'no read right'> = {};
    for (const r of perRole) byRole[r.role] = r.rights.scopes.read.length ? r.rights.fields[field] : 'no read right';
    fields[field] = { access: accessOf(doc, as).hidden.has(field) ? 'hidden' : rights.fields[field], byRole };
  }
  const notes = subject.isAdmin ? ['Tenant admin: every operation, field and action, without a row scope.'] : [];
  if (!subject.isAdmin && !subject.roles.length) notes.push('The user has no roles, so no access.');
  const missingRoles = subject.roles.filter((r) => !ctx.meta.documents.role?.[r]);
  if (missingRoles.length) notes.push(`Roles that do not exist (they grant nothing): ${missingRoles.join(', ')}`);
  return {
    entity,
    id,
    user: { id: subject.id, name: subject.name, roles: subject.roles, team: subject.team ?? null, isAdmin: subject.isAdmin },
    create: { allowed: rights.create, roles: subject.isAdmin ? ['(admin)'] : perRole.filter((r) => r.rights.create).map((r) => r.role) },
    operations,
    fields,
    actions: subject.isAdmin ? ['*'] : [...rights.actions].filter((a) => a.startsWith(`${entity}.`) && hasActionRight(rights, a)),
    notes,
  };
};
