import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { execScript } from './exec-script.js';
import { badRequest, conflict, notFound } from '../errors.js';
import type { TenantTransactionConfig } from './pg-tenant-client.js';
import { failingGateSql, TenantGateClosed, type TenantGate } from './tenant-gate.js';
import { FILE_ATTACHMENT_DDL } from '../files/files-table.js';

export { TenantGateClosed, type TenantGate } from './tenant-gate.js';

/** What the engine needs to enter a tenant's walls. */
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  schema: string;
  role: string;
  publishedVersion: number;
  metaRevision: number;
}

export const TENANT_SLUG = /^[a-z][a-z0-9_]{0,39}$/;

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  schema_name: string;
  role_name: string;
  published_version: number;
  meta_revision: number | string;
}

export const tenantFromRow = (r: TenantRow): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  schema: r.schema_name,
  role: r.role_name,
  publishedVersion: r.published_version,
  metaRevision: Number(r.meta_revision),
});

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const searchPathLiteral = (tenant: Tenant): string => quoteLiteral(`${quoteIdent(tenant.schema)}, crm_ext, pg_catalog`);

/** The select items that take a tenant's role and search_path until the transaction ends. */
const tenantSetupColumns = (tenant: Tenant): string =>
  `set_config('role', ${quoteLiteral(tenant.role)}, true) as _tenant_role, set_config('search_path', ${searchPathLiteral(tenant)}, true) as _tenant_path`;

/** The statement that takes a tenant's role and search_path until the transaction ends. */
const tenantSetupSql = (tenant: Tenant): string => `select ${tenantSetupColumns(tenant)}`;

/** The gate's check and the set-up in one statement: no row, no role. */
const gateSql = (tenant: Tenant, gate: TenantGate): string => `select ${gate.select}, ${tenantSetupColumns(tenant)} from ${gate.from}`;

/**
 * Runs fn in one transaction inside the tenant's walls: the first statement takes the
 * tenant's role and search_path (SET LOCAL, so they end with the transaction). A query
 * naming another tenant's table fails with a permission error even if code is wrong.
 * On the pg pool the set-up travels with BEGIN in one round trip (PgTenantClient); role
 * and schema names come from crm_system.tenants and are quoted as literals.
 *
 * With a gate (a check that must pass first, e.g. that the session still holds), the
 * set-up statement is the gate's check and TenantGateClosed is thrown when it refuses:
 * nothing ran inside the tenant. On the pg pool BEGIN and the gate travel with fn's first
 * statement, in one round trip, and the gate then fails that whole message.
 * `oneStatement`: fn runs exactly one statement (a read). On the pg pool it travels with
 * BEGIN, the set-up and COMMIT in one round trip; a second statement would be refused.
 */
export const withTenant = async <T>(
  knex: Knex,
  tenant: Tenant,
  fn: (trx: Knex.Transaction) => Promise<T>,
  opts: { gate?: TenantGate; oneStatement?: boolean } = {},
): Promise<T> => {
  const { gate, oneStatement } = opts;
  if (!knex.isTransaction && (knex.client as { tenantSetupInBegin?: boolean }).tenantSetupInBegin) {
    const tenantSetup = gate ? failingGateSql(gate, quoteLiteral(tenant.role), searchPathLiteral(tenant)) : tenantSetupSql(tenant);
    const config: TenantTransactionConfig = { tenantSetup, deferTenantSetup: Boolean(gate || oneStatement), commitWithFirst: oneStatement };
    return knex.transaction(fn, config as Knex.TransactionConfig);
  }
  return knex.transaction(async (trx) => {
    const { rows } = (await trx.raw(gate ? gateSql(tenant, gate) : tenantSetupSql(tenant))) as { rows: unknown[] };
    if (!rows.length) throw new TenantGateClosed();
    return fn(trx);
  });
};

/**
 * The next number of an auto-number counter, gap-free: an advisory lock per counter held
 * to the end of the transaction serialises the callers, and each number is a new row of
 * `_counter_log` (insert only, so a long import does not walk an ever longer chain of row
 * versions; a rollback takes its numbers back). One round trip per number.
 */
export const NEXT_NUMBER_FUNCTION = `create or replace function _next_number(p_entity text, p_field text) returns bigint language plpgsql volatile as $$
declare n bigint; begin perform pg_advisory_xact_lock(hashtextextended(current_schema() || '.' || p_entity || '.' || p_field, 0)); select coalesce(max(value), 0) + 1 into n from _counter_log where entity = p_entity and field = p_field; insert into _counter_log (entity, field, value) values (p_entity, p_field, n); return n; end
$$`;

