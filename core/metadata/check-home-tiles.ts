import { asArray, asString, type CheckContext } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { isNumericField, resolveFieldPath } from './field-paths.js';
import type { MetadataDocument } from './types.js';

/**
 * A home tile of records names a real entity, its filter compiles to SQL, its fields,
 * group and sum are fields of the entity (the sum a number); an approvals tile names none.
 */
export const checkHomeTile = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  if (doc.source === 'approvals') {
    if (entity !== undefined) ctx.report(doc, '/entity', 'an approvals tile shows the approvals waiting for the user, not an entity');
    return;
  }
  if (entity === undefined) {
    ctx.report(doc, '/entity', 'is required for a tile of records');
    return;
  }
  if (!checkEntityExists(ctx, doc, '/entity', entity)) return;
  checkRuleAt(ctx, doc.filter, { doc, pointer: '/filter', entity, sql: true });
  asArray(doc.fields).forEach((f, i) => {
    const path = asString(f);
    if (path && !resolveFieldPath(ctx, entity, path)) ctx.report(doc, `/fields/${i}`, `"${path}" names no field of "${entity}"`);
  });
  const groupBy = asString(doc.groupBy);
  if (doc.show === 'group' && !groupBy) ctx.report(doc, '/groupBy', 'is required for a tile that shows groups');
  if (groupBy && !resolveFieldPath(ctx, entity, groupBy)) ctx.report(doc, '/groupBy', `"${groupBy}" names no field of "${entity}"`);
  const sum = asString(doc.sum);
  if (sum) {
    const resolved = resolveFieldPath(ctx, entity, sum);
    if (!resolved) ctx.report(doc, '/sum', `"${sum}" names no field of "${entity}"`);
    else if (!isNumericField(resolved)) ctx.report(doc, '/sum', `"${sum}" is not a number, so it cannot be summed`);
  }
};
