import type { FieldDefinition, FieldType } from '../api/types.js';

/** Every field type the studio offers, in the order of the type picker. */
export const FIELD_TYPES: FieldType[] = [
  'text', 'long_text', 'email', 'phone', 'url', 'integer', 'decimal', 'currency', 'percent', 'boolean', 'date', 'datetime',
  'enum', 'multi_enum', 'reference', 'many_to_many', 'user', 'formula', 'rollup', 'auto_number', 'json', 'attachment',
];

export interface OptionRow {
  value: string;
  en: string;
  zh: string;
  color: string;
  active: boolean;
}

/**
 * The field editor's state: one flat object whose keys are the field's own property names
 * (so a server problem at `/fields/<name>/<property>` lands on the input of that property).
 * Numbers are null when empty; json-logic is edited as text.
 */
export interface FieldForm {
  name: string;
  type: FieldType;
  label: { en: string; zh: string };
  description: { en: string; zh: string };
  required: boolean;
  unique: boolean;
  readonly: boolean;
  default: unknown;
  minLength: number | null;
  maxLength: number | null;
  pattern: string;
  min: number | string | null;
  max: number | string | null;
  precision: number | null;
  scale: number | null;
  currency: string;
  source: 'options' | 'dictionary';
  dictionary: string;
  options: OptionRow[];
  entity: string;
  onDelete: '' | 'restrict' | 'set_null' | 'cascade';
  through: string;
  sourceField: string;
  targetField: string;
  resultType: 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime';
  expr: string;
  relation: string;
  aggregate: 'sum' | 'count' | 'min' | 'max' | 'avg';
  field: string;
  filter: string;
  prefix: string;
  digits: number | null;
  multiple: boolean;
  maxFiles: number | null;
  maxSizeMb: number | null;
  /** File types taken, comma-separated (".pdf, image/*"). */
  accept: string;
}

export const blankFieldForm = (type: FieldType = 'text'): FieldForm => ({
  name: '', type, label: { en: '', zh: '' }, description: { en: '', zh: '' }, required: false, unique: false, readonly: false, default: null,
  minLength: null, maxLength: null, pattern: '', min: null, max: null, precision: null, scale: null, currency: '',
  source: 'options', dictionary: '', options: [], entity: '', onDelete: '', through: '', sourceField: '', targetField: '',
  resultType: 'decimal', expr: '', relation: '', aggregate: 'count', field: '', filter: '', prefix: '', digits: null, multiple: false, maxFiles: null, maxSizeMb: null, accept: '',
});

/** Which family of options a type has (each family is one block of the editor). */
export const familyOf = (type: FieldType): string => {
  if (['text', 'long_text', 'email', 'phone', 'url'].includes(type)) return 'text';
  if (['integer', 'decimal', 'currency', 'percent'].includes(type)) return 'number';
  if (type === 'date' || type === 'datetime') return 'date';
  if (type === 'enum' || type === 'multi_enum') return 'enum';
  return type;
};

/** Types whose value is computed, so required / unique / default do not apply. */
export const isComputed = (type: FieldType): boolean => ['formula', 'rollup', 'auto_number', 'many_to_many'].includes(type);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const logicText = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));

/** A stored field as the editor's state. */
export const fieldToForm = (name: string, f: FieldDefinition): FieldForm => {
  const any = f as unknown as Record<string, unknown>;
  const form = blankFieldForm(f.type);
  const label = (f.label ?? {}) as Record<string, string>;
  const description = (f.description ?? {}) as Record<string, string>;
  Object.assign(form, {
    name,
    label: { en: label.en ?? '', zh: label['zh-CN'] ?? '' },
    description: { en: description.en ?? '', zh: description['zh-CN'] ?? '' },
    required: Boolean(f.required), unique: Boolean(f.unique), readonly: Boolean(f.readonly), default: f.default ?? null,
    minLength: num(any.minLength), maxLength: num(any.maxLength), pattern: str(any.pattern),
    min: typeof any.min === 'number' || typeof any.min === 'string' ? any.min : null,
    max: typeof any.max === 'number' || typeof any.max === 'string' ? any.max : null,
    precision: num(any.precision), scale: num(any.scale), currency: str(any.currency),
    source: any.dictionary ? 'dictionary' : 'options', dictionary: str(any.dictionary),
    options: ((any.options ?? []) as { value: string; label?: Record<string, string>; color?: string; active?: boolean }[]).map((o) => ({
      value: o.value, en: o.label?.en ?? '', zh: o.label?.['zh-CN'] ?? '', color: o.color ?? '', active: o.active !== false,
    })),
    entity: str(any.entity), onDelete: str(any.onDelete), through: str(any.through), sourceField: str(any.sourceField), targetField: str(any.targetField),
    resultType: any.resultType ?? 'decimal', expr: logicText(any.expr), relation: str(any.relation), aggregate: any.aggregate ?? 'count',
    field: str(any.field), filter: logicText(any.filter), prefix: str(any.prefix), digits: num(any.digits), multiple: Boolean(any.multiple),
    maxFiles: num(any.maxFiles), maxSizeMb: num(any.maxSizeMb), accept: Array.isArray(any.accept) ? (any.accept as string[]).join(', ') : '',
  });
  return form;
};

