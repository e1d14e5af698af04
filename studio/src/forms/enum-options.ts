import type { DictionaryDocument, FieldDefinition, Label } from '../api/types.js';

export interface EnumChoice {
  value: string;
  label?: Label;
  active: boolean;
  color?: string;
}

/** The values of an enum field: its dictionary's items (in order) or its options; a text formula's labelled codes. */
export const enumChoices = (field: FieldDefinition, dictionaries: Record<string, DictionaryDocument>): EnumChoice[] => {
  if (field.type === 'formula') return (field.options ?? []).map((o) => ({ value: o.value, label: o.label, active: o.active !== false, color: o.color }));
  if (field.type !== 'enum' && field.type !== 'multi_enum') return [];
  if (field.dictionary) {
    const items = [...(dictionaries[field.dictionary]?.items ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    return items.map((i) => ({ value: i.value, label: i.label, active: i.active !== false, color: i.color }));
  }
  return (field.options ?? []).map((o) => ({ value: o.value, label: o.label, active: o.active !== false, color: o.color }));
};
