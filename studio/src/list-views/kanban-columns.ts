import type { DictionaryDocument, FieldDefinition, Label, LifecycleDocument, TransitionOption } from '../api/types.js';
import { enumChoices } from '../forms/enum-options.js';

export interface KanbanColumn {
  value: string;
  label?: Label;
  color?: string;
}

/** One column per value of the board's enum field, in dictionary or option order; inactive values only when `keep` holds them. */
export const kanbanColumns = (field: FieldDefinition | undefined, dictionaries: Record<string, DictionaryDocument>, keep: ReadonlySet<string> = new Set()): KanbanColumn[] =>
  field ? enumChoices(field, dictionaries).filter((c) => c.active || keep.has(c.value)).map(({ value, label, color }) => ({ value, label, color })) : [];

/** The json-logic condition that lists one column's records. */
export const columnFilter = (field: string, value: string): unknown => ({ '==': [{ var: field }, value] });

/** The lifecycle that drives `field` of `entity`, when the board's field is a state field. */
export const lifecycleOfField = (lifecycles: Record<string, LifecycleDocument> | undefined, entity: string, field: string): LifecycleDocument | undefined =>
  Object.values(lifecycles ?? {}).find((l) => l.entity === entity && l.field === field);

export type TransitionLookup = { ok: true; transition: TransitionOption } | { ok: false; reason: 'none' | 'refused'; detail?: string };

/**
 * The transition that takes a record from `from` to `to`: the first allowed one, else the
 * reason none can (no transition leads there, or the ones that do are refused now).
 */
export const transitionTo = (options: TransitionOption[], from: string, to: string): TransitionLookup => {
  const leading = options.filter((o) => o.to === to && o.from.includes(from));
  const allowed = leading.find((o) => o.allowed);
  if (allowed) return { ok: true, transition: allowed };
  if (!leading.length) return { ok: false, reason: 'none' };
  return { ok: false, reason: 'refused', detail: leading.find((o) => o.reason)?.reason };
};

const NAMED: Record<string, string> = {
  gray: '#909399',
  grey: '#909399',
  blue: '#409eff',
  cyan: '#13c2c2',
  green: '#67c23a',
  orange: '#e6a23c',
  yellow: '#f5c518',
  red: '#f56c6c',
  purple: '#9254de',
  pink: '#eb2f96',
};

/** A dictionary colour (a name like "blue" or a hex code) as CSS; unknown text gives the neutral grey. */
export const cssColor = (color: string | undefined): string => {
  if (!color) return NAMED.gray;
  if (/^#[0-9a-f]{3,8}$/i.test(color)) return color;
  return NAMED[color.toLowerCase()] ?? NAMED.gray;
};
