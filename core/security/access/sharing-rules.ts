import type { Actor } from '../actor.js';
import type { EntityDocument, SharingRule } from '../../metadata/types.js';
import type { Rule, SqlFragment } from '../../rules/index.js';
import type { Operation } from './types.js';

/**
 * The entity's sharing rules that reach the actor for `op`: those for one of its roles or
 * for its team (by name, as actors carry it); `read` takes every such rule, `update` only
 * those that share to edit. Nothing is shared for deleting.
 */
export const sharingRulesFor = (entity: EntityDocument, op: Operation, actor: Actor): SharingRule[] => {
  if (op === 'delete') return [];
  return (entity.sharingRules ?? []).filter(
    (r) => (op === 'read' || r.access === 'edit') && (r.role !== undefined ? actor.roles.includes(r.role) : r.team !== undefined && actor.team != null && r.team === actor.team),
  );
};

/** The rules' conditions as one SQL predicate (`or`), compiled by the record service; undefined when none reach the actor. */
export const sharingRuleSql = (entity: EntityDocument, op: Operation, actor: Actor, ruleSql: (rule: Rule) => SqlFragment): SqlFragment | undefined => {
  const rules = sharingRulesFor(entity, op, actor);
  if (!rules.length) return undefined;
  const parts = rules.map((r) => ruleSql(r.condition as Rule));
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' or ')})`, bindings: parts.flatMap((p) => p.bindings) };
};
