import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

/**
 * Modules a tenant builds in the studio and plugins uploaded to one tenant.
 *
 * `metadata_modules`: one row per module (stable id, name, label in both languages, icon,
 * menu group, the version its next export carries). `metadata_module_documents`: which
 * tenant documents belong to which module, by kind and name (a document belongs to at most
 * one module). `uploaded_plugins`: a plugin package uploaded through the plugin manager,
 * kept per tenant as a catalogue entry beside the plugins on disk (manifest, documents and
 * demo records as JSON; never code).
 */
export const up = async (knex: Knex): Promise<void> => {
  await execScript(
    knex,
    `
    create table if not exists crm_system.metadata_modules (
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      id uuid not null,
      name text not null,
      label jsonb not null,
      icon text,
      menu_group text,
      version text not null default '1.0.0',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, name)
    );
    create table if not exists crm_system.metadata_module_documents (
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      module_id uuid not null,
      kind text not null,
      name text not null,
      primary key (tenant_id, kind, name),
      foreign key (tenant_id, module_id) references crm_system.metadata_modules (tenant_id, id) on delete cascade
    );
    create table if not exists crm_system.uploaded_plugins (
      tenant_id uuid not null references crm_system.tenants(id) on delete cascade,
      name text not null,
      version text not null,
      manifest jsonb not null,
      documents jsonb not null,
      demo jsonb not null default '{}',
      uploaded_by uuid,
      uploaded_at timestamptz not null default now(),
      primary key (tenant_id, name)
    );
  `,
  );
};
