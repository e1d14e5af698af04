import { idsSelected, listRecords, type RecordContext, type RecordData } from '../records/index.js';
import type { OfflineEntity } from './offline-entities.js';

/**
 * A working set that follows another record: the offline filter of `set` reads fields of
 * the record its reference field `field` points to (`{"var": "<field>.<sub>"}`), e.g. the
 * records that are in a user's set because the record they belong to is. `subs` are the
 * target's fields the filter reads.
 */
export interface DependentLink {
  set: OfflineEntity;
  field: string;
  target: string;
  subs: string[];
}

/** Every `var` name a json-logic expression reads. */
const varsOf = (logic: unknown, out: string[] = []): string[] => {
  if (Array.isArray(logic)) logic.forEach((l) => varsOf(l, out));
  else if (logic && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic as Record<string, unknown>)) {
      const name = op === 'var' ? (Array.isArray(arg) ? arg[0] : arg) : undefined;
      if (typeof name === 'string') out.push(name);
      else varsOf(arg, out);
    }
  }
  return out;
};

/** The links of these working sets through their reference fields, read from the entities' metadata. */
export const dependentLinks = (sets: OfflineEntity[]): DependentLink[] =>
  sets.flatMap((set) => {
    const vars = varsOf(set.filter);
    return Object.entries(set.entity.fields).flatMap(([field, def]) => {
      const target = (def as { type?: string; entity?: string }).type === 'reference' ? (def as { entity?: string }).entity : undefined;
      const subs = [...new Set(vars.filter((v) => v.startsWith(`${field}.`)).map((v) => v.slice(field.length + 1).split('.')[0]))];
      return target && subs.length ? [{ set, field, target, subs }] : [];
    });
  });

/** The filter with the target's fields it reads through `field` put back to values they had (`was`); the others read as now. */
const asItWas = (logic: unknown, field: string, was: Record<string, unknown>): unknown => {
  if (Array.isArray(logic)) return logic.map((l) => asItWas(l, field, was));
  if (!logic || typeof logic !== 'object') return logic;
  const entries = Object.entries(logic as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'var') {
    const arg = entries[0][1];
    const name = Array.isArray(arg) ? arg[0] : arg;
    const sub = typeof name === 'string' && name.startsWith(`${field}.`) ? name.slice(field.length + 1) : undefined;
    if (sub !== undefined && !sub.includes('.') && sub in was) return was[sub] ?? null;
    return logic;
  }
  return Object.fromEntries(entries.map(([op, arg]) => [op, asItWas(arg, field, was)]));
};

/** Up to `max` records of the entity the filter selects, as the actor may read them, page by page. */
const listUpTo = async (entity: string, filter: unknown, max: number, ctx: RecordContext): Promise<RecordData[]> => {
  const out: RecordData[] = [];
  let cursor: string | undefined;
  while (out.length < max) {
    const page = await listRecords(entity, { filter, limit: Math.min(500, max - out.length), cursor }, ctx);
    out.push(...page.data);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
};

/** A changed target record: which of the fields dependent sets read changed, and what they were before (when known). */
export interface TargetChange {
  entity: string;
  id: string;
  /** Field → value before the changes the device has not seen; undefined when unknown (the device is part way). */
  was?: Record<string, unknown>;
}

export type DependentChange = { entity: string; id: string; op: 'upsert'; record: RecordData } | { entity: string; id: string; op: 'remove' };

/**
 * The records whose place in a working set follows a changed record (`links`): those in
 * the set now are sent again (`upsert`, e.g. the records of a record that got a new owner
 * join the new owner's device); those the set held with the target's fields as they were
 * and holds no more are `remove`d (they leave the old owner's device), judged by the
 * set's filter with the target's old values, not the read scope, which may have followed
 * the target away. Only when a field the set reads changed; records sent are read through
 * the record service under the actor's rights. Without the old values (a device part
 * way through), only the upserts.
 */
export const dependentChanges = async (ctx: RecordContext, links: DependentLink[], changed: TargetChange[]): Promise<DependentChange[]> => {
  const out: DependentChange[] = [];
  for (const link of links) {
    for (const target of changed.filter((c) => c.entity === link.target)) {
      const moved = target.was === undefined || link.subs.some((s) => s in target.was!);
      if (!moved) continue;
      const mine = { '==': [{ var: link.field }, target.id] };
      const now = await listUpTo(link.set.entity.name, { and: [link.set.filter ?? true, mine] }, link.set.max, ctx);
      for (const record of now) out.push({ entity: link.set.entity.name, id: String(record.id), op: 'upsert', record });
      if (target.was === undefined) continue;
      const kept = new Set(now.map((r) => String(r.id)));
      // The read scope may follow the target too (it is the old owner's no more): the filter as it was decides.
      const before = await idsSelected(link.set.entity.name, { and: [asItWas(link.set.filter ?? true, link.field, target.was), mine] }, link.set.max, ctx);
      for (const id of before) if (!kept.has(id)) out.push({ entity: link.set.entity.name, id, op: 'remove' });
    }
  }
  return out;
};