const parseLogic = (text: string): unknown => {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const label = (l: { en: string; zh: string }) => {
  const out: Record<string, string> = {};
  if (l.en.trim()) out.en = l.en.trim();
  if (l.zh.trim()) out['zh-CN'] = l.zh.trim();
  return Object.keys(out).length ? out : undefined;
};

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Drops empty values, so a stored document stays sparse. */
const sparse = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => present(v) && v !== false));

const optionOf = (o: OptionRow): Record<string, unknown> => ({ ...sparse({ value: o.value.trim(), label: label(o), color: o.color.trim() }), ...(o.active ? {} : { active: false }) });

/** The editor's state as a field definition, with only the properties its type takes. */
export const formToField = (form: FieldForm): FieldDefinition => {
  const computed = isComputed(form.type);
  const base = {
    type: form.type,
    label: label(form.label),
    description: label(form.description),
    required: !computed && form.required,
    unique: !computed && form.unique,
    readonly: form.readonly,
    default: computed ? undefined : form.default,
  };
  const byFamily: Record<string, Record<string, unknown>> = {
    text: { minLength: form.minLength, maxLength: form.maxLength, pattern: form.pattern.trim() },
    number: { min: form.min, max: form.max, precision: form.type === 'decimal' || form.type === 'currency' ? form.precision : null, scale: form.type === 'decimal' || form.type === 'currency' ? form.scale : null, currency: form.type === 'currency' ? form.currency.trim() : '' },
    date: { min: form.min, max: form.max },
    enum: form.source === 'dictionary'
      ? { dictionary: form.dictionary }
      : { options: form.options.filter((o) => o.value.trim()).map(optionOf) },
    reference: { entity: form.entity, onDelete: form.onDelete },
    many_to_many: { entity: form.entity, through: form.through, sourceField: form.sourceField, targetField: form.targetField },
    formula: { resultType: form.resultType, expr: parseLogic(form.expr) },
    rollup: { relation: form.relation, aggregate: form.aggregate, field: form.aggregate === 'count' ? '' : form.field, filter: parseLogic(form.filter) },
    auto_number: { prefix: form.prefix, digits: form.digits },
    attachment: {
      multiple: form.multiple,
      maxFiles: form.multiple ? form.maxFiles : null,
      maxSizeMb: form.maxSizeMb,
      accept: [...new Set(form.accept.split(',').map((a) => a.trim()).filter(Boolean))],
    },
  };
  const options = byFamily[familyOf(form.type)] ?? {};
  const def = sparse({ ...base, ...options });
  if (form.type === 'enum' || form.type === 'multi_enum') {
    if (form.source === 'options') def.options = (options.options as unknown[]) ?? [];
  }
  if (form.readonly === false) delete def.readonly;
  return def as unknown as FieldDefinition;
};

/**
 * What an overlay of a field below needs to carry: the properties the editor changed,
 * without the type (only the layer that owns a field may change it).
 */
export const fieldPatch = (before: FieldDefinition, after: FieldDefinition): Partial<FieldDefinition> => {
  const out: Record<string, unknown> = {};
  const b = before as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(after as unknown as Record<string, unknown>)) {
    if (k === 'type') continue;
    if (JSON.stringify(b[k]) !== JSON.stringify(v)) out[k] = v;
  }
  return out as Partial<FieldDefinition>;
};
