import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, type CheckContext } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { resolveFieldPath } from './field-paths.js';

const checkRelatedList = (ctx: CheckContext, doc: MetadataDocument, entity: string, list: unknown, p: string): void => {
  const related = asObj(list);
  const child = asString(related.entity);
  if (!checkEntityExists(ctx, doc, `${p}/entity`, child)) return;
  const field = asString(related.field) ?? '';
  const ref = ctx.fieldsOf(child!)?.[field];
  if (ref?.type !== 'reference' || ref.entity !== entity) {
    ctx.report(doc, `${p}/field`, `"${child}.${field}" must be a reference field to "${entity}"`);
  }
  asArray(related.columns).forEach((c, i) => {
    if (typeof c === 'string' && !resolveFieldPath(ctx, child!, c)) ctx.report(doc, `${p}/columns/${i}`, `"${c}" names no field of "${child}"`);
  });
  asArray(related.sort).forEach((s, i) => {
    const f = asString(asObj(s).field);
    if (f && !resolveFieldPath(ctx, child!, f)) ctx.report(doc, `${p}/sort/${i}/field`, `"${f}" names no field of "${child}"`);
  });
};

const checkSection = (ctx: CheckContext, doc: MetadataDocument, entity: string, section: unknown, p: string): void => {
  const s = asObj(section);
  checkRuleAt(ctx, s.visibleWhen, { doc, pointer: `${p}/visibleWhen`, entity, sql: false });
  asArray(s.fields).forEach((item, i) => {
    const ip = `${p}/fields/${i}`;
    const field = typeof item === 'string' ? item : asString(asObj(item).field);
    if (field && !resolveFieldPath(ctx, entity, field)) {
      ctx.report(doc, typeof item === 'string' ? ip : `${ip}/field`, `field "${field}" does not exist in "${entity}"`);
    }
    if (typeof item !== 'string') checkRuleAt(ctx, asObj(item).visibleWhen, { doc, pointer: `${ip}/visibleWhen`, entity, sql: false });
  });
  if (s.relatedList !== undefined) checkRelatedList(ctx, doc, entity, s.relatedList, `${p}/relatedList`);
};

/** A form's entity exists and its sections (in tabs or not) name its fields and real related lists. */
export const checkForm = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  if (!checkEntityExists(ctx, doc, '/entity', entity)) return;
  asArray(doc.sections).forEach((s, i) => checkSection(ctx, doc, entity!, s, `/sections/${i}`));
  asArray(doc.tabs).forEach((t, i) => {
    const tab = asObj(t);
    checkRuleAt(ctx, tab.visibleWhen, { doc, pointer: `/tabs/${i}/visibleWhen`, entity, sql: false });
    asArray(tab.sections).forEach((s, j) => checkSection(ctx, doc, entity!, s, `/tabs/${i}/sections/${j}`));
  });
};
