/* Generated from metadata/schemas/report.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;
/**
 * A field path, or a date field bucketed by a time granularity.
 */
export type ReportGroup =
  | string
  | {
      field: string;
      granularity?: 'year' | 'quarter' | 'month' | 'week' | 'day';
      label?: Label;
    };

/**
 * An aggregate query over one entity, compiled to SQL, and how to chart it.
 */
export interface ReportDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'report';
  id?: string;
  name: string;
  label: Label;
  description?: Label;
  entity: string;
  filter?: JsonLogic;
  groupBy?: ReportGroup[];
  /**
   * Hierarchies a pivot of this report groups by, drills down and rolls up.
   */
  dimensions?: ReportDimension[];
  /**
   * @minItems 1
   */
  measures: [ReportMeasure, ...ReportMeasure[]];
  /**
   * By a group field or a measure name.
   */
  sort?: SortOrder[];
  limit?: number;
  chart?: ChartOptions;
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
/**
 * A hierarchy, top level first. time: a date field cut year, quarter, month, week, day in the tenant's zone (fiscal: year and quarter start at the settings' fiscalYearStart). organisation: the owner's team, then the owner (owner: the path of the owning user, default owner_id). levels: field paths, top first.
 */
export interface ReportDimension {
  name: string;
  label: Label;
  type: 'time' | 'organisation' | 'levels';
  field?: string;
  fiscal?: boolean;
  owner?: string;
  /**
   * @minItems 1
   */
  levels?: [
    {
      name: string;
      field: string;
      label?: Label;
    },
    ...{
      name: string;
      field: string;
      label?: Label;
    }[]
  ];
}
export interface ReportMeasure {
  name?: string;
  aggregate: 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max';
  /**
   * Required unless the aggregate is count.
   */
  field?: string;
  label?: Label;
}
export interface SortOrder {
  field: string;
  direction?: 'asc' | 'desc';
}
export interface ChartOptions {
  type: 'table' | 'number' | 'bar' | 'line' | 'area' | 'pie' | 'funnel';
  stacked?: boolean;
  x?: string;
  y?: string[];
}
