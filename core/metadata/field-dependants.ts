import { collectVars } from '../rules/check-rule.js';
import type { EffectiveMeta, EntityDocument, MetadataKind } from './types.js';

/** What part of a document uses the field. The studio words each one in the reader's language. */
export type DependantUsage =
  | 'validation_rule'
  | 'formula'
  | 'rollup'
  | 'reference'
  | 'sharing_rule'
  | 'duplicate_rule'
  | 'index'
  | 'entity_setting'
  | 'workflow_trigger'
  | 'workflow_step'
  | 'script'
  | 'lifecycle_state'
  | 'lifecycle_guard'
  | 'view_column'
  | 'view_filter'
  | 'view_sort'
  | 'view_layout'
  | 'report_group'
  | 'report_measure'
  | 'report_filter'
  | 'report_sort'
  | 'form_field'
  | 'form_condition'
  | 'form_related_list'
  | 'role_field'
  | 'role_scope';

/** One use of a field: the document, the part of it, and whether it reads or writes the field. */
export interface FieldDependant {
  kind: MetadataKind;
  /** The document's name. */
  name: string;
  /** The entity the document is about (entities, views, forms, reports, lifecycles, workflows). */
  entity?: string;
  usage: DependantUsage;
  access: 'read' | 'write';
  /** The part's own name: a rule, a field, a step, a transition. */
  item?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** A field's definition as a plain object (any type), if the entity has it. */
const fieldDef = (meta: EffectiveMeta, entity: string, field: string): Obj | undefined => {
  const def: unknown = meta.entities[entity]?.fields?.[field];
  return isObj(def) ? def : undefined;
};
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds the uses of one field (`target.entity`.`target.field`) across a tenant's metadata. */
class DependantFinder {
  readonly found: FieldDependant[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly meta: EffectiveMeta,
    private readonly entity: string,
    private readonly field: string,
  ) {}

