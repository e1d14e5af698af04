import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, isObj, type CheckContext, type Obj } from './check-context.js';
import { checkRuleAt } from './check-rule-at.js';
import { isDateField, isNumericField, resolveFieldPath } from './field-paths.js';
import { childPointer } from './problem.js';

/** Whether entity `owner` has a reference field `field` pointing at `target`. */
const referenceTo = (ctx: CheckContext, owner: string, field: string, target: string): boolean => {
  const f = ctx.fieldsOf(owner)?.[field];
  return f?.type === 'reference' && f.entity === target;
};

/** Reports at `pointer` when `name` is no entity; true when it is one. */
export const checkEntityExists = (ctx: CheckContext, doc: MetadataDocument, pointer: string, name: unknown): boolean => {
  if (typeof name !== 'string') return false;
  if (ctx.docs.entity.has(name)) return true;
  ctx.report(doc, pointer, `entity "${name}" does not exist`);
  return false;
};

const checkManyToMany = (ctx: CheckContext, doc: MetadataDocument, f: Obj, p: string): void => {
  const target = asString(f.entity);
  const through = asString(f.through);
  checkEntityExists(ctx, doc, `${p}/entity`, target);
  if (!checkEntityExists(ctx, doc, `${p}/through`, through)) return;
  const source = asString(f.sourceField) ?? '';
  if (!referenceTo(ctx, through!, source, doc.name)) {
    ctx.report(doc, `${p}/sourceField`, `"${through}.${source}" must be a reference field to "${doc.name}"`);
  }
  const targetField = asString(f.targetField) ?? '';
  if (target && !referenceTo(ctx, through!, targetField, target)) {
    ctx.report(doc, `${p}/targetField`, `"${through}.${targetField}" must be a reference field to "${target}"`);
  }
};

const checkRollup = (ctx: CheckContext, doc: MetadataDocument, f: Obj, p: string): void => {
  const [child, ref] = (asString(f.relation) ?? '').split('.');
  if (!child || !ref) return;
  if (!ctx.docs.entity.has(child)) return ctx.report(doc, `${p}/relation`, `entity "${child}" does not exist`);
  if (!referenceTo(ctx, child, ref, doc.name)) {
    ctx.report(doc, `${p}/relation`, `"${child}.${ref}" must be a reference field to "${doc.name}"`);
  }
  const aggregate = asString(f.aggregate);
  const field = asString(f.field);
  if (!field) {
    if (aggregate !== 'count') ctx.report(doc, `${p}/field`, `is required for aggregate "${aggregate}"`);
  } else {
    const resolved = resolveFieldPath(ctx, child, field);
    if (!resolved) ctx.report(doc, `${p}/field`, `entity "${child}" has no field "${field}"`);
    else if ((aggregate === 'sum' || aggregate === 'avg') && !isNumericField(resolved)) {
      ctx.report(doc, `${p}/field`, `"${child}.${field}" is not a number, so it cannot be summed or averaged`);
    } else if ((aggregate === 'min' || aggregate === 'max') && !isNumericField(resolved) && !isDateField(resolved)) {
      ctx.report(doc, `${p}/field`, `"${child}.${field}" is neither a number nor a date`);
    }
  }
  checkRuleAt(ctx, f.filter, { doc, pointer: `${p}/filter`, entity: child, sql: true });
};

/** A reference's dependency names a sibling reference and the target's reference to the same entity; its fills name writable fields on both sides. */
const checkReferenceLinks = (ctx: CheckContext, doc: MetadataDocument, name: string, f: Obj, p: string): void => {
  const target = asString(f.entity)!;
  if (isObj(f.dependsOn)) {
    const own = asString(f.dependsOn.field) ?? '';
    const theirs = asString(f.dependsOn.targetField) ?? '';
    const ownField = ctx.fieldsOf(doc.name)?.[own];
    if (ownField?.type !== 'reference' || own === name) ctx.report(doc, `${p}/dependsOn/field`, `"${own}" must be another reference field of "${doc.name}"`);
    else if (!referenceTo(ctx, target, theirs, asString(ownField.entity) ?? '')) {
      ctx.report(doc, `${p}/dependsOn/targetField`, `"${target}.${theirs}" must be a reference field to "${String(ownField.entity)}"`);
    }
  }
  for (const [mine, source] of Object.entries(asObj(f.fills))) {
    const own = ctx.fieldsOf(doc.name)?.[mine];
    if (!own || mine === name || FILL_FREE.has(String(own.type))) ctx.report(doc, `${p}/fills/${mine}`, `"${mine}" must be another stored field of "${doc.name}"`);
    const from = typeof source === 'string' ? ctx.fieldsOf(target)?.[source] : undefined;
    if (!from || from.type === 'many_to_many' || from.type === 'attachment') ctx.report(doc, `${p}/fills/${mine}`, `entity "${target}" has no stored field "${String(source)}"`);
  }
};

/** Field types no value is written to. */
const FILL_FREE = new Set(['formula', 'rollup', 'auto_number', 'many_to_many', 'attachment']);

const checkEnum = (ctx: CheckContext, doc: MetadataDocument, f: Obj, p: string): void => {
  const dictionary = asString(f.dictionary);
  if (dictionary && f.options !== undefined) ctx.report(doc, p, 'takes either a dictionary or options, not both');
  else if (!dictionary && f.options === undefined) ctx.report(doc, p, 'needs a dictionary or options');
  if (dictionary && !ctx.docs.dictionary.has(dictionary)) {
    ctx.report(doc, `${p}/dictionary`, `dictionary "${dictionary}" does not exist`);
  }
  const seen = new Set<string>();
  asArray(f.options).forEach((o, i) => {
    const value = asString(asObj(o).value);
    if (value === undefined) return;
    if (seen.has(value)) ctx.report(doc, `${p}/options/${i}/value`, `repeats the option "${value}"`);
    seen.add(value);
  });
};

/** Checks what one field refers to: entities, through tables, roll-up relations, dictionaries, formulas. */
export const checkField = (ctx: CheckContext, doc: MetadataDocument, name: string, f: Obj): void => {
  const p = childPointer('/fields', name);
  switch (f.type) {
    case 'reference':
      if (checkEntityExists(ctx, doc, `${p}/entity`, f.entity)) checkReferenceLinks(ctx, doc, name, f, p);
      break;
    case 'many_to_many':
      checkManyToMany(ctx, doc, f, p);
      break;
    case 'rollup':
      checkRollup(ctx, doc, f, p);
      break;
    case 'enum':
    case 'multi_enum':
      checkEnum(ctx, doc, f, p);
      break;
    case 'formula':
      checkRuleAt(ctx, f.expr, { doc, pointer: `${p}/expr`, entity: doc.name, sql: true });
      break;
  }
};
