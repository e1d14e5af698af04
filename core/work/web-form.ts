import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { fieldProblem, invalidInput, problem, type FieldProblem } from '../errors.js';
import type { Label } from '../metadata/types.js';
import type { WebFormDef } from '../plugins/plugin-api.js';
import { createRecord } from '../records/index.js';
import type { Actor, RecordData } from '../records/types.js';
import { formTokenAge, signFormToken } from '../security/index.js';
import { startManualRuns } from '../workflow/index.js';
import { openTenantWork } from './open-tenant-work.js';
import { runtimeOf } from './runtime-cache.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';

/** The form's hidden field carrying the signed time it was drawn. */
export const FORM_TOKEN_FIELD = '_token';

/** A web form as it is drawn: its texts, its fields with their labels and kinds, and a fresh token. */
export interface WebFormView {
  name: string;
  title: Label;
  intro?: Label;
  submitLabel: Label;
  successMessage: Label;
  honeypot: string;
  token: string;
  fields: { name: string; label: Label; type: string; required: boolean; multiline: boolean; maxLength?: number }[];
}

export type WebFormOutcome = { outcome: 'created'; id: string; message: Label } | { outcome: 'dropped'; message: Label };

/** The actor a web form writes as: named after the form, with only the roles the form declares. */
export const webFormActor = (def: WebFormDef): Actor => ({ id: `form:${def.name}`, name: `${def.name} (web form)`, roles: def.roles, team: null, isAdmin: false });

const SUBMIT: Label = { en: 'Send', 'zh-CN': '提交' };

const formOf = async (knex: Knex, tenant: Tenant, name: string): Promise<WebFormDef> => {
  const def = (await runtimeOf(knex, tenant)).webForm(name);
  if (!def) throw problem('WEB_FORM_NOT_FOUND', { name });
  return def;
};

/** The form of that name among the tenant's installed plugins, ready to draw (404 when there is none). */
export const describeWebForm = async (knex: Knex, input: { tenant: Tenant; name: string; now?: Date }): Promise<WebFormView> => {
  const def = await formOf(knex, input.tenant, input.name);
  const entity = (await loadEffectiveMeta(knex, input.tenant)).entities[def.entity];
  if (!entity) throw problem('WEB_FORM_NOT_FOUND', { name: input.name });
  const fields = def.fields.map((f) => {
    const field = entity.fields[f.field] as { label: Label; type: string; required?: boolean; maxLength?: number } | undefined;
    return {
      name: f.field,
      label: f.label ?? field?.label ?? { en: f.field, 'zh-CN': f.field },
      type: field?.type ?? 'text',
      required: Boolean(f.required ?? field?.required),
      multiline: Boolean(f.multiline ?? field?.type === 'long_text'),
      maxLength: field?.maxLength,
    };
  });
  const token = await signFormToken(knex, { tenantId: input.tenant.id, form: def.name, now: input.now });
  return { name: def.name, title: def.title, intro: def.intro, submitLabel: def.submitLabel ?? SUBMIT, successMessage: def.successMessage, honeypot: def.honeypot, token, fields };
};

const filled = (v: unknown): boolean => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/**
 * A submitted web form: a filled honeypot or a submit sooner than the form's minimum is
 * dropped (answered like a success, nothing stored); a missing, forged or day-old token is
 * 422 FORM_EXPIRED; otherwise the declared fields (blank ones left out) plus the form's
 * defaults are created through the record service as the form's actor, so its roles, the
 * entity's validation (400 with every failing field), hooks and workflows all apply.
 */
export const submitWebForm = async (knex: Knex, input: { tenant: Tenant; name: string; body: unknown; now?: Date }): Promise<WebFormOutcome> => {
  const def = await formOf(knex, input.tenant, input.name);
  const body = (input.body && typeof input.body === 'object' && !Array.isArray(input.body) ? input.body : {}) as Record<string, unknown>;
  if (filled(body[def.honeypot])) return { outcome: 'dropped', message: def.successMessage };
  const age = await formTokenAge(knex, body[FORM_TOKEN_FIELD], { tenantId: input.tenant.id, form: def.name, now: input.now });
  if (age === undefined) throw problem('FORM_EXPIRED', {}, { errors: [{ field: FORM_TOKEN_FIELD, message: 'missing or expired' }] });
  if (age < def.minSeconds) return { outcome: 'dropped', message: def.successMessage };
  const data: RecordData = { ...(def.defaults ?? {}) };
  const missing: FieldProblem[] = [];
  for (const f of def.fields) {
    const v = body[f.field];
    if (filled(v)) data[f.field] = typeof v === 'string' ? v.trim() : v;
    else if (f.required) missing.push(fieldProblem('REQUIRED', f.field));
  }
  if (missing.length) throw invalidInput('Some required fields are empty', missing);
  return openTenantWork(knex, { tenant: input.tenant, actor: webFormActor(def), door: 'web-form' }, async (ctx) => {
    const record = await createRecord(def.entity, data, ctx);
    if (def.workflow) await startManualRuns({ workflow: def.workflow, recordIds: [record.id] }, ctx, input.tenant.id);
    return { outcome: 'created' as const, id: String(record.id), message: def.successMessage };
  });
};
