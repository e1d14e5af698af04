import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import { climbTenantSchema } from '../db/tenant-schema/ladder.js';
import { openTestDatabase } from '../db/test-database.js';
import { createRecord } from '../records/index.js';
import { recordsTenant, uploadedFile } from '../records/test-fixtures.js';

describe('the _files attachment columns on an existing tenant', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it("are added by the tenant schema ladder's rung 7, which attaches the files that records already name", async () => {
    const { run, tenant } = await recordsTenant(db);
    // A tenant as it was before: `_files` without the columns, attachment values naming uploads.
    const { named, loose, id } = await run(async (ctx) => {
      const named = await uploadedFile(ctx, { entity: 'account', field: 'files' }, 'named.pdf');
      const loose = await uploadedFile(ctx, { entity: 'account', field: 'files' }, 'loose.pdf');
      const { id } = await createRecord('account', { name: 'Old' }, ctx);
      await ctx.db('account').where({ id }).update({ files: JSON.stringify([named]) });
      for (const column of ['entity', 'field', 'record_id', 'attached_at', 'detached_at']) await ctx.db.raw(`alter table _files drop column ${column}`);
      return { named, loose, id };
    });
    await db.knex.transaction((trx) => climbTenantSchema(trx, tenant, 6));
    const rows = await run((ctx) => ctx.db('_files').whereIn('id', [named.id, loose.id]).orderBy('name').select('name', 'entity', 'field', 'record_id', 'detached_at'));
    expect(rows).toEqual([
      { name: 'loose.pdf', entity: null, field: null, record_id: null, detached_at: null },
      { name: 'named.pdf', entity: 'account', field: 'files', record_id: id, detached_at: null },
    ]);
  });
});
