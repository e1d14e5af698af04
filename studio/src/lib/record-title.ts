import type { EntityDocument, RecordData } from '../api/types.js';

/** The fields to ask for so a record can be named: the title path when it goes through a reference. */
export const titleExtra = (path: string): string[] => (path.includes('.') ? [path] : []);

/** The record's name for headings: its title value, else a short id. */
export const recordTitle = (entity: EntityDocument | undefined, record: RecordData | null | undefined, path: string): string => {
  if (!record) return '';
  const v = record[path] ?? (entity?.titleField ? record[entity.titleField] : undefined);
  return v === null || v === undefined || v === '' ? String(record.id ?? '').slice(0, 8) : String(v);
};
