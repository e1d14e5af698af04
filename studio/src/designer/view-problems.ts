import type { EntityDocument } from '../../../core/metadata/types.js';
import type { ViewDesign } from './view-design.js';

/** A problem of a view design: the control it belongs to and an i18n key under `designer.view.problems`. */
export interface ViewProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const SYSTEM_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'owner_id', 'version']);
const blank = (s: string | undefined) => !s || !s.trim();

const typeOf = (entity: EntityDocument, name: string | undefined) => (name ? entity.fields?.[name]?.type : undefined);
/** A column may be a field, a system column or a path through a reference (account.name). */
const knownPath = (entity: EntityDocument, path: string) => {
  const [first, ...rest] = path.split('.');
  if (SYSTEM_COLUMNS.has(first) && !rest.length) return true;
  const t = typeOf(entity, first);
  return t !== undefined && (!rest.length || t === 'reference' || t === 'user');
};

/**
 * Everything wrong with a view design before it is saved: name and labels, columns, the
 * kanban field (an enum), the calendar dates, the sort and the page size.
 */
export const viewProblems = (d: ViewDesign, entity: EntityDocument, takenNames: string[] = []): ViewProblem[] => {
  const out: ViewProblem[] = [];
  if (!NAME.test(d.name)) out.push({ field: 'name', key: 'name' });
  else if (takenNames.includes(d.name)) out.push({ field: 'name', key: 'nameTaken' });
  if (blank(d.label.en)) out.push({ field: 'labelEn', key: 'label' });
  if (blank(d.label['zh-CN'])) out.push({ field: 'labelZh', key: 'label' });
  if (!d.columns.length) out.push({ field: 'columns', key: 'noColumns' });
  d.columns.forEach((c, i) => {
    if (!knownPath(entity, c.field)) out.push({ field: `columns.${i}`, key: 'unknownField', params: { field: c.field } });
    if (c.width !== undefined && (!Number.isInteger(c.width) || c.width < 20 || c.width > 2000)) out.push({ field: `columns.${i}.width`, key: 'width', params: { field: c.field } });
  });
  const seen = new Set<string>();
  for (const c of d.columns) {
    if (seen.has(c.field)) out.push({ field: 'columns', key: 'duplicateColumn', params: { field: c.field } });
    seen.add(c.field);
  }
  if (d.type === 'kanban') {
    if (!d.kanbanField) out.push({ field: 'kanbanField', key: 'kanbanMissing' });
    else if (typeOf(entity, d.kanbanField) !== 'enum') out.push({ field: 'kanbanField', key: 'kanbanEnum' });
  }
  if (d.type === 'calendar') {
    const dated = (n?: string) => ['date', 'datetime'].includes(typeOf(entity, n) ?? '');
    if (!d.dateField) out.push({ field: 'dateField', key: 'dateMissing' });
    else if (!dated(d.dateField)) out.push({ field: 'dateField', key: 'dateType' });
    if (d.endField && !dated(d.endField)) out.push({ field: 'endField', key: 'dateType' });
  }
  if (d.sort?.field && !knownPath(entity, d.sort.field)) out.push({ field: 'sort', key: 'unknownField', params: { field: d.sort.field } });
  if (d.pageSize !== undefined && (!Number.isInteger(d.pageSize) || d.pageSize < 1 || d.pageSize > 500)) out.push({ field: 'pageSize', key: 'pageSize' });
  return out;
};
