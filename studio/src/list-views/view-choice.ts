import type { ViewDocument } from '../api/types.js';

export type ViewKind = 'list' | 'kanban' | 'calendar';

export const viewKind = (view: ViewDocument): ViewKind => view.type ?? 'list';

/**
 * The views of an entity the app can show: list views first (the default one leading),
 * then boards, then calendars; a board or calendar without its options is left out.
 */
export const entityViews = (views: Record<string, ViewDocument> | undefined, entity: string): ViewDocument[] => {
  const order: Record<ViewKind, number> = { list: 0, kanban: 1, calendar: 2 };
  return Object.values(views ?? {})
    .filter((v) => v.entity === entity)
    .filter((v) => (viewKind(v) === 'kanban' ? Boolean(v.kanban?.field) : viewKind(v) === 'calendar' ? Boolean(v.calendar?.dateField) : true))
    .sort((a, b) => order[viewKind(a)] - order[viewKind(b)] || Number(Boolean(b.default)) - Number(Boolean(a.default)));
};

/** The view named in the address, else the default list view, else the first one. */
export const pickView = (views: ViewDocument[], name: unknown): ViewDocument | undefined =>
  views.find((v) => v.name === name) ?? views.find((v) => viewKind(v) === 'list' && v.default) ?? views.find((v) => viewKind(v) === 'list') ?? views[0];
