import type { EntityDocument, RecordData } from '../api/types.js';
import { enumChoices } from '../forms/enum-options.js';
import { currentLocale } from '../i18n/index.js';
import { labelOf } from './label.js';

/** The fields to ask for so a record can be named: the title path when it goes through a reference. */
export const titleExtra = (path: string): string[] => (path.includes('.') ? [path] : []);

/** The record's name for headings: its title value, else a short id. */
export const recordTitle = (entity: EntityDocument | undefined, record: RecordData | null | undefined, path: string): string => {
  if (!record) return '';
  const v = record[path] ?? (entity?.titleField ? record[entity.titleField] : undefined);
  if (v === null || v === undefined || v === '') return String(record.id ?? '').slice(0, 8);
  // A title that is a code with labels (an enum's options) reads as its label.
  const field = entity?.fields[path] ?? (entity?.titleField ? entity.fields[entity.titleField] : undefined);
  const choice = field ? enumChoices(field, {}).find((c) => c.value === v) : undefined;
  return choice ? labelOf(choice.label, currentLocale(), String(v)) : String(v);
};
