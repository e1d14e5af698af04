import type { EntityDocument, FieldDefinition, Label, ReportDocument } from '../api/types.js';
import { measureKey as answerKeyOf } from '../dashboards/report-labels.js';
import { valueType } from '../lib/filter-logic.js';

export type Aggregate = ReportDocument['measures'][number]['aggregate'];
export type Granularity = 'year' | 'quarter' | 'month' | 'week' | 'day';
export type ChartType = NonNullable<ReportDocument['chart']>['type'];

export const AGGREGATES: Aggregate[] = ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'];
export const GRANULARITIES: Granularity[] = ['year', 'quarter', 'month', 'week', 'day'];
export const CHART_TYPES: ChartType[] = ['bar', 'line', 'area', 'pie', 'funnel', 'number', 'table'];
/** At most this many group-bys: the x axis and the series split. */
export const MAX_GROUPS = 2;

/** A group-by: a field, and for a date a time bucket (the time hierarchy's levels). */
export interface DesignGroup {
  field: string;
  granularity?: Granularity;
  /** The stored report's own heading for it, kept while the field stays. */
  label?: Label;
}

export interface DesignMeasure {
  aggregate: Aggregate;
  /** Empty for a count of records. */
  field: string;
  /** The key a stored report gave it (its rows', charts' and dashboards' name for it): kept on saving. */
  name?: string;
  /** The stored report's own wording, kept while the aggregate and field stay as they were. */
  label?: Label;
}

/** Everything the report designer edits; the document is built from it (toReportDocument). */
export interface ReportDesign {
  name: string;
  label: Label;
  entity: string;
  groups: DesignGroup[];
  measures: DesignMeasure[];
  /** json-logic from the condition builder; undefined: every record. */
  filter?: unknown;
  chart: ChartType;
  stacked: boolean;
  /** The pivot's hierarchies this report also offers (drill down and roll up in the analysis page). */
  hierarchies: ('time' | 'organisation')[];
}

/**
 * What the designer cannot show but keeps when saving an existing document (id, description,
 * sort, limit…), with the document's hierarchies as written (their labels, fields through
 * references, level hierarchies, fiscal time), kept while their kind stays chosen.
 */
export type KeptParts = Omit<ReportDocument, 'kind' | 'name' | 'label' | 'entity' | 'groupBy' | 'measures' | 'filter' | 'chart'>;

/** The record columns every entity has that a report may group by (labelled here: they are not the entity's fields). */
export const SYSTEM_DATES: Record<string, FieldDefinition> = {
  created_at: { type: 'datetime', label: { en: 'Created', 'zh-CN': '创建时间' } } as FieldDefinition,
  updated_at: { type: 'datetime', label: { en: 'Last changed', 'zh-CN': '最后修改时间' } } as FieldDefinition,
};
const SYSTEM_OWNER: Record<string, FieldDefinition> = { owner_id: { type: 'user', label: { en: 'Owner', 'zh-CN': '负责人' } } as FieldDefinition };
/** How many references a report's field may cross (`sales_order.customer.region`). */
export const MAX_HOPS = 2;

const NUMERIC = new Set(['integer', 'decimal', 'currency', 'percent']);
const DATES = new Set(['date', 'datetime']);
const GROUPABLE = new Set(['enum', 'boolean', 'reference', 'user', 'text', 'date', 'datetime', 'integer']);

const joined = (a: Label | undefined, b: Label | undefined, fallback: string): Label => ({
  en: `${a?.en ?? fallback} › ${b?.en ?? ''}`,
  'zh-CN': `${a?.['zh-CN'] ?? a?.en ?? fallback} › ${b?.['zh-CN'] ?? b?.en ?? ''}`,
});

/**
 * The fields of an entity with their definitions: its own, the system dates and the owner, and,
 * given the other entities, the fields of the records its references point to, up to MAX_HOPS
 * references away (`customer.region`, labelled "Customer › Region"), as a report may read them.
 */
export const fieldsOf = (entity: EntityDocument | undefined, entities: Record<string, EntityDocument> = {}, hops = MAX_HOPS): Record<string, FieldDefinition> => {
  const own: Record<string, FieldDefinition> = { ...(entity?.fields ?? {}), ...(entity?.fields.owner_id ? {} : SYSTEM_OWNER), ...SYSTEM_DATES };
  if (hops <= 0 || !entity) return own;
  const out = { ...own };
  for (const [name, f] of Object.entries(entity.fields)) {
    if (f.type !== 'reference' || !entities[f.entity] || f.entity === entity.name) continue;
    for (const [path, g] of Object.entries(fieldsOf(entities[f.entity], entities, hops - 1))) {
      if (g.type === 'long_text' || g.type === 'json') continue;
      out[`${name}.${path}`] = { ...g, label: joined(f.label, g.label, name) } as FieldDefinition;
    }
  }
  return out;
};
/** By the type of its values: a formula's result type, a roll-up's number (an order's total is summed like an amount). */
export const isDate = (f: FieldDefinition | undefined): boolean => Boolean(f && DATES.has(valueType(f)));
export const isNumeric = (f: FieldDefinition | undefined): boolean => Boolean(f && NUMERIC.has(valueType(f)));
/** A field a report may group by; a formula by its result type (roll-ups and running numbers are per record, not groups). */
export const canGroupBy = (f: FieldDefinition | undefined): boolean => Boolean(f && GROUPABLE.has(f.type === 'formula' ? valueType(f) : f.type));

