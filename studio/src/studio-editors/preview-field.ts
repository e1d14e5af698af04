import type { DictionaryDocument, FieldDefinition } from '../api/types.js';
import { enumChoices } from '../forms/enum-options.js';

/**
 * The definition the preview widget is drawn with: a picklist over a dictionary (perhaps a
 * draft one the app has not loaded) gets that dictionary's values as inline options.
 */
export const previewDefinition = (field: FieldDefinition, dictionaries: Record<string, DictionaryDocument>): FieldDefinition => {
  if ((field.type === 'enum' || field.type === 'multi_enum') && field.dictionary) {
    const options = enumChoices(field, dictionaries).map((c) => ({ value: c.value, label: c.label, color: c.color, active: c.active }));
    const { dictionary, ...rest } = field;
    void dictionary;
    return { ...rest, options } as FieldDefinition;
  }
  return field;
};
