import semver from 'semver';
import type { Knex } from 'knex';
import { v7 as newId } from 'uuid';
import type { Tenant } from '../../db/tenant.js';
import { invalidInput, notFound, problem } from '../../errors.js';
import { discoverPlugins } from '../../metadata/plugin-catalogue/discover-plugins.js';
import { NAME_PATTERN } from '../../metadata/reserved-names.js';
import { DOCUMENTS } from '../../metadata/tenant-store.js';
import { METADATA_KINDS, type Label, type MetadataKind } from '../../metadata/types.js';

const MODULES = 'crm_system.metadata_modules';
const MODULE_DOCUMENTS = 'crm_system.metadata_module_documents';

/** A document of a module, by the address the tenant layer knows it by. */
export interface ModuleDocumentRef {
  kind: MetadataKind;
  name: string;
}

/** A module the tenant builds in the studio: its documents are seen, published and exported together. */
export interface TenantModule {
  id: string;
  name: string;
  label: Label;
  icon: string | null;
  menuGroup: string | null;
  /** The version the next export carries (raised by each export that names a newer one). */
  version: string;
  documents: ModuleDocumentRef[];
  createdAt: string;
  updatedAt: string;
}

export interface ModuleInput {
  name?: unknown;
  label?: unknown;
  icon?: unknown;
  menuGroup?: unknown;
}

interface Ctx {
  knex: Knex;
  tenant: Pick<Tenant, 'id'>;
}

