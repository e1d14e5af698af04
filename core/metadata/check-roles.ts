import type { MetadataDocument } from './types.js';
import { asObj, isObj, type CheckContext } from './check-context.js';
import { checkRuleAt } from './check-rule-at.js';
import { childPointer } from './problem.js';

/** A role's entities and fields exist, and its rule scopes compile to SQL (they become WHERE clauses). */
export const checkRole = (ctx: CheckContext, doc: MetadataDocument): void => {
  for (const [entity, access] of Object.entries(asObj(doc.entities))) {
    const p = childPointer('/entities', entity);
    const fields = ctx.fieldsOf(entity);
    if (!fields) {
      ctx.report(doc, p, `entity "${entity}" does not exist`);
      continue;
    }
    const a = asObj(access);
    for (const right of ['read', 'update', 'delete']) {
      if (isObj(a[right])) checkRuleAt(ctx, a[right], { doc, pointer: `${p}/${right}`, entity, sql: true });
    }
    for (const field of Object.keys(asObj(a.fields))) {
      if (!(field in fields)) ctx.report(doc, childPointer(`${p}/fields`, field), `field "${field}" does not exist in "${entity}"`);
    }
  }
};
