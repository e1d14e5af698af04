import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord } from '../records/index.js';
import { recordsTenant, rejection, testActor, uploadedFile } from '../records/test-fixtures.js';

describe('a file stored by server code that owns no uploads', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('is attached by the transaction that stored it, and by no other', async () => {
    // the command line's actor: trusted, but no user, so `_files.created_by` stays empty
    const { run } = await recordsTenant(db, undefined, testActor({ id: 'cli' }));
    const { id } = await run(async (ctx) => {
      const file = await uploadedFile(ctx, { entity: 'account', field: 'files' }, 'seeded.pdf');
      return createRecord('account', { name: 'Seeded', files: [file] }, ctx);
    });
    const [attached] = await run((ctx) => ctx.db('_files').where({ record_id: id }).select('name', 'created_by'));
    expect(attached).toEqual({ name: 'seeded.pdf', created_by: null });

    const stray = await run((ctx) => uploadedFile(ctx, { entity: 'account', field: 'files' }, 'stray.pdf'));
    const refused = await rejection(run((ctx) => createRecord('account', { name: 'Later', files: [stray] }, ctx)));
    expect(refused.status).toBe(400);
    expect(refused.details.errors?.[0]).toMatchObject({ field: 'files', code: 'FILE_NOT_AVAILABLE' });
  });
});
