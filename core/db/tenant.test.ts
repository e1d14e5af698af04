import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './connect.js';
import { openTestDatabase } from './test-database.js';
import { TenantGateClosed, withTenant } from './tenant.js';
import { createTenant } from '../tenants/tenant-store.js';

describe('tenant walls', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('a tenant transaction cannot read another tenant\'s table', async () => {
    const a = await createTenant(db.knex, { slug: 'wall_a' });
    const b = await createTenant(db.knex, { slug: 'wall_b' });
    await withTenant(db.knex, b, (trx) => trx.raw('create table secrets (v text)'));
    await withTenant(db.knex, b, (trx) => trx('secrets').insert({ v: 'b only' }));
    expect(await withTenant(db.knex, b, (trx) => trx('secrets').select('v'))).toEqual([{ v: 'b only' }]);
    const err = await withTenant(db.knex, a, (trx) => trx.raw(`select * from ${b.schema}.secrets`)).catch((e) => e);
    expect(err.code).toBe('42501');
    const sys = await withTenant(db.knex, a, (trx) => trx.raw('select * from crm_system.users')).catch((e) => e);
    expect(sys.code).toBe('42501');
  });

  it('the role ends with the transaction', async () => {
    const t = await createTenant(db.knex, { slug: 'wall_c' });
    await withTenant(db.knex, t, async (trx) => {
      const { rows } = await trx.raw('select current_user as u');
      expect(rows[0].u).toBe(t.role);
    });
    const { rows } = await db.knex.raw('select current_user as u');
    expect(rows[0].u).not.toBe(t.role);
  });

  it('enters through a gate only when its check passes; a refused gate runs nothing inside', async () => {
    const t = await createTenant(db.knex, { slug: 'wall_gate' });
    const gate = (slug: string) => ({ select: 't.slug', from: `crm_system.tenants as t where t.slug = '${slug}'` });
    const inside = await withTenant(db.knex, t, async (trx) => (await trx.raw('select current_user as u, ? as asked', ['it\'s'])).rows[0], { gate: gate('wall_gate') });
    expect(inside).toEqual({ u: t.role, asked: "it's" });
    const closed = await withTenant(db.knex, t, (trx) => trx.raw('select current_user as u'), { gate: gate('no_such_tenant') }).catch((e) => e);
    expect(closed).toBeInstanceOf(TenantGateClosed);
    const quiet = await withTenant(db.knex, t, async () => 'no query', { gate: gate('no_such_tenant') }).catch((e) => e);
    expect(quiet).toBeInstanceOf(TenantGateClosed);
    // The connection is clean afterwards: a plain query runs outside any transaction, as the engine.
    const { rows } = await db.knex.raw('select current_user as u');
    expect(rows[0].u).not.toBe(t.role);
  });

  it('runs a one-statement transaction inside the walls, and refuses a second statement on the pg pool', async () => {
    const t = await createTenant(db.knex, { slug: 'wall_one' });
    expect(await withTenant(db.knex, t, async (trx) => (await trx.raw('select current_user as u')).rows[0].u, { oneStatement: true })).toBe(t.role);
    const second = withTenant(db.knex, t, async (trx) => {
      await trx.raw('select 1');
      return (await trx.raw('select current_user as u')).rows[0].u;
    }, { oneStatement: true });
    if (db.backend === 'postgres') await expect(second).rejects.toThrow(/one statement/);
    else expect(await second).toBe(t.role);
    const failed = await withTenant(db.knex, t, (trx) => trx.raw('select * from no_such_table'), { oneStatement: true }).catch((e) => e);
    expect(failed.code).toBe('42P01');
    const { rows } = await db.knex.raw('select current_user as u');
    expect(rows[0].u).not.toBe(t.role);
  });

  it('refuses a bad slug and a taken one', async () => {
    await expect(createTenant(db.knex, { slug: 'Bad-Slug' })).rejects.toMatchObject({ status: 400 });
    await createTenant(db.knex, { slug: 'dupe' });
    await expect(createTenant(db.knex, { slug: 'dupe' })).rejects.toMatchObject({ status: 409 });
  });
});
