import type { MetaEntity } from '../../api/types.js';
import type { WorkflowDocument, WorkflowStep } from '../../api/workflows.js';
import { TRIGGER_NODE } from '../../lib/workflow-graph.js';
import { durationOf } from './duration.js';
import { hasRecipients, writableFields, type Options } from './options.js';

/** A problem the builder finds before saving: the node, the option it concerns, and a message key under `workflowBuilder.problems`. */
export interface BuilderProblem {
  node: string;
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface CheckContext {
  /** The workflow's entity (the run's record). */
  entity?: MetaEntity;
  entities: Record<string, MetaEntity>;
  stepIds: string[];
}

type Check = (o: Options, ctx: CheckContext, report: (field: string, key: string, params?: BuilderProblem['params']) => void) => void;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A text for people as its versions: one template, or one per language (each must be filled). */
const versions = (v: unknown): string[] => (v && typeof v === 'object' ? [text((v as Record<string, unknown>).en), text((v as Record<string, unknown>)['zh-CN'])] : [text(v)]);
const longest = (v: unknown): number => Math.max(...versions(v).map((s) => s.length));
const STEP_TARGET = (field: string, v: unknown, ctx: CheckContext, report: Parameters<Check>[2]) => {
  if (typeof v === 'string' && !ctx.stepIds.includes(v)) report(field, 'unknownStep', { id: v });
};

const checkValues = (field: string, values: unknown, entity: MetaEntity | undefined, report: Parameters<Check>[2]) => {
  const entries = values && typeof values === 'object' ? Object.keys(values) : [];
  if (!entries.length) return report(field, 'noValues');
  if (!entity) return;
  const writable = new Set(writableFields(entity).map(([n]) => n));
  for (const name of entries) {
    if (!(name in (entity.fields ?? {}))) report(field, 'unknownField', { field: name, entity: entity.name });
    else if (!writable.has(name)) report(field, 'readOnlyField', { field: name });
  }
};

const CHECKS: Record<string, Check> = {
  set: (o, ctx, report) => checkValues('fields', o.fields, ctx.entity, report),
  create: (o, ctx, report) => {
    if (!text(o.entity)) report('entity', 'chooseEntity');
    checkValues('fields', o.fields, ctx.entities[text(o.entity)], report);
  },
  update_related: (o, ctx, report) => {
    if ('reference' in o) {
      const ref = ctx.entity?.fields?.[text(o.reference)];
      if (!text(o.reference)) report('reference', 'chooseReference');
      checkValues('fields', o.fields, ref?.type === 'reference' ? ctx.entities[ref.entity] : undefined, report);
      return;
    }
    if (!text(o.entity)) report('entity', 'chooseEntity');
    if (!text(o.field)) report('field', 'chooseReference');
    checkValues('fields', o.fields, ctx.entities[text(o.entity)], report);
  },
  assign: (o, _ctx, report) => {
    const rules = Array.isArray(o.rules) ? (o.rules as { user?: string }[]) : [];
    if (!hasRecipients(o.candidates) && !(o.strategy === 'rule' && rules.length)) report('candidates', 'noCandidates');
    if (rules.some((r) => !r.user)) report('rules', 'ruleUser');
  },
  notify: (o, _ctx, report) => {
    if (!hasRecipients(o.to)) report('to', 'noRecipients');
    if (versions(o.title).some((s) => !s)) report('title', 'titleRequired');
    else if (longest(o.title) > 200) report('title', 'tooLong', { max: 200 });
    if (longest(o.body) > 2000) report('body', 'tooLong', { max: 2000 });
  },
  email: (o, _ctx, report) => {
    const addresses = Array.isArray(o.addresses) ? (o.addresses as string[]) : [];
    if (!hasRecipients(o.to) && !addresses.length) report('to', 'noAddressee');
    for (const a of addresses) if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a) && !a.includes('{{')) report('addresses', 'badAddress', { value: a });
    // A step that names an e-mail template takes its subject from the template.
    if (!text(o.subject) && !text(o.template)) report('subject', 'subjectRequired');
    else if (text(o.subject).length > 300) report('subject', 'tooLong', { max: 300 });
  },
  webhook: (o, _ctx, report) => {
    const url = text(o.url);
    if (!url) report('url', 'urlRequired');
    else if (!/^https?:\/\/\S+/.test(url) && !url.startsWith('{{')) report('url', 'badUrl');
    const timeout = o.timeoutSeconds;
    if (timeout !== undefined && (typeof timeout !== 'number' || timeout < 1 || timeout > 60)) report('timeoutSeconds', 'timeoutRange');
  },
  script: (o, _ctx, report) => {
    if (!text(o.code)) report('code', 'codeRequired');
  },
  wait: (o, _ctx, report) => {
    const d = durationOf(o);
    if (o.until === undefined && !(d && d.amount > 0)) report('duration', 'durationRequired');
  },
  branch: (o, ctx, report) => {
    if ('cases' in o) {
      const cases = Array.isArray(o.cases) ? (o.cases as { when?: unknown; next?: unknown }[]) : [];
      if (!cases.length) report('cases', 'noCases');
      cases.forEach((c, i) => {
        if (c.when === undefined) report(`cases.${i}`, 'conditionRequired');
        STEP_TARGET(`cases.${i}`, c.next, ctx, report);
      });
      STEP_TARGET('default', o.default, ctx, report);
      return;
    }
    if (o.if === undefined) report('if', 'conditionRequired');
    STEP_TARGET('then', o.then, ctx, report);
    STEP_TARGET('else', o.else, ctx, report);
  },
  approval: (o, ctx, report) => {
    if (!hasRecipients(o.approvers)) report('approvers', 'noRecipients');
    if (o.mode === 'k_of_n' && !(typeof o.k === 'number' && o.k >= 1)) report('k', 'kRequired');
    if (o.escalateAfter !== undefined && !hasRecipients(o.escalateTo)) report('escalateTo', 'escalateTo');
    if (o.title !== undefined && longest(o.title) > 200) report('title', 'tooLong', { max: 200 });
    STEP_TARGET('onReject', o.onReject, ctx, report);
  },
};

