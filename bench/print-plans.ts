import { connect } from '../core/db/connect.js';
import { getTenant, withTenant } from '../core/db/tenant.js';
import { loadEffectiveMeta } from '../core/metadata/tenant-meta.js';
import { ENTITY, LIST_FILTER, LIST_LIMIT, LIST_MIN_AMOUNT, LIST_SORT } from './entity.js';
import { explainList, explainQuery } from './explain-list.js';
import { listSql } from './raw-sql.js';
import type { BenchTenant } from './setup-data.js';

const indent = (lines: string[]) => lines.map((l) => `    ${l}`).join('\n');

/**
 * The list the bench measures, EXPLAIN ANALYZEd in the tenant with the most rows: first
 * the statement the record service sends (captured from a real listRecords call with
 * the tenant's published metadata), then the raw baseline's hand-written one.
 */
export const printListPlans = async (databaseUrl: string, t: BenchTenant, rows: number): Promise<void> => {
  const db = connect({ databaseUrl, poolMax: 1 });
  try {
    const tenant = await getTenant(db.knex, t.slug);
    const meta = await loadEffectiveMeta(db.knex, tenant);
    const actor = { id: t.userId, name: 'Bench Admin', roles: [], isAdmin: true };
    const query = { filter: LIST_FILTER, sort: LIST_SORT, limit: LIST_LIMIT };
    const engine = await explainList(db.knex, { tenant, meta, actor, entity: ENTITY, query, analyze: true });
    const raw = await withTenant(db.knex, tenant, (trx) => explainQuery(trx, { sql: listSql(tenant.schema), bindings: [LIST_MIN_AMOUNT, LIST_LIMIT + 1] }, { analyze: true }));
    console.log(`\nList plan over ${rows} rows in tenant ${t.slug}: filter ${JSON.stringify(LIST_FILTER)}, sort ${LIST_SORT}, limit ${LIST_LIMIT}`);
    console.log(`\n  SQL of the record service (bindings ${JSON.stringify(engine.query.bindings)}):\n${indent([engine.query.sql])}`);
    console.log(`\n  EXPLAIN ANALYZE of it:\n${indent(engine.text ?? [])}`);
    console.log(`\n  EXPLAIN ANALYZE of the raw server's SQL:\n${indent(raw.text ?? [])}\n`);
  } finally {
    await db.close();
  }
};
