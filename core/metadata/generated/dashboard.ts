/* Generated from metadata/schemas/dashboard.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A grid of widgets, each showing a report.
 */
export interface DashboardDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'dashboard';
  id?: string;
  name: string;
  label: Label;
  description?: Label;
  widgets: DashboardWidget[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface DashboardWidget {
  id: string;
  report: string;
  title?: Label;
  /**
   * Columns of a 12-column grid.
   */
  width?: number;
  height?: number;
  chart?: ChartOptions;
}
/**
 * Overrides the report's chart.
 */
export interface ChartOptions {
  type: 'table' | 'number' | 'bar' | 'line' | 'area' | 'pie' | 'funnel';
  stacked?: boolean;
  x?: string;
  y?: string[];
}
