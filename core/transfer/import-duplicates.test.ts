import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import type { EntityDocument } from '../metadata/types.js';
import { createRecord, listRecords } from '../records/index.js';
import { metaOf, recordsTenant, testActor } from '../records/test-fixtures.js';
import { importCsv } from './import-csv.js';
import type { ImportOptions } from './import-report.js';
import { csvStream } from './test-fixtures.js';

const person: EntityDocument = {
  kind: 'entity',
  name: 'person',
  titleField: 'name',
  fields: { name: { type: 'text', required: true }, email: { type: 'email' }, phone: { type: 'phone' } },
  duplicateRules: [{ field: 'email', match: 'email' }, { field: 'phone', match: 'phone' }],
};

describe('import with duplicate rules', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const tenant = async () => {
    const t = await recordsTenant(db, metaOf([person]), testActor({ isAdmin: true }));
    const known = await t.run(async (ctx) => String((await createRecord('person', { name: 'Ann', email: 'ann@example.com', phone: '138 0013 8000' }, ctx)).id));
    const imp = (csv: string, opts: ImportOptions = {}) => t.run((ctx) => importCsv('person', csvStream(csv), opts, ctx));
    const count = () => t.run(async (ctx) => (await listRecords('person', { limit: 1, total: true }, ctx)).total);
    return { known, imp, count };
  };
  const csv = 'name,email,phone\nAnn B,ANN@example.com,\nBob,bob@example.com,+86 138-0013-8000\nCid,cid@example.com,\nCid again,CID@example.com,\n';

  it('flags new rows matching stored records (and rows earlier in the file), and still writes them', async () => {
    const { known, imp, count } = await tenant();
    const report = await imp(csv, { duplicates: 'flag' });
    expect(report).toMatchObject({ created: 4, skipped: 0, committed: true });
    expect(report.duplicates?.map((d) => [d.line, d.skipped])).toEqual([[2, false], [3, false], [5, false]]);
    expect(report.duplicates?.[0].ids).toEqual([known]);
    expect(await count()).toBe(5);
  });

  it('skips them when asked, and without the option does not look', async () => {
    const skipping = await tenant();
    expect(await skipping.imp(csv, { duplicates: 'skip' })).toMatchObject({ created: 1, skipped: 3, committed: true });
    expect(await skipping.count()).toBe(2);
    const plain = await tenant();
    const report = await plain.imp(csv);
    expect(report.created).toBe(4);
    expect(report.duplicates).toBeUndefined();
  });
});
