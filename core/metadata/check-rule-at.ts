import { checkRule } from '../rules/index.js';
import type { MetadataDocument } from './types.js';
import { knownVariable } from './field-paths.js';
import type { CheckContext } from './check-context.js';

export interface RuleSite {
  doc: MetadataDocument;
  /** Pointer of the rule inside the document. */
  pointer: string;
  /** The entity whose records the rule reads; undefined when there is none to check against. */
  entity: string | undefined;
  /** The rule must compile to SQL (formulas, list filters, row scopes, roll-up filters, reports). */
  sql: boolean;
}

/** Checks one json-logic rule with core/rules: allowed operators, real field names, SQL form where needed. */
export const checkRuleAt = (ctx: CheckContext, rule: unknown, site: RuleSite): void => {
  if (rule === undefined) return;
  const entityKnown = site.entity !== undefined && ctx.fieldsOf(site.entity) !== undefined;
  const knownVar = entityKnown ? knownVariable(ctx, site.entity!) : () => true;
  for (const p of checkRule(rule, { knownVar, sql: site.sql })) {
    ctx.report(site.doc, site.pointer + p.pointer, p.message);
  }
};
