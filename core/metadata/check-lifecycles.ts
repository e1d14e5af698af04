import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, type CheckContext, type Obj } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { lifecycleProblems } from './lifecycle-graph.js';
import type { LifecycleDocument } from './generated/lifecycle.js';

/** The values an enum field allows: its dictionary's items or its own options. */
export const enumValues = (ctx: CheckContext, field: Obj): Set<string> => {
  const dictionary = asString(field.dictionary);
  const items = dictionary ? asArray(ctx.docs.dictionary.get(dictionary)?.items) : asArray(field.options);
  return new Set(items.map((i) => asString(asObj(i).value)).filter((v): v is string => v !== undefined));
};

/** Field types a person cannot type into: computed, numbered or derived by the engine. */
const UNASKABLE = new Set(['formula', 'rollup', 'auto_number']);

/** The fields a transition asks for exist, can be written by a person, are not the state itself, and are named once. */
const checkAskedFields = (ctx: CheckContext, doc: MetadataDocument, entity: string, transition: Obj, p: string): void => {
  const seen = new Set<string>();
  const fields = ctx.fieldsOf(entity) ?? {};
  asArray(transition.fields).forEach((f, j) => {
    const name = asString(asObj(f).field);
    if (!name) return;
    const at = `${p}/fields/${j}/field`;
    const field = fields[name] as Obj | undefined;
    if (seen.has(name)) ctx.report(doc, at, `"${name}" is asked for twice`);
    seen.add(name);
    if (!field) ctx.report(doc, at, `field "${name}" does not exist in "${entity}"`);
    else if (name === doc.field) ctx.report(doc, at, `"${name}" is the state the transition sets`);
    else if (UNASKABLE.has(String(field.type)) || field.readonly === true) ctx.report(doc, at, `"${name}" cannot be typed in (${field.readonly === true ? 'read-only' : String(field.type)})`);
  });
};

const checkTransitions = (ctx: CheckContext, doc: MetadataDocument, entity: string, states: Set<string> | undefined): void => {
  const names = new Set<string>();
  const checkState = (state: unknown, p: string): void => {
    if (states && typeof state === 'string' && !states.has(state)) ctx.report(doc, p, `"${state}" is not a value of the state field`);
  };
  asArray(doc.transitions).forEach((t, i) => {
    const transition = asObj(t);
    const p = `/transitions/${i}`;
    const name = asString(transition.name);
    if (name && names.has(name)) ctx.report(doc, `${p}/name`, `another transition is also named "${name}"`);
    if (name) names.add(name);
    asArray(transition.from).forEach((s, j) => checkState(s, `${p}/from/${j}`));
    checkState(transition.to, `${p}/to`);
    asArray(transition.roles).forEach((r, j) => {
      if (typeof r === 'string' && !ctx.docs.role.has(r)) ctx.report(doc, `${p}/roles/${j}`, `role "${r}" does not exist`);
    });
    checkRuleAt(ctx, transition.guard, { doc, pointer: `${p}/guard`, entity, sql: false });
    checkAskedFields(ctx, doc, entity, transition, p);
    const workflow = asString(transition.workflow);
    if (workflow !== undefined) {
      const wf = ctx.docs.workflow.get(workflow);
      if (!wf) ctx.report(doc, `${p}/workflow`, `workflow "${workflow}" does not exist`);
      else if (asObj(wf.trigger).on !== 'manual' || wf.entity !== entity) ctx.report(doc, `${p}/workflow`, `workflow "${workflow}" must be a manual workflow of "${entity}"`);
    }
  });
};

/** A lifecycle's field is an enum of its entity holding every state it names; roles exist; guards are sound. */
export const checkLifecycle = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  if (!checkEntityExists(ctx, doc, '/entity', entity)) return;
  const fieldName = asString(doc.field) ?? '';
  const field = ctx.fieldsOf(entity!)?.[fieldName];
  let states: Set<string> | undefined;
  if (!field) ctx.report(doc, '/field', `field "${fieldName}" does not exist in "${entity}"`);
  else if (field.type !== 'enum') ctx.report(doc, '/field', `"${fieldName}" must be an enum field to hold the state`);
  else states = enumValues(ctx, field);
  if (states && typeof doc.initial === 'string' && !states.has(doc.initial)) {
    ctx.report(doc, '/initial', `"${doc.initial}" is not a value of the state field`);
  }
  for (const other of ctx.docs.lifecycle.values()) {
    if (other === doc) break;
    if (other.entity === entity && other.field === fieldName) {
      ctx.report(doc, '/field', `lifecycle "${other.name}" already drives "${entity}.${fieldName}"`);
    }
  }
  asArray(doc.final).forEach((s, i) => {
    if (states && typeof s === 'string' && !states.has(s)) ctx.report(doc, `/final/${i}`, `"${s}" is not a value of the state field`);
  });
  checkTransitions(ctx, doc, entity!, states);
  checkShape(ctx, doc);
};

/**
 * A lifecycle that declares its final states opts into the shape check the studio's editor
 * runs (core/metadata/lifecycle-graph.ts): every state reachable, every state but the final
 * ones with a way out. (Guards naming missing fields are refused by the rule check already.)
 */
const checkShape = (ctx: CheckContext, doc: MetadataDocument): void => {
  if (!Array.isArray(doc.final) || !Array.isArray(doc.transitions) || typeof doc.initial !== 'string') return;
  for (const p of lifecycleProblems(doc as unknown as LifecycleDocument)) {
    if (p.code === 'unreachable') ctx.report(doc, '/transitions', `no transition leads to the state "${p.state}" from the initial state`);
    if (p.code === 'dead_end') ctx.report(doc, '/final', `the state "${p.state}" has no way out and is not final`);
  }
};
