import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { badRequest, conflict, notFound } from '../errors.js';
import { climbTenantSchema, LATEST_TENANT_SCHEMA } from '../db/tenant-schema/ladder.js';
import { quoteIdent, TENANT_SLUG, type Tenant } from '../db/tenant.js';

/**
 * The owner of crm_system.tenants: every read and write of a tenant row goes through
 * this file. The auth look-ups that must stay one query join the table by TENANTS and
 * read it with tenantColumns / tenantFromRow.
 */
export const TENANTS = 'crm_system.tenants';

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  schema_name: string;
  role_name: string;
  published_version: number;
  meta_revision: number | string;
}

/** The columns tenantFromRow reads, qualified by a join's alias. */
export const tenantColumns = (alias: string): string[] =>
  ['id', 'slug', 'name', 'schema_name', 'role_name', 'published_version', 'meta_revision'].map((c) => `${alias}.${c}`);

export const tenantFromRow = (r: TenantRow): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  schema: r.schema_name,
  role: r.role_name,
  publishedVersion: r.published_version,
  metaRevision: Number(r.meta_revision),
});

/** The tenant of that slug, or undefined; `active` leaves out suspended ones. */
export const findTenant = async (knex: Knex, slug: string, opts: { active?: boolean } = {}): Promise<Tenant | undefined> => {
  const row = await knex<TenantRow>(TENANTS).where({ slug, ...(opts.active ? { status: 'active' } : {}) }).first();
  return row ? tenantFromRow(row) : undefined;
};

/** The active tenant of that slug whose public endpoints are on, or undefined (no such tenant, suspended, or switched off). */
export const findPublicTenant = async (knex: Knex, slug: string): Promise<Tenant | undefined> => {
  const row: TenantRow | undefined = await knex(TENANTS).where({ slug, status: 'active', public_enabled: true }).first();
  return row ? tenantFromRow(row) : undefined;
};

/** Whether the tenant's public endpoints (/api/public/<tenant>/…) answer. */
export const publicEndpointsEnabled = async (knex: Knex, tenant: Pick<Tenant, 'id'>): Promise<boolean> =>
  Boolean((await knex(TENANTS).where({ id: tenant.id }).first('public_enabled'))?.public_enabled);

/** Turns the tenant's public endpoints on or off (web forms, public plugin routes, webhooks under /api/public). */
export const setPublicEndpoints = async (knex: Knex, tenant: Pick<Tenant, 'id'>, enabled: boolean): Promise<void> => {
  await knex(TENANTS).where({ id: tenant.id }).update({ public_enabled: enabled });
};

/** The tenant of that slug, or a 404. */
export const getTenant = async (knex: Knex, slug: string): Promise<Tenant> => {
  const tenant = await findTenant(knex, slug);
  if (!tenant) throw notFound(`Tenant "${slug}" does not exist`);
  return tenant;
};

export const findTenantById = async (knex: Knex, id: string): Promise<Tenant | undefined> => {
  const row = await knex<TenantRow>(TENANTS).where({ id }).first();
  return row ? tenantFromRow(row) : undefined;
};

export interface TenantListing extends Tenant {
  status: string;
  schemaVersion: number;
}

/** Tenants by slug; `active` leaves out suspended ones. */
export const listTenants = async (knex: Knex, opts: { active?: boolean } = {}): Promise<TenantListing[]> => {
  const q = knex(TENANTS).orderBy('slug').select('*');
  if (opts.active) q.where({ status: 'active' });
  return (await q).map((r: TenantRow & { status: string; schema_version: number }) => ({ ...tenantFromRow(r), status: r.status, schemaVersion: r.schema_version }));
};

/** The tenant as it is now (metadata revision and published version move on). */
export const refreshTenant = async (knex: Knex, tenant: Tenant): Promise<Tenant> => (await findTenantById(knex, tenant.id)) ?? tenant;

