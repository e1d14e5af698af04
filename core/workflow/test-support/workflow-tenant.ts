import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/connect.js';
import { withTenant, type Tenant } from '../../db/tenant.js';
import { createTenant, findTenantById } from '../../tenants/tenant-store.js';
import type { EffectiveMeta, EntityDocument, MetadataDocument } from '../../metadata/types.js';
import type { Actor, RecordContext } from '../../records/index.js';
import { metaOf } from '../../records/test-fixtures.js';
import { syncSchema } from '../../schema/index.js';
import type { TenantEnv } from '../runner/tenant-env.js';
import { workflowHooks } from '../triggers/record-hooks.js';
import type { JournalRow, RunRow } from '../types.js';

let made = 0;

/** Test support: the metadata of a tenant with these entities and workflows. */
export const metaWith = (entities: EntityDocument[], workflows: Record<string, unknown>[]): EffectiveMeta => {
  const meta = metaOf(entities, []);
  for (const w of workflows) meta.documents.workflow[w.name as string] = { kind: 'workflow', ...w } as MetadataDocument;
  return meta;
};

export const person = (over: Partial<Actor> = {}): Actor => ({ id: uuidv7(), name: 'Pat', roles: [], team: null, isAdmin: true, ...over });

/** Test support: tenants with hand-built metadata, and a TenantEnv that serves it to workers. */
export const workflowTenants = (db: Db) => {
  const metas = new Map<string, EffectiveMeta>();
  const env: TenantEnv = {
    tenant: (id) => findTenantById(db.knex, id),
    meta: async (t) => metas.get(t.id)!,
    pluginHooks: async () => ({}),
  };
  const add = async (entities: EntityDocument[], workflows: Record<string, unknown>[], actor: Actor = person()) => {
    const tenant: Tenant = await createTenant(db.knex, { slug: `wf_${process.pid}_${++made}` });
    const meta = metaWith(entities, workflows);
    metas.set(tenant.id, meta);
    await withTenant(db.knex, tenant, (trx) => syncSchema(trx, meta));
    /** A tenant transaction with the workflow hooks, as a request would have. */
    const write = <T>(fn: (ctx: RecordContext) => Promise<T>, as: Actor = actor): Promise<T> =>
      withTenant(db.knex, tenant, (trx) => fn({ db: trx, meta, actor: as, hooks: workflowHooks({ tenantId: tenant.id, depth: 0 }) }));
    const sql = <T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => withTenant(db.knex, tenant, fn);
    const runs = (): Promise<RunRow[]> => sql((trx) => trx('_wf_runs').orderBy('id').select('*'));
    const run = async (id: string): Promise<RunRow> => sql((trx) => trx('_wf_runs').where({ id }).first());
    const journal = (runId: string): Promise<JournalRow[]> => sql((trx) => trx('_wf_steps').where({ run_id: runId }).orderBy('seq').select('*'));
    const setMeta = (next: EffectiveMeta) => metas.set(tenant.id, next);
    return { tenant, meta, actor, write, sql, runs, run, journal, setMeta };
  };
  return { env, add };
};