/** The fields a measure of this aggregate may read: numbers for sum and avg, numbers and dates for min and max, any for counts. */
export const measureFields = (entity: EntityDocument | undefined, aggregate: Aggregate, entities: Record<string, EntityDocument> = {}): string[] =>
  Object.entries(fieldsOf(entity, entities))
    .filter(([, f]) => (aggregate === 'sum' || aggregate === 'avg' ? isNumeric(f) : aggregate === 'min' || aggregate === 'max' ? isNumeric(f) || isDate(f) : f.type !== 'long_text' && f.type !== 'json'))
    .map(([name]) => name);

/** A measure whose value is a date (the earliest or latest of a date field). */
const isDated = (m: DesignMeasure, fields: Record<string, FieldDefinition>): boolean => (m.aggregate === 'min' || m.aggregate === 'max') && isDate(fields[m.field]);

/** The key the server gives a group in the answer (a chart's `x`). */
export const groupKey = (g: DesignGroup): string => (g.granularity ? `${g.field}_${g.granularity}` : g.field);
/** The key the server gives a measure (a chart's `y`): one rule with the dashboards'. */
export const measureKey = (m: DesignMeasure): string => answerKeyOf({ ...m, field: m.field || undefined });

const AGGREGATE_WORDS: Record<Aggregate, Label> = {
  count: { en: 'Count of {field}', 'zh-CN': '{field}计数' },
  count_distinct: { en: 'Distinct {field}', 'zh-CN': '{field}去重计数' },
  sum: { en: 'Total {field}', 'zh-CN': '{field}合计' },
  avg: { en: 'Average {field}', 'zh-CN': '平均{field}' },
  min: { en: 'Lowest {field}', 'zh-CN': '最小{field}' },
  max: { en: 'Highest {field}', 'zh-CN': '最大{field}' },
};
const RECORDS: Label = { en: 'Records', 'zh-CN': '记录数' };

/** A measure's label in both languages, from its aggregate and the field's label. */
export const measureLabel = (m: DesignMeasure, entity: EntityDocument | undefined, entities: Record<string, EntityDocument> = {}): Label => {
  if (!m.field) return RECORDS;
  const field = fieldsOf(entity, entities)[m.field]?.label;
  const words = AGGREGATE_WORDS[m.aggregate];
  return { en: words.en.replace('{field}', field?.en ?? m.field), 'zh-CN': words['zh-CN'].replace('{field}', field?.['zh-CN'] ?? field?.en ?? m.field) };
};

/** A new report of an entity: the number of its records by nothing yet, as a bar. */
export const newReportDesign = (name: string, entity = ''): ReportDesign => ({
  name,
  label: { en: '', 'zh-CN': '' },
  entity,
  groups: [],
  measures: [{ aggregate: 'count', field: '' }],
  chart: 'bar',
  stacked: false,
  hierarchies: [],
});

/** The design of a stored report, and the parts the designer keeps as they are. */
export const fromReportDocument = (doc: ReportDocument): { design: ReportDesign; kept: KeptParts } => {
  const { kind, name, label, entity, groupBy, measures, filter, chart, ...kept } = doc;
  const { dimensions } = doc;
  void kind;
  return {
    design: {
      name,
      label: { en: label?.en ?? '', 'zh-CN': label?.['zh-CN'] ?? '' },
      entity,
      groups: (groupBy ?? []).map((g) => (typeof g === 'string' ? { field: g } : { field: g.field, ...(g.granularity && { granularity: g.granularity }), ...(g.label && { label: g.label }) })),
      measures: measures.map((m) => ({ aggregate: m.aggregate, field: m.field ?? '', ...(m.name && { name: m.name }), ...(m.label && { label: m.label }) })),
      ...(filter !== undefined && { filter }),
      // A report with no chart of its own is read as a table (an analysis report with hierarchies only).
      chart: chart?.type ?? (groupBy?.length ? 'bar' : 'table'),
      stacked: chart?.stacked ?? false,
      hierarchies: [...new Set((dimensions ?? []).map((d) => d.type).filter((t): t is 'time' | 'organisation' => t === 'time' || t === 'organisation'))],
    },
    kept,
  };
};

const TIME_LABEL: Label = { en: 'Time', 'zh-CN': '时间' };
const ORGANISATION_LABEL: Label = { en: 'Organisation', 'zh-CN': '组织' };