/** What a step's form would refuse: options its type needs, fields that do not exist or cannot be written, targets that name no step. */
export const stepProblems = (step: WorkflowStep, ctx: CheckContext): BuilderProblem[] => {
  const out: BuilderProblem[] = [];
  const report = (field: string, key: string, params?: BuilderProblem['params']) => out.push({ node: step.id, field, key, ...(params ? { params } : {}) });
  CHECKS[step.type]?.(step as Options, ctx, report);
  if (step.label && !(text(step.label.en) && text(step.label['zh-CN']))) report('label', 'labelBoth');
  if (typeof step.next === 'string' && !ctx.stepIds.includes(step.next)) report('next', 'unknownStep', { id: step.next });
  return out;
};

const RECORD_TRIGGERS = new Set(['create', 'update', 'delete', 'date', 'manual']);

/** Every problem of the document the builder can see: the trigger's, then each step's. */
export const workflowProblems = (doc: WorkflowDocument, entities: Record<string, MetaEntity>): BuilderProblem[] => {
  const out: BuilderProblem[] = [];
  const report = (field: string, key: string) => out.push({ node: TRIGGER_NODE, field, key });
  const on = doc.trigger.on;
  if (RECORD_TRIGGERS.has(on) && !doc.entity) report('entity', 'entityRequired');
  if (on === 'schedule' && text(doc.trigger.cron).split(/\s+/).filter(Boolean).length < 5) report('cron', 'cronRequired');
  if (on === 'date' && !doc.trigger.field) report('field', 'dateFieldRequired');
  const ctx: CheckContext = { entity: doc.entity ? entities[doc.entity] : undefined, entities, stepIds: doc.steps.map((s) => s.id) };
  for (const s of doc.steps) out.push(...stepProblems(s, ctx));
  return out;
};
