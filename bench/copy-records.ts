/**
 * `npm run bench -- copy`: the set-wise copy of the record service (`copyRecords`), what
 * snapshots a saved filter's rows into the rows of another entity (a segment into campaign
 * members) in one `insert … select`. Loads `BENCH_COPY_ROWS` (default 100,000) source rows
 * in one tenant, then times, as a user whose read scope is a rule (`region` in two of four
 * values) and as an unrestricted one:
 * - `first`: every matching row copied (each new row with its history entry);
 * - `repeat`: the same copy again, which finds every row already there and creates none.
 * PostgreSQL from `BENCH_DATABASE_URL` (a scratch database, dropped at the end).
 */
import { v7 as uuidv7 } from 'uuid';
import { connect } from '../core/db/connect.js';
import { migrateEngine } from '../core/db/migrate.js';
import { withTenant } from '../core/db/tenant.js';
import type { EffectiveMeta, EntityDocument, MetadataDocument } from '../core/metadata/types.js';
import { METADATA_KINDS, type MetadataKind } from '../core/metadata/types.js';
import { copyRecords, type Actor } from '../core/records/index.js';
import { syncSchema } from '../core/schema/index.js';
import { createTenant } from '../core/tenants/tenant-store.js';
import { createBenchDatabase } from './bench-db.js';
import { benchConfig } from './config.js';

const person: EntityDocument = { kind: 'entity', name: 'person', fields: { name: { type: 'text', required: true }, region: { type: 'text', indexed: true }, score: { type: 'integer' } } };
const list: EntityDocument = { kind: 'entity', name: 'list', fields: { title: { type: 'text', required: true } } };
const entry: EntityDocument = {
  kind: 'entity',
  name: 'entry',
  fields: { list: { type: 'reference', entity: 'list', required: true, indexed: true }, person: { type: 'reference', entity: 'person', indexed: true }, state: { type: 'text', default: 'planned' } },
};
const role = { kind: 'role', name: 'picker', label: { en: 'Picker', 'zh-CN': '挑选' }, entities: { person: { read: { in: [{ var: 'region' }, ['r0', 'r1']] } }, list: { create: true, read: 'all' }, entry: { create: true, read: 'all' } } };

const metaOf = (): EffectiveMeta => {
  const documents = Object.fromEntries(METADATA_KINDS.map((k) => [k, {}])) as Record<MetadataKind, Record<string, MetadataDocument>>;
  for (const e of [person, list, entry]) documents.entity[e.name] = e as unknown as MetadataDocument;
  documents.role.picker = role as unknown as MetadataDocument;
  return { entities: { person, list, entry }, dictionaries: {}, documents };
};

const main = async (): Promise<void> => {
  const rows = Number(process.env.BENCH_COPY_ROWS ?? 100_000);
  const config = benchConfig();
  const database = await createBenchDatabase(config.databaseUrl);
  const db = connect({ databaseUrl: database.url });
  try {
    await migrateEngine(db.knex);
    const meta = metaOf();
    const tenant = await createTenant(db.knex, { slug: 'bench_copy' });
    await withTenant(db.knex, tenant, (trx) => syncSchema(trx, meta));
    await withTenant(db.knex, tenant, async (trx) => {
      await trx.raw(`insert into person (id, name, region, score) select gen_random_uuid(), 'p' || g, 'r' || (g % 4), g % 100 from generate_series(1, ?) g`, [rows]);
      await trx.raw('analyze person');
    });
    const admin: Actor = { id: uuidv7(), name: 'admin', roles: [], team: null, isAdmin: true };
    const picker: Actor = { id: uuidv7(), name: 'picker', roles: ['picker'], team: null, isAdmin: false };
    console.log(`\ncopyRecords: ${rows.toLocaleString('en')} source rows, PostgreSQL\n`);
    console.log('| actor | run | matched | created | ms |');
    console.log('|---|---|---:|---:|---:|');
    for (const actor of [picker, admin]) {
      const listId = uuidv7();
      await withTenant(db.knex, tenant, (trx) => trx('list').insert({ id: listId, title: actor.name }));
      for (const run of ['first', 'repeat']) {
        const started = process.hrtime.bigint();
        const result = await withTenant(db.knex, tenant, (trx) =>
          copyRecords({ from: 'person', filter: { '>=': [{ var: 'score' }, 0] }, to: 'entry', map: { person: 'id' }, set: { list: listId }, key: ['list', 'person'] }, { db: trx, meta, actor }),
        );
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`| ${actor.isAdmin ? 'unrestricted' : 'read scope: rule'} | ${run} | ${result.matched.toLocaleString('en')} | ${result.created.toLocaleString('en')} | ${ms.toFixed(0)} |`);
      }
    }
    console.log('');
  } finally {
    await db.close();
    await database.drop();
  }
};

await main();
