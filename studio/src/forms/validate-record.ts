import type { EntityDocument, FieldDefinition } from '../api/types.js';
import { ruleAccepts } from '../../../core/rules/evaluate.js';
import { maxLengthOf } from '../../../core/metadata/text-limits.js';
import type { FieldMessage, FormItemLayout } from './types.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

const isUrl = (v: string): boolean => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

const patternFails = (pattern: string, v: string): boolean => {
  try {
    return !new RegExp(pattern, 'u').test(v);
  } catch {
    return false;
  }
};

/** Problems of one value against its field's metadata (the server checks the same and more). */
export const valueMessages = (name: string, field: FieldDefinition, value: unknown, required: boolean): FieldMessage[] => {
  if (isEmpty(value)) return required ? [{ field: name, key: 'validation.required' }] : [];
  const out: FieldMessage[] = [];
  const msg = (key: string, n?: string | number) => out.push({ field: name, key, params: n === undefined ? {} : { n } });
  switch (field.type) {
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url': {
      const s = String(value);
      if (field.minLength !== undefined && s.length < field.minLength) msg('validation.minLength', field.minLength);
      const max = maxLengthOf(field);
      if (max !== undefined && s.length > max) msg('validation.maxLength', max);
      if (field.pattern && patternFails(field.pattern, s)) msg('validation.pattern');
      if (field.type === 'email' && !EMAIL.test(s)) msg('validation.email');
      if (field.type === 'url' && !isUrl(s)) msg('validation.url');
      break;
    }
    case 'integer':
    case 'decimal':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) msg('validation.number');
      else {
        if (field.type === 'integer' && !Number.isInteger(n)) msg('validation.integer');
        if (field.min !== undefined && n < field.min) msg('validation.min', field.min);
        if (field.max !== undefined && n > field.max) msg('validation.max', field.max);
      }
      break;
    }
    case 'date':
    case 'datetime': {
      const s = String(value);
      const at = (v: string) => (field.type === 'date' ? v.slice(0, 10) : new Date(v).toISOString());
      try {
        if (field.min && at(s) < at(field.min)) msg('validation.dateMin', field.min);
        if (field.max && at(s) > at(field.max)) msg('validation.dateMax', field.max);
      } catch {
        /* an unparseable date is the server's to reject */
      }
      break;
    }
    default:
      break;
  }
  return out;
};

export interface ValidateInput {
  entity: EntityDocument;
  items: FormItemLayout[];
  values: Record<string, unknown>;
  /** $user, $now, $today and $old for the entity's rules. */
  context?: Record<string, unknown>;
}

/**
 * Client-side checks before saving: every editable item of the form (required, lengths,
 * patterns, formats, ranges), then the entity's rules, evaluated by the same rule module
 * as the server. Returns one message per problem; an empty list means the form may be sent.
 */
export const validateRecord = ({ entity, items, values, context = {} }: ValidateInput): FieldMessage[] => {
  const out = items.filter((i) => !i.readonly).flatMap((i) => valueMessages(i.name, i.field, values[i.name], i.required));
  const data: Record<string, unknown> = { ...context };
  for (const name of Object.keys(entity.fields ?? {})) data[name] = values[name] ?? null;
  for (const rule of entity.rules ?? []) {
    let ok = true;
    try {
      ok = ruleAccepts(rule.rule, data);
    } catch {
      ok = true;
    }
    if (!ok) for (const field of rule.fields?.length ? rule.fields : ['']) out.push({ field, text: rule.message });
  }
  return out;
};
