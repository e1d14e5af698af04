import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument } from '../metadata/types.js';
import { createRecord } from '../records/index.js';
import { metaOf, recordsTenant, testActor } from '../records/test-fixtures.js';
import { exportCsv } from './export-csv.js';
import { defaultExportFields } from './export-columns.js';
import { readAll } from './test-fixtures.js';

/** A stock line: a readable bin and quantity, and the composite key that keeps it unique (internal: for the engine, not people). */
const bin: EntityDocument = {
  kind: 'entity',
  name: 'bin',
  titleField: 'name',
  fields: {
    name: { type: 'text', required: true },
    quantity: { type: 'integer' },
    bin_key: { type: 'text', unique: true, internal: true },
  },
};

describe('export of internal keys', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('leaves internal keys out of the default columns', () => {
    expect(defaultExportFields(bin, new Set())).toEqual(['id', 'name', 'quantity', 'owner_id', 'created_at', 'updated_at']);
  });

  it('writes a people’s export without the key, and the key when it is asked for by name', async () => {
    const { run } = await recordsTenant(db, metaOf([bin]), testActor({ isAdmin: true }));
    await run((ctx) => createRecord('bin', { name: 'A-01', quantity: 3, bin_key: 'p1:w1:-' }, ctx));
    const header = async (fields?: string[]) => parse(await run(async (ctx) => readAll(await exportCsv('bin', fields ? { fields } : {}, ctx))), { bom: true })[0];
    expect(await header()).toEqual(['id', 'name', 'quantity', 'owner_id', 'created_at', 'updated_at']);
    expect(await header(['name', 'bin_key'])).toEqual(['name', 'bin_key']);
    const rows = parse(await run(async (ctx) => readAll(await exportCsv('bin', { fields: ['name', 'bin_key'] }, ctx))), { bom: true });
    expect(rows[1]).toEqual(['A-01', 'p1:w1:-']);
  });
});
