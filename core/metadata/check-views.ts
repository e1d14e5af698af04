import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, type CheckContext } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { isDateField, resolveFieldPath } from './field-paths.js';

const checkPath = (ctx: CheckContext, doc: MetadataDocument, entity: string, path: unknown, p: string): void => {
  if (typeof path === 'string' && !resolveFieldPath(ctx, entity, path)) ctx.report(doc, p, `"${path}" names no field of "${entity}"`);
};

const checkKanban = (ctx: CheckContext, doc: MetadataDocument, entity: string): void => {
  const kanban = asObj(doc.kanban);
  const field = asString(kanban.field);
  if (field) {
    const resolved = resolveFieldPath(ctx, entity, field);
    if (!resolved) ctx.report(doc, '/kanban/field', `"${field}" names no field of "${entity}"`);
    else if (resolved.type !== 'enum') ctx.report(doc, '/kanban/field', `"${field}" must be an enum field to group a board by`);
  }
  asArray(kanban.cardFields).forEach((c, i) => checkPath(ctx, doc, entity, c, `/kanban/cardFields/${i}`));
};

const checkCalendar = (ctx: CheckContext, doc: MetadataDocument, entity: string): void => {
  const calendar = asObj(doc.calendar);
  for (const key of ['dateField', 'endField']) {
    const field = asString(calendar[key]);
    if (!field) continue;
    const resolved = resolveFieldPath(ctx, entity, field);
    if (!resolved) ctx.report(doc, `/calendar/${key}`, `"${field}" names no field of "${entity}"`);
    else if (!isDateField(resolved)) ctx.report(doc, `/calendar/${key}`, `"${field}" must be a date or datetime field`);
  }
  checkPath(ctx, doc, entity, calendar.titleField, '/calendar/titleField');
};

/** A list view's entity exists; its columns, sort, board and calendar fields are real; its filter compiles to SQL. */
export const checkView = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  if (!checkEntityExists(ctx, doc, '/entity', entity)) return;
  asArray(doc.columns).forEach((c, i) => {
    if (typeof c === 'string') checkPath(ctx, doc, entity!, c, `/columns/${i}`);
    else checkPath(ctx, doc, entity!, asObj(c).field, `/columns/${i}/field`);
  });
  asArray(doc.sort).forEach((s, i) => checkPath(ctx, doc, entity!, asObj(s).field, `/sort/${i}/field`));
  checkRuleAt(ctx, doc.filter, { doc, pointer: '/filter', entity, sql: true });
  if (doc.type === 'kanban' && doc.kanban === undefined) ctx.report(doc, '/kanban', 'is required for a kanban view');
  if (doc.type === 'calendar' && doc.calendar === undefined) ctx.report(doc, '/calendar', 'is required for a calendar view');
  if (doc.kanban !== undefined) checkKanban(ctx, doc, entity!);
  if (doc.calendar !== undefined) checkCalendar(ctx, doc, entity!);
};