  add(d: FieldDependant): void {
    const key = `${d.kind}/${d.name}/${d.usage}/${d.access}/${d.item ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push(d);
  }

  /** Whether a field path read from records of `from` (`a`, `ref.a`, `$old.a`) passes through or ends at the field. */
  pathHits(from: string | undefined, path: string): boolean {
    if (!from) return false;
    const parts = (path.startsWith('$old.') ? path.slice(5) : path).split('.');
    if (parts[0]?.startsWith('$')) return false;
    let current: string | undefined = from;
    for (const part of parts) {
      if (!current) return false;
      if (current === this.entity && part === this.field) return true;
      const def = fieldDef(this.meta, current, part);
      current = def && def.type === 'reference' ? str(def.entity) : undefined;
    }
    return false;
  }

  /** Whether a json-logic expression over records of `from` reads the field. */
  ruleHits(from: string | undefined, rule: unknown): boolean {
    if (rule === undefined || rule === null) return false;
    return collectVars(rule as never).some((p) => this.pathHits(from, p));
  }

  /** Whether `field` names the target field on `entity`. */
  is(entity: string | undefined, field: unknown): boolean {
    return entity === this.entity && field === this.field;
  }
}

const scanEntity = (f: DependantFinder, name: string, e: EntityDocument, target: { entity: string; field: string }): void => {
  const own = name === target.entity;
  const doc = { kind: 'entity' as const, name, entity: name };
  for (const rule of e.rules ?? []) {
    if (f.ruleHits(name, rule.rule) || (own && (rule.fields ?? []).includes(target.field))) f.add({ ...doc, usage: 'validation_rule', access: 'read', item: rule.name });
  }
  for (const rule of e.sharingRules ?? []) if (f.ruleHits(name, rule.condition)) f.add({ ...doc, usage: 'sharing_rule', access: 'read', item: rule.name });
  for (const rule of e.duplicateRules ?? []) if (f.is(name, rule.field)) f.add({ ...doc, usage: 'duplicate_rule', access: 'read', item: rule.field });
  if (own) {
    const settings = [e.titleField, ...Object.values(e.localeTitleFields ?? {}), e.ownerField, ...(e.pickerFields ?? []), ...(e.searchFields ?? [])];
    if (settings.includes(target.field)) f.add({ ...doc, usage: 'entity_setting', access: 'read' });
  }
  for (const [fieldName, raw] of Object.entries(e.fields ?? {})) {
    const def: Obj = isObj(raw) ? raw : {};
    if (own && fieldName === target.field) {
      if (def.indexed || def.unique) f.add({ ...doc, usage: 'index', access: 'read', item: fieldName });
      continue;
    }
    if (def.type === 'formula' && f.ruleHits(name, def.expr)) f.add({ ...doc, usage: 'formula', access: 'read', item: fieldName });
    if (def.type === 'rollup') {
      const [child, via] = (str(def.relation) ?? '').split('.');
      if (f.is(child, via) || f.is(child, def.field) || f.ruleHits(child, def.filter)) f.add({ ...doc, usage: 'rollup', access: 'read', item: fieldName });
    }
    if (def.type === 'reference') {
      const dep = isObj(def.dependsOn) ? def.dependsOn : undefined;
      const fills = isObj(def.fills) ? Object.entries(def.fills) : [];
      const hit =
        (dep && (f.is(name, dep.field) || f.is(str(def.entity), dep.targetField))) ||
        fills.some(([to, from]) => f.is(name, to) || f.is(str(def.entity), from));
      if (hit) f.add({ ...doc, usage: 'reference', access: 'read', item: fieldName });
    }
  }
};

const WRITE_STEPS: Record<string, (step: Obj, workflowEntity: string | undefined, meta: EffectiveMeta) => { entity?: string; fields: string[] }> = {
  set: (s, on) => ({ entity: on, fields: Object.keys(isObj(s.fields) ? s.fields : {}) }),
  create: (s) => ({ entity: str(s.entity), fields: Object.keys(isObj(s.fields) ? s.fields : {}) }),
  assign: (s, on) => ({ entity: on, fields: [str(s.field) ?? 'owner_id'] }),
  update_related: (s, on, meta) => {
    const parent = str(s.reference) && on ? str(fieldDef(meta, on, String(s.reference))?.entity) : undefined;
    return { entity: str(s.entity) ?? parent, fields: Object.keys(isObj(s.fields) ? s.fields : {}) };
  },
};

/** Static references in a script: `input.<field>` / `record.<field>` of the workflow's entity, or a field named in a `crm.*('<entity>', …)` call. */
const scriptHits = (code: string, on: string | undefined, target: { entity: string; field: string }): { read: boolean; write: boolean } => {
  const f = escape(target.field);
  const direct = on === target.entity && new RegExp(`\\b(?:input|record|\\$old)\\s*\\.\\s*${f}\\b`).test(code);
  const call = new RegExp(`crm\\s*\\.\\s*(get|list|create|update)\\s*\\(\\s*['"\`]${escape(target.entity)}['"\`]`, 'g');
  const methods = [...code.matchAll(call)].map((m) => m[1]);
  const named = methods.length > 0 && new RegExp(`\\b${f}\\b`).test(code);
  return { read: direct || (named && methods.some((m) => m === 'get' || m === 'list')), write: named && methods.some((m) => m === 'create' || m === 'update') };
};

const scanWorkflow = (f: DependantFinder, doc: Obj, meta: EffectiveMeta, target: { entity: string; field: string }): void => {
  const name = String(doc.name);
  const on = str(doc.entity);
  const base = { kind: 'workflow' as const, name, ...(on ? { entity: on } : {}) };
  const trigger = isObj(doc.trigger) ? doc.trigger : {};
  const triggerFields = [...strings(trigger.fields), str(trigger.field), str(trigger.daysBeforeField)];
  if (f.ruleHits(on, trigger.condition) || triggerFields.some((x) => f.is(on, x))) f.add({ ...base, usage: 'workflow_trigger', access: 'read' });
  for (const raw of Array.isArray(doc.steps) ? doc.steps : []) {
    if (!isObj(raw)) continue;
    const step = raw;
    const item = str(step.id);
    if (step.type === 'script') {
      const hit = scriptHits(str(step.code) ?? '', on, target);
      if (hit.read) f.add({ ...base, usage: 'script', access: 'read', item });
      if (hit.write) f.add({ ...base, usage: 'script', access: 'write', item });
      continue;
    }
    const writes = WRITE_STEPS[String(step.type)]?.(step, on, meta);
    if (writes && writes.fields.some((x) => f.is(writes.entity, x))) f.add({ ...base, usage: 'workflow_step', access: 'write', item });
    const recipients = [step.approvers, step.escalateTo, step.to, step.candidates].filter(isObj);
    const reads = f.ruleHits(on, step) || recipients.some((r) => f.is(on, r.field)) || (step.type === 'update_related' && f.ruleHits(writes?.entity, step.filter));
    if (reads) f.add({ ...base, usage: 'workflow_step', access: 'read', item });
  }
};

const sortFields = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap((s) => (isObj(s) && typeof s.field === 'string' ? [s.field] : [])) : []);
const itemField = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObj(v) ? str(v.field) : undefined);

const scanView = (f: DependantFinder, doc: Obj): void => {
  const on = str(doc.entity);
  const base = { kind: 'view' as const, name: String(doc.name), entity: on, access: 'read' as const };
  if ((Array.isArray(doc.columns) ? doc.columns : []).some((c) => f.pathHits(on, itemField(c) ?? ''))) f.add({ ...base, usage: 'view_column' });
  if (f.ruleHits(on, doc.filter)) f.add({ ...base, usage: 'view_filter' });
  if (sortFields(doc.sort).some((s) => f.pathHits(on, s))) f.add({ ...base, usage: 'view_sort' });
  const kanban = isObj(doc.kanban) ? [str(doc.kanban.field), ...strings(doc.kanban.cardFields)] : [];
  const calendar = isObj(doc.calendar) ? [str(doc.calendar.dateField), str(doc.calendar.endField), str(doc.calendar.titleField)] : [];
  if ([...kanban, ...calendar].some((x) => x && f.pathHits(on, x))) f.add({ ...base, usage: 'view_layout' });
};

const scanReport = (f: DependantFinder, doc: Obj): void => {
  const on = str(doc.entity);
  const base = { kind: 'report' as const, name: String(doc.name), entity: on, access: 'read' as const };
  const groups = (Array.isArray(doc.groupBy) ? doc.groupBy : []).map(itemField);
  const dimensions = (Array.isArray(doc.dimensions) ? doc.dimensions : []).filter(isObj).flatMap((d) => [str(d.field), ...(Array.isArray(d.levels) ? d.levels.map(itemField) : [])]);
  if ([...groups, ...dimensions].some((x) => x && f.pathHits(on, x))) f.add({ ...base, usage: 'report_group' });
  if ((Array.isArray(doc.measures) ? doc.measures : []).some((m) => isObj(m) && f.pathHits(on, str(m.field) ?? ''))) f.add({ ...base, usage: 'report_measure' });
  if (f.ruleHits(on, doc.filter)) f.add({ ...base, usage: 'report_filter' });
  if (sortFields(doc.sort).some((s) => f.pathHits(on, s))) f.add({ ...base, usage: 'report_sort' });
};

const scanForm = (f: DependantFinder, doc: Obj): void => {
  const on = str(doc.entity);
  const base = { kind: 'form' as const, name: String(doc.name), entity: on, access: 'read' as const };
  const tabs = (Array.isArray(doc.tabs) ? doc.tabs : []).filter(isObj);
  const sections = [...(Array.isArray(doc.sections) ? doc.sections : []), ...tabs.flatMap((t) => (Array.isArray(t.sections) ? t.sections : []))].filter(isObj);
  const items = sections.flatMap((s) => (Array.isArray(s.fields) ? s.fields : []));
  if (items.some((i) => f.pathHits(on, itemField(i) ?? ''))) f.add({ ...base, usage: 'form_field' });
  const conditions = [...tabs, ...sections, ...items.filter(isObj)].map((x) => (x as Obj).visibleWhen);
  if (conditions.some((c) => f.ruleHits(on, c))) f.add({ ...base, usage: 'form_condition' });
  for (const s of sections) {
    const list = isObj(s.relatedList) ? s.relatedList : undefined;
    if (!list) continue;
    const child = str(list.entity);
    if (f.is(child, list.field) || strings(list.columns).some((c) => f.pathHits(child, c)) || sortFields(list.sort).some((c) => f.pathHits(child, c))) {
      f.add({ ...base, usage: 'form_related_list', item: str(s.name) });
    }
  }
};

const scanRole = (f: DependantFinder, doc: Obj, target: { entity: string; field: string }): void => {
  const base = { kind: 'role' as const, name: String(doc.name), access: 'read' as const };
  for (const [entity, raw] of Object.entries(isObj(doc.entities) ? doc.entities : {})) {
    if (!isObj(raw)) continue;
    if (entity === target.entity && isObj(raw.fields) && target.field in raw.fields) f.add({ ...base, usage: 'role_field', item: entity });
    if ([raw.read, raw.update, raw.delete].some((s) => isObj(s) && f.ruleHits(entity, s))) f.add({ ...base, usage: 'role_scope', item: entity });
  }
};

const scanLifecycle = (f: DependantFinder, doc: Obj): void => {
  const on = str(doc.entity);
  const base = { kind: 'lifecycle' as const, name: String(doc.name), entity: on };
  if (f.is(on, doc.field)) f.add({ ...base, usage: 'lifecycle_state', access: 'write' });
  for (const t of (Array.isArray(doc.transitions) ? doc.transitions : []).filter(isObj)) {
    if (f.ruleHits(on, t.guard)) f.add({ ...base, usage: 'lifecycle_guard', access: 'read', item: str(t.name) });
  }
};

/**
 * Every document that reads or writes one field: validation and sharing rules, formulas,
 * roll-ups, references, duplicate rules and indexes of entities; workflow triggers and
 * steps (conditions, field writes, static references in scripts); lifecycle states and
 * guards; view columns, filters and sorts; report groups, measures and filters; forms;
 * role field permissions and scopes. Paths through references (`account.region`) count.
 */
export const fieldDependants = (meta: EffectiveMeta, entity: string, field: string): FieldDependant[] => {
  const target = { entity, field };
  const f = new DependantFinder(meta, entity, field);
  for (const [name, e] of Object.entries(meta.entities)) scanEntity(f, name, e, target);
  const docs = (kind: MetadataKind): Obj[] => Object.values(meta.documents[kind] ?? {}) as Obj[];
  for (const d of docs('workflow')) scanWorkflow(f, d, meta, target);
  for (const d of docs('lifecycle')) scanLifecycle(f, d);
  for (const d of docs('view')) scanView(f, d);
  for (const d of docs('report')) scanReport(f, d);
  for (const d of docs('form')) scanForm(f, d);
  for (const d of docs('role')) scanRole(f, d, target);
  return f.found;
};

/** Uses that keep a field in force: all but the field's own index, which goes with it. */
export const blockingDependants = (found: FieldDependant[]): FieldDependant[] => found.filter((d) => d.usage !== 'index');
