import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import { invalidInput } from '../errors.js';
import { getRecord } from '../records/index.js';
import type { Actor } from '../records/types.js';
import { openTenantWork } from './open-tenant-work.js';

/** Records chosen as a package's demo data: one entity's record ids. */
export interface DemoPick {
  entity: string;
  ids: string[];
}

/** Field types whose values mean nothing in another tenant (links to its records, users and files) or that the engine fills itself. */
const LEFT_BEHIND = new Set(['reference', 'many_to_many', 'user', 'attachment', 'auto_number', 'formula', 'rollup']);

export const MAX_DEMO_RECORDS = 500;

/**
 * Reads chosen records as demo data for a plugin package, as the exporting user (their
 * rights decide what they may read: a record they may not read is a 404, as anywhere).
 * Keeps the values of the entity's own fields that make sense in another tenant; leaves
 * out ids, owners, numbers the engine gives, and links to records, users and files.
 */
export const readDemoRecords = async (knex: Knex, work: { tenant: Tenant; actor: Actor }, picks: unknown): Promise<Record<string, Record<string, unknown>[]>> => {
  if (picks === undefined) return {};
  const valid = Array.isArray(picks) && picks.every((p) => p && typeof p.entity === 'string' && Array.isArray(p.ids) && p.ids.every((id: unknown) => typeof id === 'string'));
  if (!valid) throw invalidInput('Name the demo records by entity and ids', [{ field: 'demo', message: 'a list of {entity, ids: [record id]}' }]);
  const list = picks as DemoPick[];
  if (list.reduce((n, p) => n + p.ids.length, 0) > MAX_DEMO_RECORDS) throw invalidInput(`At most ${MAX_DEMO_RECORDS} demo records`, [{ field: 'demo', message: `at most ${MAX_DEMO_RECORDS} records` }]);
  return openTenantWork(knex, { ...work, door: 'http' }, async (ctx) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const pick of list) {
      const fields = Object.entries(ctx.meta.entities[pick.entity]?.fields ?? {}).filter(([, f]) => !LEFT_BEHIND.has(f.type)).map(([name]) => name);
      for (const id of pick.ids) {
        const record = await getRecord(pick.entity, id, ctx);
        const data = Object.fromEntries(fields.filter((f) => record[f] !== undefined && record[f] !== null).map((f) => [f, record[f]]));
        (out[pick.entity] ??= []).push(data);
      }
    }
    return out;
  });
};
