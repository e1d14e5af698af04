import type { MetadataDocument } from './types.js';
import { asArray, asObj, asString, type CheckContext } from './check-context.js';
import { checkEntityExists } from './check-fields.js';
import { checkRuleAt } from './check-rule-at.js';
import { isDateField, resolveFieldPath } from './field-paths.js';
import { workflowStepCheck } from './step-checks.js';

const RECORD_TRIGGERS = new Set(['create', 'update', 'delete', 'date', 'manual']);

const checkTrigger = (ctx: CheckContext, doc: MetadataDocument, entity: string | undefined): void => {
  const trigger = asObj(doc.trigger);
  const on = asString(trigger.on) ?? '';
  if (RECORD_TRIGGERS.has(on) && doc.entity === undefined) ctx.report(doc, '/entity', `is required for a "${on}" trigger`);
  if (on === 'schedule' && trigger.cron === undefined) ctx.report(doc, '/trigger/cron', 'is required for a "schedule" trigger');
  if (on === 'date') {
    const field = asString(trigger.field);
    if (!field) ctx.report(doc, '/trigger/field', 'is required for a "date" trigger');
    else if (entity) {
      const resolved = resolveFieldPath(ctx, entity, field);
      if (!resolved) ctx.report(doc, '/trigger/field', `field "${field}" does not exist in "${entity}"`);
      else if (!isDateField(resolved)) ctx.report(doc, '/trigger/field', `"${field}" must be a date or datetime field`);
    }
    const before = asString(trigger.daysBeforeField);
    if (before && entity) {
      const f = resolveFieldPath(ctx, entity, before) as { type?: string } | undefined;
      if (!f) ctx.report(doc, '/trigger/daysBeforeField', `field "${before}" does not exist in "${entity}"`);
      else if (f.type !== 'integer') ctx.report(doc, '/trigger/daysBeforeField', `"${before}" must be an integer field`);
    }
  }
  if (entity) {
    asArray(trigger.fields).forEach((f, i) => {
      if (typeof f === 'string' && !resolveFieldPath(ctx, entity, f)) ctx.report(doc, `/trigger/fields/${i}`, `field "${f}" does not exist in "${entity}"`);
    });
  }
  checkRuleAt(ctx, trigger.condition, { doc, pointer: '/trigger/condition', entity, sql: false });
  if (on !== 'manual') {
    for (const key of ['requires', 'runAs', 'roles']) if (trigger[key] !== undefined) ctx.report(doc, `/trigger/${key}`, 'applies to "manual" triggers only');
  }
  asArray(trigger.roles).forEach((r, j) => {
    if (typeof r === 'string' && !ctx.docs.role.has(r)) ctx.report(doc, `/trigger/roles/${j}`, `role "${r}" does not exist`);
  });
};

/** A workflow's entity and trigger fields exist, its condition is sound, its step ids are unique and `next` resolves. */
export const checkWorkflow = (ctx: CheckContext, doc: MetadataDocument): void => {
  const entity = asString(doc.entity);
  const known = entity !== undefined && checkEntityExists(ctx, doc, '/entity', entity);
  checkTrigger(ctx, doc, known ? entity : undefined);
  const steps = asArray(doc.steps).map(asObj);
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    const id = asString(s.id);
    if (id && ids.has(id)) ctx.report(doc, `/steps/${i}/id`, `another step also has the id "${id}"`);
    if (id) ids.add(id);
  });
  steps.forEach((s, i) => {
    const next = asString(s.next);
    if (next && !ids.has(next)) ctx.report(doc, `/steps/${i}/next`, `no step has the id "${next}"`);
    checkRuleAt(ctx, s.condition, { doc, pointer: `/steps/${i}/condition`, entity: known ? entity : undefined, sql: false });
  });
  for (const p of workflowStepCheck()?.(doc) ?? []) if (!/\/(next)$/.test(p.field)) ctx.report(doc, p.field, p.message);
};
