import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, isObj, type CheckContext } from './check-context.js';
import { checkField } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { identifierProblem } from './reserved-names.js';
import { childPointer } from './problem.js';

const checkRules = (ctx: CheckContext, doc: MetadataDocument, fields: Record<string, unknown>): void => {
  const names = new Set<string>();
  asArray(doc.rules).forEach((r, i) => {
    const rule = asObj(r);
    const name = asString(rule.name);
    if (name && names.has(name)) ctx.report(doc, `/rules/${i}/name`, `another rule is also named "${name}"`);
    if (name) names.add(name);
    checkRuleAt(ctx, rule.rule, { doc, pointer: `/rules/${i}/rule`, entity: doc.name, sql: false });
    asArray(rule.fields).forEach((f, j) => {
      if (typeof f === 'string' && !(f in fields)) ctx.report(doc, `/rules/${i}/fields/${j}`, `field "${f}" does not exist`);
    });
  });
};

/**
 * Sharing rules: unique names, one target (a role or a team), a condition over real fields
 * that compiles to SQL (it joins the row scopes). The role is not required to exist yet (a
 * role and the entity it names are saved one after the other); a missing one shares nothing.
 */
const checkSharingRules = (ctx: CheckContext, doc: MetadataDocument): void => {
  const names = new Set<string>();
  asArray(doc.sharingRules).forEach((r, i) => {
    const rule = asObj(r);
    const name = asString(rule.name);
    if (name && names.has(name)) ctx.report(doc, `/sharingRules/${i}/name`, `another sharing rule is also named "${name}"`);
    if (name) names.add(name);
    if ((asString(rule.role) === undefined) === (asString(rule.team) === undefined)) ctx.report(doc, `/sharingRules/${i}`, 'give exactly one of role or team');
    checkRuleAt(ctx, rule.condition, { doc, pointer: `/sharingRules/${i}/condition`, entity: doc.name, sql: true });
  });
};

/** An entity's own names, its fields' references, title and search fields, its validation rules, sharing rules and offline filter. */
export const checkEntity = (ctx: CheckContext, doc: MetadataDocument): void => {
  const nameProblem = identifierProblem(doc.name, 'entity');
  if (nameProblem) ctx.report(doc, '/name', nameProblem);
  const fields = asObj(doc.fields);
  for (const [name, field] of Object.entries(fields)) {
    const problem = identifierProblem(name, 'field');
    if (problem) ctx.report(doc, childPointer('/fields', name), problem);
    if (isObj(field)) checkField(ctx, doc, name, field);
  }
  const title = asString(doc.titleField);
  if (title && !(title in fields)) ctx.report(doc, '/titleField', `field "${title}" does not exist`);
  if (title && asObj(fields[title]).internal === true) ctx.report(doc, '/titleField', `"${title}" is internal: people never see it, so it cannot name records`);
  for (const [name, field] of Object.entries(fields)) {
    const f = asObj(field);
    if (f.internal === true && f.required === true && f.default === undefined) ctx.report(doc, childPointer('/fields', name), 'an internal field is not in forms, so it needs a default to be required');
  }
  for (const [locale, f] of Object.entries(asObj(doc.localeTitleFields))) {
    if (typeof f === 'string' && !(f in fields)) ctx.report(doc, childPointer('/localeTitleFields', locale), `field "${f}" does not exist`);
  }
  asArray(doc.searchFields).forEach((f, i) => {
    if (typeof f === 'string' && !(f in fields)) ctx.report(doc, `/searchFields/${i}`, `field "${f}" does not exist`);
  });
  const owner = asString(doc.ownerField);
  if (owner && asObj(fields[owner]).type !== 'user') ctx.report(doc, '/ownerField', `"${owner}" must be a user field of "${doc.name}"`);
  asArray(doc.pickerFields).forEach((f, i) => {
    if (typeof f === 'string' && !(f in fields)) ctx.report(doc, `/pickerFields/${i}`, `field "${f}" does not exist`);
  });
  asArray(doc.duplicateRules).forEach((r, i) => {
    const rule = asObj(r);
    const name = asString(rule.field);
    if (!name) return;
    const type = asString(asObj(fields[name]).type);
    if (!type) ctx.report(doc, `/duplicateRules/${i}/field`, `field "${name}" does not exist`);
    else if (!['text', 'email', 'phone', 'long_text', 'url'].includes(type)) ctx.report(doc, `/duplicateRules/${i}/field`, `"${name}" must be a text, e-mail or phone field`);
  });
  checkRules(ctx, doc, fields);
  checkSharingRules(ctx, doc);
  checkRuleAt(ctx, asObj(doc.offline).filter, { doc, pointer: '/offline/filter', entity: doc.name, sql: true });
};

/** A dictionary's values are unique and a parent names another value. */
export const checkDictionary = (ctx: CheckContext, doc: MetadataDocument): void => {
  const items = asArray(doc.items).map(asObj);
  const values = new Set(items.map((it) => asString(it.value)).filter((v): v is string => v !== undefined));
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const value = asString(item.value);
    if (value !== undefined && seen.has(value)) ctx.report(doc, `/items/${i}/value`, `repeats the value "${value}"`);
    if (value !== undefined) seen.add(value);
    const parent = asString(item.parent);
    if (parent !== undefined && !values.has(parent)) ctx.report(doc, `/items/${i}/parent`, `value "${parent}" is not in this dictionary`);
  });
};
