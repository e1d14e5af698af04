import type { DictionaryDocument, EntityDocument, FieldDefinition, ReportDocument } from '../api/types.js';
import { enumChoices } from '../forms/enum-options.js';
import { humanize, labelOf } from '../lib/label.js';
import { fieldAt } from './group-field.js';
import type { AnswerColumn } from './report-answer.js';
import type { ReportInfo, ViewLabels } from './widget-view.js';

type Measure = ReportDocument['measures'][number];

/** The key a measure has in a report's answer (as the server names it). */
export const measureKey = (m: Measure): string => m.name ?? (m.field ? `${m.aggregate}_${m.field.replace(/\./g, '_')}` : m.aggregate);

export interface LabelContext {
  entities: Record<string, EntityDocument>;
  locale: string;
  /** A value as text for its field (enum labels, user names, yes/no…). */
  format: (field: FieldDefinition | undefined, value: unknown) => string;
  /** The text of a null group value. */
  none: string;
  /** The tenant's dictionaries, for the order of an enum's choices. */
  dictionaries?: Record<string, DictionaryDocument>;
}

const groupLabel = (report: ReportDocument | undefined, column: AnswerColumn) => {
  for (const g of report?.groupBy ?? []) if (typeof g === 'object' && `${g.field}_${g.granularity ?? ''}` === `${column.field}_${column.granularity ?? ''}`) return g.label;
  return undefined;
};

/** The texts of a report's widget in the app's language, from its document and the entities' fields. */
export const reportLabels = (report: ReportDocument | undefined, entity: string, ctx: LabelContext): ViewLabels => {
  const number = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 2 });
  return {
    group: (column, value) => {
      if (value === null || value === undefined || value === '') return ctx.none;
      if (column.granularity) return String(value);
      const field = fieldAt(ctx.entities, entity, column.field ?? column.key);
      return field ? ctx.format(field, value) : String(value);
    },
    groupTitle: (column) => {
      const path = column.field ?? column.key;
      const own = groupLabel(report, column);
      if (own) return labelOf(own, ctx.locale);
      return labelOf(fieldAt(ctx.entities, entity, path)?.label, ctx.locale, humanize(path.split('.').pop() ?? path));
    },
    measure: (key) => labelOf(report?.measures.find((m) => measureKey(m) === key)?.label, ctx.locale, humanize(key)),
    number: (n) => number.format(n),
    rank: (column, value) => {
      if (column.granularity) return undefined;
      const field = fieldAt(ctx.entities, entity, column.field ?? column.key);
      const at = field ? enumChoices(field, ctx.dictionaries ?? {}).findIndex((c) => c.value === value) : -1;
      return at >= 0 ? at : undefined;
    },
    moment: (value, type) => ctx.format({ type, label: { en: '', 'zh-CN': '' } } as FieldDefinition, value),
  };
};

/** What drilling and adding up need from the report's document. */
export const reportInfo = (report: ReportDocument | undefined): ReportInfo => ({
  filter: report?.filter,
  sorted: Boolean(report?.sort?.length),
  aggregates: Object.fromEntries((report?.measures ?? []).map((m) => [measureKey(m), m.aggregate])),
});