interface ModuleRow {
  id: string;
  name: string;
  label: Label | string;
  icon: string | null;
  menu_group: string | null;
  version: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** Every problem with a module's name, label, icon and menu group (400 with the failing fields). */
const checkInput = (input: ModuleInput, creating: boolean): void => {
  const errors: { field: string; message: string }[] = [];
  if (creating && (typeof input.name !== 'string' || !NAME_PATTERN.test(input.name))) {
    errors.push({ field: 'name', message: 'use lowercase letters, digits and _, starting with a letter (at most 63 characters)' });
  }
  if (creating || input.label !== undefined) {
    const label = input.label as Record<string, unknown> | undefined;
    for (const lang of ['en', 'zh-CN']) if (!isText(label?.[lang], 200)) errors.push({ field: `label.${lang}`, message: 'is required (at most 200 characters)' });
  }
  if (input.icon !== undefined && input.icon !== null && !isText(input.icon, 60)) errors.push({ field: 'icon', message: 'must be an icon name (at most 60 characters)' });
  if (input.menuGroup !== undefined && input.menuGroup !== null && !isText(input.menuGroup, 100)) errors.push({ field: 'menuGroup', message: 'must be a menu group (at most 100 characters)' });
  if (errors.length) throw invalidInput('The module has problems', errors);
};

const toModule = (row: ModuleRow, documents: ModuleDocumentRef[]): TenantModule => ({
  id: row.id,
  name: row.name,
  label: typeof row.label === 'string' ? (JSON.parse(row.label) as Label) : row.label,
  icon: row.icon,
  menuGroup: row.menu_group,
  version: row.version,
  documents,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

const documentsOf = async (ctx: Ctx): Promise<Map<string, ModuleDocumentRef[]>> => {
  const rows: { module_id: string; kind: MetadataKind; name: string }[] = await ctx.knex(MODULE_DOCUMENTS).where({ tenant_id: ctx.tenant.id }).orderBy(['kind', 'name']).select('module_id', 'kind', 'name');
  const byModule = new Map<string, ModuleDocumentRef[]>();
  for (const r of rows) byModule.set(r.module_id, [...(byModule.get(r.module_id) ?? []), { kind: r.kind, name: r.name }]);
  return byModule;
};

const COLUMNS = ['id', 'name', 'label', 'icon', 'menu_group', 'version', 'created_at', 'updated_at'];

/** The tenant's modules, by name, each with its documents. */
export const listModules = async (ctx: Ctx): Promise<TenantModule[]> => {
  const rows: ModuleRow[] = await ctx.knex(MODULES).where({ tenant_id: ctx.tenant.id }).orderBy('name').select(COLUMNS);
  const docs = await documentsOf(ctx);
  return rows.map((r) => toModule(r, docs.get(r.id) ?? []));
};

/** One module, or 404. */
export const getModule = async (id: string, ctx: Ctx): Promise<TenantModule> => {
  const found = (await listModules(ctx)).find((m) => m.id === id);
  if (!found) throw notFound('No such module');
  return found;
};

/** Starts a module (its id is its stable id: the plugin it becomes keeps it). */
export const createModule = async (input: ModuleInput, ctx: Ctx): Promise<TenantModule> => {
  checkInput(input, true);
  const name = input.name as string;
  if ((await discoverPlugins()).some((p) => p.manifest.name === name)) throw problem('PLUGIN_NAME_SHIPPED', { plugin: name });
  const id = newId();
  const inserted: { id: string }[] = await ctx.knex(MODULES)
    .insert({
      tenant_id: ctx.tenant.id,
      id,
      name,
      label: JSON.stringify(input.label),
      icon: (input.icon as string | undefined) ?? null,
      menu_group: (input.menuGroup as string | undefined) ?? null,
    })
    .onConflict(['tenant_id', 'name'])
    .ignore()
    .returning('id');
  // Two admins starting the same name at once: one wins, the other hears it is taken.
  if (!inserted.length) throw problem('MODULE_NAME_TAKEN', { module: name });
  return getModule(id, ctx);
};

/** Changes a module's label, icon or menu group (its name is its plugin's name and stays). */
export const updateModule = async (id: string, input: ModuleInput, ctx: Ctx): Promise<TenantModule> => {
  checkInput(input, false);
  await getModule(id, ctx);
  const changes: Record<string, unknown> = { updated_at: ctx.knex.fn.now() };
  if (input.label !== undefined) changes.label = JSON.stringify(input.label);
  if (input.icon !== undefined) changes.icon = input.icon;
  if (input.menuGroup !== undefined) changes.menu_group = input.menuGroup;
  await ctx.knex(MODULES).where({ tenant_id: ctx.tenant.id, id }).update(changes);
  return getModule(id, ctx);
};

/** Records the version an export carried; the next export must name a newer one. */
export const raiseModuleVersion = async (id: string, current: string, version: string | undefined, ctx: Ctx): Promise<string> => {
  if (version === undefined) return current;
  if (!semver.valid(version) || semver.lt(version, current)) throw problem('MODULE_VERSION_INVALID', { current }, { errors: [{ field: 'version', message: `a version such as 1.1.0, not below ${current}` }] });
  await ctx.knex(MODULES).where({ tenant_id: ctx.tenant.id, id }).update({ version, updated_at: ctx.knex.fn.now() });
  return version;
};

const refOf = (value: unknown): ModuleDocumentRef => {
  const v = value as { kind?: unknown; name?: unknown } | null;
  if (!v || !METADATA_KINDS.includes(v.kind as MetadataKind) || typeof v.name !== 'string') {
    throw invalidInput('Name each document by kind and name', [{ field: 'documents', message: `each item is {kind: ${METADATA_KINDS.join(' | ')}, name}` }]);
  }
  return { kind: v.kind as MetadataKind, name: v.name };
};

/**
 * Puts documents of the tenant's own layer into a module (a document the studio just
 * created in it, or one made before). A document belongs to one module at most: one in
 * another module is a 409 naming it; nothing is added then.
 */
export const addModuleDocuments = async (id: string, documents: unknown, ctx: Ctx): Promise<TenantModule> => {
  if (!Array.isArray(documents) || documents.length === 0) throw invalidInput('Name the documents to add', [{ field: 'documents', message: 'a non-empty list of {kind, name}' }]);
  const refs = documents.map(refOf);
  return ctx.knex.transaction(async (trx) => {
    const tx = { knex: trx, tenant: ctx.tenant };
    await getModule(id, tx);
    const modules = await listModules(tx);
    for (const ref of refs) {
      const label = `${ref.kind} “${ref.name}”`;
      if (!(await trx(DOCUMENTS).where({ tenant_id: ctx.tenant.id, kind: ref.kind, name: ref.name }).first('name'))) throw problem('MODULE_NOT_TENANT_DOCUMENT', { document: label });
      const owner = modules.find((m) => m.documents.some((d) => d.kind === ref.kind && d.name === ref.name));
      if (owner && owner.id !== id) throw problem('MODULE_DOCUMENT_TAKEN', { document: label, module: owner.name });
    }
    for (const ref of refs) {
      await trx(MODULE_DOCUMENTS).insert({ tenant_id: ctx.tenant.id, module_id: id, ...ref }).onConflict(['tenant_id', 'kind', 'name']).ignore();
    }
    await trx(MODULES).where({ tenant_id: ctx.tenant.id, id }).update({ updated_at: trx.fn.now() });
    return getModule(id, tx);
  });
};

/** Takes a document out of a module (the document itself stays in the tenant's layer). */
export const removeModuleDocument = async (id: string, ref: unknown, ctx: Ctx): Promise<TenantModule> => {
  const { kind, name } = refOf(ref);
  await getModule(id, ctx);
  await ctx.knex(MODULE_DOCUMENTS).where({ tenant_id: ctx.tenant.id, module_id: id, kind, name }).delete();
  return getModule(id, ctx);
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The module the studio works in (the X-Studio-Module header of a save), checked before
 * anything is saved: an unknown or malformed id is a 400 naming the header.
 */
export const workingModule = async (id: string, ctx: Ctx): Promise<TenantModule> => {
  const found = UUID.test(id) ? (await listModules(ctx)).find((m) => m.id === id) : undefined;
  if (!found) throw invalidInput('The studio works in no such module', [{ field: 'X-Studio-Module', message: 'the id of one of the tenant’s modules' }]);
  return found;
};

/**
 * A document the studio just created while working in a module joins it (a document already in
 * a module stays where it is).
 */
export const joinModule = async (id: string, ref: ModuleDocumentRef, ctx: Ctx): Promise<void> => {
  await ctx.knex(MODULE_DOCUMENTS).insert({ tenant_id: ctx.tenant.id, module_id: id, ...ref }).onConflict(['tenant_id', 'kind', 'name']).ignore();
  await ctx.knex(MODULES).where({ tenant_id: ctx.tenant.id, id }).update({ updated_at: ctx.knex.fn.now() });
};

/** A module's menu group in the app: the group's title and the module's entities under it. */
export interface ModuleMenuGroup {
  module: string;
  group: string;
  entities: string[];
}

/** The menu groups of the tenant's modules that have one, with their entities (by name). */
export const moduleMenuGroups = async (ctx: Ctx): Promise<ModuleMenuGroup[]> =>
  (await listModules(ctx))
    .filter((m) => m.menuGroup)
    .map((m) => ({ module: m.name, group: m.menuGroup as string, entities: m.documents.filter((d) => d.kind === 'entity').map((d) => d.name) }))
    .filter((g) => g.entities.length > 0);