/** The report document the design stands for: what is saved as the draft and what the preview runs. */
export const toReportDocument = (design: ReportDesign, entity: EntityDocument | undefined, kept: KeptParts = {}, entities: Record<string, EntityDocument> = {}): ReportDocument => {
  const fields = fieldsOf(entity, entities);
  const groupBy = design.groups.map((g) => {
    const own = g.label ?? SYSTEM_DATES[g.field]?.label;
    return g.granularity || own ? { field: g.field, ...(g.granularity && { granularity: g.granularity }), ...(own && { label: own }) } : g.field;
  });
  const keys = new Set([...design.groups.map(groupKey), ...design.measures.map(measureKey)]);
  const sort = kept.sort?.filter((s) => keys.has(s.field));
  const dateField = design.groups.find((g) => g.granularity)?.field ?? Object.keys(fields).find((f) => isDate(fields[f]));
  // The document's own hierarchies stay as written while their kind is chosen; a newly chosen kind gets the designer's.
  const dimensions = (kept.dimensions ?? []).filter((d) => (d.type !== 'time' && d.type !== 'organisation') || design.hierarchies.includes(d.type));
  const has = (type: string) => dimensions.some((d) => d.type === type);
  if (design.hierarchies.includes('time') && dateField && !has('time')) dimensions.push({ name: 'time', label: TIME_LABEL, type: 'time', field: dateField });
  if (design.hierarchies.includes('organisation') && !has('organisation')) dimensions.push({ name: 'organisation', label: ORGANISATION_LABEL, type: 'organisation' });
  const chartable = design.chart !== 'table' && design.chart !== 'number' && design.groups.length > 0;
  // An earliest or latest date is read in the table under the chart, never drawn as a bar.
  const drawn = design.measures.filter((m) => !(isDated(m, fields)));
  return {
    ...kept,
    ...(sort?.length ? { sort } : { sort: undefined }),
    kind: 'report',
    name: design.name,
    label: { en: design.label.en.trim(), 'zh-CN': design.label['zh-CN'].trim() },
    entity: design.entity,
    ...(groupBy.length && { groupBy }),
    ...(dimensions.length ? { dimensions } : { dimensions: undefined }),
    measures: design.measures.map((m) => ({ ...(m.name && { name: m.name }), aggregate: m.aggregate, ...(m.field && { field: m.field }), label: m.label ?? measureLabel(m, entity, entities) })),
    ...(design.filter !== undefined && design.filter !== null && { filter: design.filter as ReportDocument['filter'] }),
    chart: {
      type: design.chart,
      ...(design.stacked && chartable && design.groups.length > 1 && { stacked: true }),
      ...(chartable && { x: groupKey(design.groups[0]), y: drawn.map(measureKey) }),
    },
  } as ReportDocument;
};

/** One thing that keeps the design from being saved: the part it is about and an i18n key under `reportDesigner.problems`. */
export interface DesignProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Every problem of the design (empty: it can be previewed and saved). */
export const designProblems = (design: ReportDesign, entity: EntityDocument | undefined, entities: Record<string, EntityDocument> = {}): DesignProblem[] => {
  const out: DesignProblem[] = [];
  const fields = fieldsOf(entity, entities);
  if (!NAME.test(design.name)) out.push({ field: 'name', key: 'name' });
  if (!design.label.en.trim()) out.push({ field: 'label.en', key: 'labelEn' });
  if (!design.label['zh-CN'].trim()) out.push({ field: 'label.zh-CN', key: 'labelZh' });
  if (!design.entity || !entity) {
    out.push({ field: 'entity', key: 'entity' });
    return out;
  }
  if (design.groups.length > MAX_GROUPS) out.push({ field: 'groups', key: 'tooManyGroups', params: { max: MAX_GROUPS } });
  design.groups.forEach((g, i) => {
    const f = fields[g.field];
    if (!g.field || !canGroupBy(f)) out.push({ field: `groups.${i}`, key: 'groupField', params: { n: i + 1 } });
    else if (g.granularity && !isDate(f)) out.push({ field: `groups.${i}`, key: 'granularity', params: { n: i + 1 } });
  });
  if (new Set(design.groups.map(groupKey)).size < design.groups.length) out.push({ field: 'groups', key: 'sameGroup' });
  if (!design.measures.length) out.push({ field: 'measures', key: 'noMeasure' });
  design.measures.forEach((m, i) => {
    if (m.aggregate !== 'count' && !m.field) out.push({ field: `measures.${i}`, key: 'measureField', params: { n: i + 1 } });
    else if (m.field && !measureFields(entity, m.aggregate, entities).includes(m.field)) out.push({ field: `measures.${i}`, key: 'measureType', params: { n: i + 1 } });
  });
  if (new Set(design.measures.map(measureKey)).size < design.measures.length) out.push({ field: 'measures', key: 'sameMeasure' });
  if (['bar', 'line', 'area', 'pie', 'funnel'].includes(design.chart) && !design.groups.length) out.push({ field: 'chart', key: 'chartNeedsGroup' });
  if ((design.chart === 'pie' || design.chart === 'funnel') && design.groups.length > 1) out.push({ field: 'chart', key: 'chartOneGroup' });
  const onlyDates = design.measures.length > 0 && design.measures.every((m) => isDated(m, fields));
  if (onlyDates && design.chart !== 'table' && design.chart !== 'number') out.push({ field: 'chart', key: 'dateMeasureChart' });
  if (design.hierarchies.includes('time') && !Object.values(fields).some(isDate)) out.push({ field: 'hierarchies', key: 'noDate' });
  return out;
};
