import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, type CheckContext } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { isDateField, isNumericField, resolveFieldPath } from './field-paths.js';

const checkGroups = (ctx: CheckContext, doc: MetadataDocument, entity: string): Set<string> => {
  const paths = new Set<string>();
  asArray(doc.groupBy).forEach((g, i) => {
    const field = typeof g === 'string' ? g : asString(asObj(g).field);
    const p = typeof g === 'string' ? `/groupBy/${i}` : `/groupBy/${i}/field`;
    if (!field) return;
    paths.add(field);
    const resolved = resolveFieldPath(ctx, entity, field);
    if (!resolved) ctx.report(doc, p, `"${field}" names no field of "${entity}"`);
    else if (typeof g !== 'string' && asObj(g).granularity !== undefined && !isDateField(resolved)) {
      ctx.report(doc, `/groupBy/${i}/granularity`, `"${field}" is not a date, so it has no granularity`);
    }
  });
  return paths;
};

const checkMeasures = (ctx: CheckContext, doc: MetadataDocument, entity: string): Set<string> => {
  const names = new Set<string>();
  asArray(doc.measures).forEach((m, i) => {
    const measure = asObj(m);
    const p = `/measures/${i}`;
    const name = asString(measure.name);
    if (name && names.has(name)) ctx.report(doc, `${p}/name`, `another measure is also named "${name}"`);
    if (name) names.add(name);
    const aggregate = asString(measure.aggregate);
    const field = asString(measure.field);
    if (!field) {
      if (aggregate && aggregate !== 'count') ctx.report(doc, `${p}/field`, `is required for aggregate "${aggregate}"`);
      return;
    }
    const resolved = resolveFieldPath(ctx, entity, field);
    if (!resolved) ctx.report(doc, `${p}/field`, `"${field}" names no field of "${entity}"`);
    else if ((aggregate === 'sum' || aggregate === 'avg') && !isNumericField(resolved)) {
      ctx.report(doc, `${p}/field`, `"${field}" is not a number, so it cannot be summed or averaged`);
    }
  });
  return names;
};

/** A dimension's fields are real: a date for time, a user for organisation, any path for levels. */
const checkDimensions = (ctx: CheckContext, doc: MetadataDocument, entity: string): void => {
  const names = new Set<string>();
  asArray(doc.dimensions).forEach((d, i) => {
    const dim = asObj(d);
    const p = `/dimensions/${i}`;
    const name = asString(dim.name);
    if (name && names.has(name)) ctx.report(doc, `${p}/name`, `another dimension is also named "${name}"`);
    if (name) names.add(name);
    const type = asString(dim.type);
    const field = asString(dim.field);
    if (type === 'time') {
      const resolved = field ? resolveFieldPath(ctx, entity, field) : undefined;
      if (!resolved) ctx.report(doc, `${p}/field`, field ? `"${field}" names no field of "${entity}"` : 'a time dimension needs a date field');
      else if (!isDateField(resolved)) ctx.report(doc, `${p}/field`, `"${field}" is not a date`);
    } else if (type === 'organisation') {
      const owner = asString(dim.owner) ?? 'owner_id';
      const resolved = resolveFieldPath(ctx, entity, owner);
      if (resolved?.type !== 'user') ctx.report(doc, `${p}/owner`, `"${owner}" is not the owner of a record of "${entity}"`);
    } else if (type === 'levels') {
      const levels = asArray(dim.levels);
      if (!levels.length) ctx.report(doc, `${p}/levels`, 'a dimension of levels needs at least one');
      levels.forEach((l, j) => {
        const path = asString(asObj(l).field);
        if (path && !resolveFieldPath(ctx, entity, path)) ctx.report(doc, `${p}/levels/${j}/field`, `"${path}" names no field of "${entity}"`);
      });
    }
  });
};

/** A report's entity, groups and measures are real, its filter compiles to SQL, it sorts by a group or a measure. */
export const checkReport = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  if (!checkEntityExists(ctx, doc, '/entity', entity)) return;
  const groups = checkGroups(ctx, doc, entity!);
  const measures = checkMeasures(ctx, doc, entity!);
  checkDimensions(ctx, doc, entity!);
  checkRuleAt(ctx, doc.filter, { doc, pointer: '/filter', entity, sql: true });
  asArray(doc.sort).forEach((s, i) => {
    const field = asString(asObj(s).field);
    if (field && !groups.has(field) && !measures.has(field)) {
      ctx.report(doc, `/sort/${i}/field`, `"${field}" is neither a group nor a measure of this report`);
    }
  });
};

/** A dashboard's widgets show reports that exist, under unique ids. */
export const checkDashboard = (ctx: CheckContext, doc: MetadataDocument): void => {
  const ids = new Set<string>();
  asArray(doc.widgets).forEach((w, i) => {
    const widget = asObj(w);
    const id = asString(widget.id);
    if (id && ids.has(id)) ctx.report(doc, `/widgets/${i}/id`, `another widget also has the id "${id}"`);
    if (id) ids.add(id);
    const report = asString(widget.report);
    if (report && !ctx.docs.report.has(report)) ctx.report(doc, `/widgets/${i}/report`, `report "${report}" does not exist`);
  });
};