/** Uploaded files of attachment fields, inside the tenant's walls (where each belongs: FILE_ATTACHMENT_DDL). */
export const TENANT_FILES_TABLE = `create table _files (
    id uuid primary key,
    name text not null,
    type text not null,
    size integer not null,
    sha256 text not null,
    data bytea not null,
    created_by uuid,
    created_at timestamptz not null default now()
  )`;

/** Saved list views: each user's own, and the ones a tenant admin shared with everyone. */
export const TENANT_SAVED_VIEWS_TABLE = `create table _saved_views (
    id uuid primary key,
    owner_id uuid not null,
    entity text not null,
    name text not null,
    definition jsonb not null,
    shared boolean not null default false,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (owner_id, entity, name)
  )`;

/**
 * Internal tables every tenant schema has. Names start with "_" so no entity can take them.
 * `_users` mirrors the tenant's users (id, team, active) from crm_system so row scopes
 * such as `team` stay one SQL predicate inside the tenant's walls.
 */
const TENANT_TABLES = `
  create table _history (
    id bigserial primary key,
    entity text not null,
    record_id uuid not null,
    action text not null,
    actor_id uuid,
    at timestamptz not null default now(),
    changes jsonb not null default '{}'
  );
  create index _history_record on _history (entity, record_id, id);
  create table _users (
    id uuid primary key,
    team text,
    active boolean not null default true
  );
  create index _users_team on _users (team);
  create table _counters (
    entity text not null,
    field text not null,
    value bigint not null default 0,
    primary key (entity, field)
  );
  create table _counter_log (
    entity text not null,
    field text not null,
    value bigint not null,
    primary key (entity, field, value)
  );
  ${NEXT_NUMBER_FUNCTION};
  ${TENANT_FILES_TABLE};
  ${FILE_ATTACHMENT_DDL}
  ${TENANT_SAVED_VIEWS_TABLE};
`;

export const getTenant = async (knex: Knex, slug: string): Promise<Tenant> => {
  const row = await knex<TenantRow>('crm_system.tenants').where({ slug }).first();
  if (!row) throw notFound(`Tenant "${slug}" does not exist`);
  return tenantFromRow(row);
};

export const findTenantById = async (knex: Knex, id: string): Promise<Tenant | undefined> => {
  const row = await knex<TenantRow>('crm_system.tenants').where({ id }).first();
  return row ? tenantFromRow(row) : undefined;
};

/**
 * Creates a tenant: its row, a role of its own and schema t_<slug> owned by that role,
 * with the internal tables created as the tenant role. One transaction.
 */
export const createTenant = async (knex: Knex, input: { slug: string; name?: string }): Promise<Tenant> => {
  if (!TENANT_SLUG.test(input.slug)) {
    throw badRequest('Tenant slug must match ^[a-z][a-z0-9_]{0,39}$', {
      errors: [{ field: 'slug', message: 'lowercase letters, digits and _, starting with a letter, at most 40' }],
    });
  }
  return knex.transaction(async (trx) => {
    const exists = await trx('crm_system.tenants').where({ slug: input.slug }).first();
    if (exists) throw conflict(`Tenant "${input.slug}" already exists`, { errors: [{ field: 'slug', message: 'taken' }] });
    const installId = (await trx('crm_system.settings').where({ key: 'install_id' }).first())?.value as string;
    const schema = `t_${input.slug}`;
    const role = `crm_${installId}_${input.slug}`;
    await trx.raw(`create role ${quoteIdent(role)} nologin`);
    // Lets a non-superuser engine account switch into the role; a no-op for a superuser.
    const { rows } = await trx.raw(`select rolsuper from pg_roles where rolname = current_user`);
    if (!rows[0]?.rolsuper) await trx.raw(`grant ${quoteIdent(role)} to current_user`);
    await trx.raw(`create schema ${quoteIdent(schema)} authorization ${quoteIdent(role)}`);
    const row: TenantRow = {
      id: uuidv7(),
      slug: input.slug,
      name: input.name ?? input.slug,
      schema_name: schema,
      role_name: role,
      published_version: 0,
      meta_revision: 0,
    };
    await trx('crm_system.tenants').insert(row);
    const tenant = tenantFromRow(row);
    await trx.raw(`select set_config('role', ?, true), set_config('search_path', ?, true)`, [role, `${quoteIdent(schema)}, crm_ext, pg_catalog`]);
    await execScript(trx, TENANT_TABLES);
    await trx.raw(`select set_config('role', 'none', true)`);
    return tenant;
  });
};
