/** Saved list views per user (and shared ones): filter, sort, columns, search, page size. */
export { createSavedView, deleteSavedView, listSavedViews, updateSavedView, type SavedView } from './saved-views.js';
export { checkViewDefinition, type ViewDefinition } from './view-definition.js';
