import type { Rule } from '../../rules/index.js';

/** Who a right covers: nobody, the owner, the owner's team and the teams below, everyone, or a rule over the record. */
export type Scope = 'none' | 'own' | 'team' | 'all' | Rule;

export type FieldAccess = 'write' | 'read' | 'hidden';

export type Operation = 'read' | 'update' | 'delete';

/**
 * What one grant covers: a role's scope, or `reports` — the records owned by the people
 * who report to the actor, transitively (a role's `hierarchy`).
 */
export type GrantScope = Scope | 'reports';

/** One role's grant that contributed to a right (for explanations). */
export interface Grant {
  role: string;
  scope: GrantScope;
}

/** The union of the actor's roles over one entity. */
export interface EntityRights {
  /** Tenant admins: everything, no predicate. */
  unrestricted: boolean;
  create: boolean;
  /** Every role's scope per operation; the union applies (empty: no access). */
  scopes: Record<Operation, Grant[]>;
  /** Per field, the widest access any role that reads the entity gives. */
  fields: Record<string, FieldAccess>;
  /** Named action rights, `<entity>.<action>`. */
  actions: Set<string>;
}
