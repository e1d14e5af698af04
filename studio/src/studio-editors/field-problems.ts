import type { DictionaryDocument, EntityDocument } from '../api/types.js';
import { nameProblem } from './entity-name.js';
import { familyOf, isComputed, type FieldForm } from './field-form.js';

/** A problem of one input of the field editor: a message key of `studioEntities.problems` with parameters. */
export interface FormProblem {
  key: string;
  params?: Record<string, string | number>;
}

export interface FieldCheckContext {
  /** Names taken by the entity's other fields (empty when editing an existing field). */
  taken: string[];
  isNew: boolean;
  entities: Record<string, EntityDocument>;
  dictionaries: Record<string, unknown>;
  /** The entity the field belongs to. */
  entity: string;
}

const CURRENCY = /^[A-Z]{3}$/;

const badRegex = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
    return false;
  } catch {
    return true;
  }
};

const badJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
};

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The editor's own checks before a save, keyed by the property they are about (the
 * server checks the same and more; its answers land on the same keys).
 */
export const fieldProblems = (form: FieldForm, ctx: FieldCheckContext): Record<string, FormProblem> => {
  const out: Record<string, FormProblem> = {};
  if (ctx.isNew) {
    const n = nameProblem(form.name, 'field', ctx.taken);
    if (n) out.name = { key: `names.${n.key}`, params: n.params };
  }
  if (!form.label.en.trim() || !form.label.zh.trim()) out.label = { key: 'problems.labelBoth' };
  if (Boolean(form.description.en.trim()) !== Boolean(form.description.zh.trim())) out.description = { key: 'problems.helpBoth' };
  const family = familyOf(form.type);
  if (family === 'text') {
    if (isNum(form.minLength) && isNum(form.maxLength) && form.minLength > form.maxLength) out.maxLength = { key: 'problems.maxBelowMin' };
    if (form.pattern && badRegex(form.pattern)) out.pattern = { key: 'problems.badPattern' };
  }
  if (family === 'number') {
    if (isNum(form.min) && isNum(form.max) && form.min > form.max) out.max = { key: 'problems.maxBelowMin' };
    if (isNum(form.precision) && isNum(form.scale) && form.scale > form.precision) out.scale = { key: 'problems.scaleAbovePrecision' };
    if (form.type === 'currency' && form.currency && !CURRENCY.test(form.currency)) out.currency = { key: 'problems.currency' };
  }
  if (family === 'date' && typeof form.min === 'string' && typeof form.max === 'string' && form.min && form.max && form.min > form.max) {
    out.max = { key: 'problems.maxBelowMin' };
  }
  if (family === 'enum') {
    if (form.source === 'dictionary') {
      if (!form.dictionary) out.dictionary = { key: 'problems.pickDictionary' };
      else if (!(form.dictionary in ctx.dictionaries)) out.dictionary = { key: 'problems.noDictionary', params: { name: form.dictionary } };
    } else {
      const values = form.options.map((o) => o.value.trim()).filter(Boolean);
      const repeated = values.find((v, i) => values.indexOf(v) !== i);
      const halfLabelled = form.options.find((o) => o.value.trim() && Boolean(o.en.trim()) !== Boolean(o.zh.trim()));
      if (!values.length) out.options = { key: 'problems.noOptions' };
      else if (halfLabelled) out.options = { key: 'problems.optionLabel', params: { value: halfLabelled.value.trim() } };
      else if (repeated) out.options = { key: 'problems.repeatedOption', params: { value: repeated } };
    }
  }
  if ((form.type === 'reference' || form.type === 'many_to_many') && !form.entity) out.entity = { key: 'problems.pickEntity' };
  if (form.type === 'reference' && form.onDelete === 'set_null' && form.required) out.onDelete = { key: 'problems.setNullRequired' };
  if (form.type === 'many_to_many') {
    const through = ctx.entities[form.through];
    if (!form.through) out.through = { key: 'problems.pickEntity' };
    const refTo = (f: string, target: string) => {
      const def = through?.fields?.[f];
      return def?.type === 'reference' && def.entity === target;
    };
    if (through && !refTo(form.sourceField, ctx.entity)) out.sourceField = { key: 'problems.mustReference', params: { entity: ctx.entity } };
    if (through && form.entity && !refTo(form.targetField, form.entity)) out.targetField = { key: 'problems.mustReference', params: { entity: form.entity } };
  }
  if (form.type === 'formula') {
    if (!form.expr.trim()) out.expr = { key: 'problems.exprRequired' };
    else if (badJson(form.expr)) out.expr = { key: 'problems.badJson' };
  }
  if (form.type === 'rollup') {
    const [child, ref] = form.relation.split('.');
    const childDoc = child ? ctx.entities[child] : undefined;
    const refDef = childDoc?.fields?.[ref ?? ''];
    if (!form.relation) out.relation = { key: 'problems.pickRelation' };
    else if (!childDoc || refDef?.type !== 'reference' || refDef.entity !== ctx.entity) out.relation = { key: 'problems.mustReference', params: { entity: ctx.entity } };
    if (form.aggregate !== 'count' && !form.field) out.field = { key: 'problems.pickField' };
    if (form.filter.trim() && badJson(form.filter)) out.filter = { key: 'problems.badJson' };
  }
  if (!isComputed(form.type) && form.default !== null && form.default !== '' && form.unique) out.default = { key: 'problems.uniqueDefault' };
  return out;
};

/** Dictionaries by name, for the check context (the draft ones included). */
export const dictionaryNames = (dicts: Record<string, DictionaryDocument>): Record<string, true> =>
  Object.fromEntries(Object.keys(dicts).map((k) => [k, true as const]));
