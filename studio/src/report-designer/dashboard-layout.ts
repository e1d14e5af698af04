import type { DashboardDocument, Label } from '../api/types.js';

export type Widget = DashboardDocument['widgets'][number];

/** The grid's columns; a widget is 1–12 columns wide and 1–12 rows (of 60 px) high. */
export const COLUMNS = 12;
export const MAX_HEIGHT = 12;
const DEFAULT = { width: 6, height: 5 };

const clamp = (n: number, max: number): number => Math.max(1, Math.min(max, Math.round(n)));

/** Everything the dashboard designer edits: the document itself (widgets in reading order). */
export interface DashboardDesign {
  name: string;
  label: Label;
  widgets: Widget[];
}

export const newDashboardDesign = (name: string): DashboardDesign => ({ name, label: { en: '', 'zh-CN': '' }, widgets: [] });

/** The width and height a widget is drawn with (the defaults where it has none). */
export const sizeOf = (w: Widget): { width: number; height: number } => ({ width: clamp(w.width ?? DEFAULT.width, COLUMNS), height: clamp(w.height ?? DEFAULT.height, MAX_HEIGHT) });

/** Adds a report's widget at the end, with an id no other widget has. */
export const addWidget = (widgets: Widget[], report: string): Widget[] => {
  const taken = new Set(widgets.map((w) => w.id));
  let id = report.slice(0, 60);
  for (let n = 2; taken.has(id); n++) id = `${report.slice(0, 58)}_${n}`;
  return [...widgets, { id, report, ...DEFAULT }];
};

export const removeWidget = (widgets: Widget[], id: string): Widget[] => widgets.filter((w) => w.id !== id);

/** Moves a widget to the place of another (a drop on it): the grid flows in reading order. */
export const moveWidget = (widgets: Widget[], id: string, before: string | null): Widget[] => {
  const moving = widgets.find((w) => w.id === id);
  if (!moving || id === before) return widgets;
  const rest = widgets.filter((w) => w.id !== id);
  const at = before === null ? rest.length : rest.findIndex((w) => w.id === before);
  const from = widgets.indexOf(moving);
  const target = before === null ? -1 : widgets.findIndex((w) => w.id === before);
  // dropped on a later widget: it takes that widget's place, so it goes after it
  const index = at < 0 ? rest.length : target > from ? at + 1 : at;
  return [...rest.slice(0, index), moving, ...rest.slice(index)];
};

/** Changes a widget's size by whole columns and rows, kept within the grid. */
export const resizeWidget = (widgets: Widget[], id: string, width: number, height: number): Widget[] =>
  widgets.map((w) => (w.id === id ? { ...w, width: clamp(width, COLUMNS), height: clamp(height, MAX_HEIGHT) } : w));

/** Columns and rows a pointer moved by, on a grid whose columns are `columnWidth` px and rows `rowHeight` px. */
export const cellsMoved = (dx: number, dy: number, columnWidth: number, rowHeight: number): { columns: number; rows: number } => ({
  columns: columnWidth > 0 ? Math.round(dx / columnWidth) : 0,
  rows: rowHeight > 0 ? Math.round(dy / rowHeight) : 0,
});

export const toDashboardDocument = (design: DashboardDesign, kept: Record<string, unknown> = {}): DashboardDocument =>
  ({ ...kept, kind: 'dashboard', name: design.name, label: { en: design.label.en.trim(), 'zh-CN': design.label['zh-CN'].trim() }, widgets: design.widgets }) as DashboardDocument;

export const fromDashboardDocument = (doc: DashboardDocument): { design: DashboardDesign; kept: Record<string, unknown> } => {
  const { kind, name, label, widgets, ...kept } = doc;
  void kind;
  return { design: { name, label: { en: label?.en ?? '', 'zh-CN': label?.['zh-CN'] ?? '' }, widgets: widgets.map((w) => ({ ...w })) }, kept };
};

export interface LayoutProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** Every problem of the dashboard: its name, both labels, widgets of reports that exist. */
export const dashboardProblems = (design: DashboardDesign, reports: Set<string>): LayoutProblem[] => {
  const out: LayoutProblem[] = [];
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(design.name)) out.push({ field: 'name', key: 'name' });
  if (!design.label.en.trim()) out.push({ field: 'label.en', key: 'labelEn' });
  if (!design.label['zh-CN'].trim()) out.push({ field: 'label.zh-CN', key: 'labelZh' });
  design.widgets.forEach((w, i) => {
    if (!reports.has(w.report)) out.push({ field: `widgets.${i}`, key: 'unknownReport', params: { report: w.report } });
  });
  return out;
};