/** Locks the tenant's row for the transaction and reads its published version (404 when gone). */
export const lockTenantRow = async (trx: Knex, tenant: Pick<Tenant, 'id' | 'slug'>): Promise<{ publishedVersion: number }> => {
  const row = await trx(TENANTS).where({ id: tenant.id }).forUpdate().first('published_version');
  if (!row) throw notFound(`Tenant "${tenant.slug}" does not exist`);
  return { publishedVersion: Number(row.published_version) };
};

/** The tenant's published metadata version (0 before the first publish). */
export const publishedVersionOf = async (knex: Knex, tenant: Pick<Tenant, 'id' | 'slug'>): Promise<number> => {
  const row = await knex(TENANTS).where({ id: tenant.id }).first('published_version');
  if (!row) throw notFound(`Tenant "${tenant.slug}" does not exist`);
  return Number(row.published_version);
};

/** Makes caches of the tenant's effective metadata refresh. */
export const bumpMetaRevision = async (trx: Knex, tenant: Pick<Tenant, 'id'>): Promise<void> => {
  await trx(TENANTS).where({ id: tenant.id }).update({ meta_revision: trx.raw('meta_revision + 1') });
};

/** Records the published metadata version and bumps the revision. */
export const setPublishedVersion = async (trx: Knex, tenant: Pick<Tenant, 'id'>, version: number): Promise<void> => {
  await trx(TENANTS).where({ id: tenant.id }).update({ published_version: version, meta_revision: trx.raw('meta_revision + 1') });
};

/** Locks the tenant's row and reads the last ladder rung its schema has. */
export const lockSchemaVersion = async (trx: Knex.Transaction, tenantId: string): Promise<number | undefined> => {
  const row = await trx(TENANTS).where({ id: tenantId }).forUpdate().first('schema_version');
  return row ? Number(row.schema_version) : undefined;
};

export const recordSchemaVersion = async (trx: Knex.Transaction, tenantId: string, version: number): Promise<void> => {
  await trx(TENANTS).where({ id: tenantId }).update({ schema_version: version });
};

/**
 * Creates a tenant in one transaction: its row, a role of its own, schema t_<slug> owned
 * by that role, and every rung of the tenant schema ladder run as that role.
 */
export const createTenant = async (knex: Knex, input: { slug: string; name?: string }): Promise<Tenant> => {
  if (!TENANT_SLUG.test(input.slug)) {
    throw badRequest('Tenant slug must match ^[a-z][a-z0-9_]{0,39}$', {
      errors: [{ field: 'slug', message: 'lowercase letters, digits and _, starting with a letter, at most 40' }],
    });
  }
  return knex.transaction(async (trx) => {
    const exists = await trx(TENANTS).where({ slug: input.slug }).first('id');
    if (exists) throw conflict(`Tenant "${input.slug}" already exists`, { errors: [{ field: 'slug', message: 'taken' }] });
    const installId = (await trx('crm_system.settings').where({ key: 'install_id' }).first())?.value as string;
    const schema = `t_${input.slug}`;
    const role = `crm_${installId}_${input.slug}`;
    await trx.raw(`create role ${quoteIdent(role)} nologin`);
    // Lets a non-superuser engine account switch into the role; a no-op for a superuser.
    const { rows } = await trx.raw(`select rolsuper from pg_roles where rolname = current_user`);
    if (!rows[0]?.rolsuper) await trx.raw(`grant ${quoteIdent(role)} to current_user`);
    await trx.raw(`create schema ${quoteIdent(schema)} authorization ${quoteIdent(role)}`);
    const row: TenantRow = { id: uuidv7(), slug: input.slug, name: input.name ?? input.slug, schema_name: schema, role_name: role, published_version: 0, meta_revision: 0 };
    await trx(TENANTS).insert({ ...row, schema_version: LATEST_TENANT_SCHEMA });
    const tenant = tenantFromRow(row);
    await climbTenantSchema(trx, tenant, 0);
    return tenant;
  });
};

/** Sets the tenant's status (`active`, `suspended`), e.g. as a restored archive had it. */
export const setTenantStatus = async (trx: Knex, tenant: Pick<Tenant, 'id'>, status: string): Promise<void> => {
  await trx(TENANTS).where({ id: tenant.id }).update({ status });
};
