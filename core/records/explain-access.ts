import { compileCondition } from '../rules/index.js';
import { entityRights, hasActionRight, scopeSql, type FieldAccess, type Operation, type Scope } from '../security/access/index.js';
import { accessOf } from './access.js';
import { entityOf, isUuid } from './entity-fields.js';
import { missing } from './get-record.js';
import { MAIN, newQueryState, recordScope } from './record-scope.js';
import type { Actor, RecordContext } from './types.js';

export interface GrantExplained {
  role: string;
  scope: Scope;
  /** Whether this record falls inside the grant's scope for the subject. */
  matches: boolean;
}

export interface AccessExplanation {
  entity: string;
  id: string;
  user: { id: string; name: string; roles: string[]; team: string | null; isAdmin: boolean };
  create: { allowed: boolean; roles: string[] };
  operations: Record<Operation, { allowed: boolean; grants: GrantExplained[] }>;
  fields: Record<string, { access: FieldAccess; byRole: Record<string, FieldAccess | 'no read right'> }>;
  actions: string[];
  notes: string[];
}

const OPS: Operation[] = ['read', 'update', 'delete'];

/**
 * Which role and rule grant or deny each operation and field of one record to a user
 * (`subject`), for tenant admins. Each grant's scope is run as SQL against the record, the
 * same predicate list and get use, so the answer is what the subject would get.
 */
export const explainAccess = async (entity: string, id: string, subject: Actor, ctx: RecordContext): Promise<AccessExplanation> => {
  const doc = entityOf(entity, ctx);
  if (!isUuid(id) || !(await ctx.db(doc.name).where({ id }).first('id'))) throw missing(entity, id);
  const as: RecordContext = { ...ctx, actor: subject };
  const rights = accessOf(doc, as).rights;
  const matches = async (scope: Scope): Promise<boolean> => {
    const state = newQueryState();
    const pred = scopeSql([{ role: '', scope }], {
      alias: MAIN,
      actor: subject,
      hasTeams: Boolean(ctx.meta.entities.team),
      ruleSql: (rule) => compileCondition(rule, recordScope(doc, state, as)),
    });
    const { rows } = await ctx.db.raw(`select exists(select 1 from ?? as ?? where ?? = ? and ${pred.sql}) as ok`, [doc.name, MAIN, `${MAIN}.id`, id, ...pred.bindings] as never[]);
    return Boolean(rows[0]?.ok);
  };
  const operations = {} as AccessExplanation['operations'];
  for (const op of OPS) {
    const grants: GrantExplained[] = [];
    for (const g of rights.scopes[op]) grants.push({ role: g.role, scope: g.scope, matches: await matches(g.scope) });
    operations[op] = { allowed: grants.some((g) => g.matches), grants };
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
