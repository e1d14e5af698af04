import { connect } from '../core/db/connect.js';
import { withTenant } from '../core/db/tenant.js';
import { getTenant } from '../core/tenants/tenant-store.js';
import { loadEffectiveMeta } from '../core/metadata/tenant-meta.js';
import type { Actor } from '../core/records/types.js';
import { ENTITY, LIST_FILTER, LIST_LIMIT, LIST_MIN_AMOUNT, LIST_SORT, REP_ROLE, SHARED_TEAM, SHARING_RULE, VIEW, VIEW_FILTER, VIEW_SORT } from './entity.js';
import { explainList, explainQuery } from './explain-list.js';
import { listSql } from './raw-sql.js';
import type { BenchRep, BenchSharedRep, BenchTenant } from './setup-data.js';

const indent = (lines: string[]) => lines.map((l) => `    ${l}`).join('\n');

/**
 * The list the bench measures, EXPLAIN ANALYZEd in the tenant with the most rows: first
 * the statement the record service sends for the admin (captured from a real
 * listRecords call with the tenant's published metadata), then the raw baseline's
 * hand-written one; then the same for the own-scoped user (the record service's
 * statement with its read scope, and the raw one with `owner_id = $3`).
 */
export const printListPlans = async (databaseUrl: string, t: BenchTenant, rep: BenchRep, rows: number, sharedRep?: BenchSharedRep): Promise<void> => {
  const db = connect({ databaseUrl, poolMax: 1 });
  try {
    const tenant = await getTenant(db.knex, t.slug);
    const meta = await loadEffectiveMeta(db.knex, tenant);
    const admin: Actor = { id: t.userId, name: 'Bench Admin', roles: [], isAdmin: true };
    const own: Actor = { id: rep.userId, name: rep.name, roles: [REP_ROLE], team: null, isAdmin: false };
    const query = { filter: LIST_FILTER, sort: LIST_SORT, limit: LIST_LIMIT };
    const bindings = [LIST_MIN_AMOUNT, LIST_LIMIT + 1];
    const engine = await explainList(db.knex, { tenant, meta, actor: admin, entity: ENTITY, query, analyze: true });
    const raw = await withTenant(db.knex, tenant, (trx) => explainQuery(trx, { sql: listSql(tenant.schema), bindings }, { analyze: true }));
    const engineOwn = await explainList(db.knex, { tenant, meta, actor: own, entity: ENTITY, query, analyze: true });
    const rawOwn = await withTenant(db.knex, tenant, (trx) => explainQuery(trx, { sql: listSql(tenant.schema, true), bindings: [...bindings, rep.userId] }, { analyze: true }));
    console.log(`\nList plan over ${rows} rows in tenant ${t.slug}: filter ${JSON.stringify(LIST_FILTER)}, sort ${LIST_SORT}, limit ${LIST_LIMIT}`);
    console.log(`\n  SQL of the record service (bindings ${JSON.stringify(engine.query.bindings)}):\n${indent([engine.query.sql])}`);
    console.log(`\n  EXPLAIN ANALYZE of it:\n${indent(engine.text ?? [])}`);
    console.log(`\n  EXPLAIN ANALYZE of the raw server's SQL:\n${indent(raw.text ?? [])}\n`);
    console.log(`\nThe same list as the own-scoped user (role ${REP_ROLE}, read: own; ${rep.owners} users own the rows evenly)`);
    console.log(`\n  SQL of the record service (bindings ${JSON.stringify(engineOwn.query.bindings)}):\n${indent([engineOwn.query.sql])}`);
    console.log(`\n  EXPLAIN ANALYZE of it:\n${indent(engineOwn.text ?? [])}`);
    console.log(`\n  EXPLAIN ANALYZE of the raw server's SQL (owner_id = $3):\n${indent(rawOwn.text ?? [])}\n`);
    const viewQuery = { filter: VIEW_FILTER, sort: VIEW_SORT, limit: LIST_LIMIT };
    const view = await explainList(db.knex, { tenant, meta, actor: admin, entity: ENTITY, query: viewQuery, analyze: true });
    const viewOwn = await explainList(db.knex, { tenant, meta, actor: own, entity: ENTITY, query: { sort: VIEW_SORT, limit: LIST_LIMIT }, analyze: true });
    console.log(`\nThe default view "${VIEW}" (filter ${JSON.stringify(VIEW_FILTER)}, sort ${VIEW_SORT}): the composite index the engine made from it`);
    console.log(`\n  SQL of the record service (bindings ${JSON.stringify(view.query.bindings)}):\n${indent([view.query.sql])}`);
    console.log(`\n  EXPLAIN ANALYZE of it:\n${indent(view.text ?? [])}`);
    console.log(`\nThe own-scoped user's list in the default view's order (sort ${VIEW_SORT}): owner + sort index`);
    console.log(`\n  EXPLAIN ANALYZE of it:\n${indent(viewOwn.text ?? [])}\n`);
    if (!sharedRep) return;
    const shared: Actor = { id: sharedRep.userId, name: sharedRep.name, roles: [REP_ROLE], team: SHARED_TEAM, isAdmin: false };
    const engineShared = await explainList(db.knex, { tenant, meta, actor: shared, entity: ENTITY, query, analyze: true });
    console.log(`\nThe list as the own-scoped user in team ${SHARED_TEAM}, with ${sharedRep.shares} rows in the share table (to users and teams) and the sharing rule ${SHARING_RULE.name}`);
    console.log(`\n  SQL of the record service (bindings ${JSON.stringify(engineShared.query.bindings)}):\n${indent([engineShared.query.sql])}`);
    console.log(`\n  EXPLAIN ANALYZE of it:\n${indent(engineShared.text ?? [])}\n`);
  } finally {
    await db.close();
  }
};
