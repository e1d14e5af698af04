import type { Knex } from 'knex';
import { v5 as uuidV5 } from 'uuid';
import type { Tenant } from '../../db/tenant.js';
import { problem } from '../../errors.js';
import { loadPublishedTenantLayer } from '../../metadata/published-layer.js';
import { lowerLayersOf } from '../../metadata/tenant-meta.js';
import { installedPlugins } from '../../metadata/plugin-catalogue/plugin-installs.js';
import type { DemoRecords } from '../../metadata/plugin-catalogue/uploaded-plugins.js';
import type { MetadataDocument, PluginManifest } from '../../metadata/types.js';
import { auditExport, type ExportOrigin } from '../../security/index.js';
import { writePluginArchive } from '../package/write-plugin-archive.js';
import { getModule, raiseModuleVersion, type TenantModule } from './module-store.js';

export interface ExportModuleInput {
  tenant: Tenant;
  moduleId: string;
  /** The version the package carries; default the module's current one. Must not go below it. */
  version?: string;
  /** Demo records to ship with it, by entity, as already read (with the exporter's rights) by the caller. */
  demo?: DemoRecords;
  description?: PluginManifest['description'];
  /** Who asked and from where, for the audit log (`module.export`). */
  by?: { actorId: string | null; from: ExportOrigin };
}

export interface ModuleExport {
  fileName: string;
  manifest: PluginManifest;
  archive: Buffer;
}

/**
 * A stable id for a document or field that has none yet, derived from the module's id and
 * its address: exporting again gives the same id, so the package's upgrades rebase
 * customisations the way a shipped plugin's do.
 */
const derivedId = (moduleId: string, address: string): string => uuidV5(address, moduleId);

const withIds = (module: TenantModule, doc: MetadataDocument): MetadataDocument => {
  const out: MetadataDocument = { ...doc, id: doc.id ?? derivedId(module.id, `${doc.kind}/${doc.name}`) };
  if (doc.kind === 'entity' && doc.fields && typeof doc.fields === 'object') {
    out.fields = Object.fromEntries(
      Object.entries(doc.fields as Record<string, Record<string, unknown>>).map(([name, field]) => [name, { ...field, id: field.id ?? derivedId(module.id, `${doc.kind}/${doc.name}/${name}`) }]),
    );
  }
  return out;
};

/** Entity names a document points at: reference fields' targets and the `entity` a form, view, report … is about. */
const entitiesNamed = (doc: MetadataDocument): string[] => {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'entity' || k === 'target') && typeof x === 'string') found.push(x);
        else walk(x);
      }
    }
  };
  walk(doc);
  return found;
};

/**
 * What the package requires: every installed plugin one of its documents extends (an
 * overlay of that plugin's document) or points at (a reference to its entity), at the
 * installed version or newer within the major (`^x.y.z`).
 */
const requirementsOf = async (knex: Knex, tenant: Tenant, documents: MetadataDocument[]): Promise<Record<string, string>> => {
  const versions = new Map((await installedPlugins(knex, tenant)).filter((r) => r.status === 'installed').map((r) => [r.plugin, r.version]));
  const own = new Set(documents.map((d) => `${d.kind}/${d.name}`));
  const owners = new Map<string, string>();
  for (const layer of await lowerLayersOf(knex, tenant)) {
    if (!layer.source.startsWith('plugin:')) continue;
    for (const d of layer.documents) if (!owners.has(`${d.kind}/${d.name}`)) owners.set(`${d.kind}/${d.name}`, layer.source.slice('plugin:'.length));
  }
  const needed = new Set<string>();
  for (const doc of documents) {
    const overlaid = owners.get(`${doc.kind}/${doc.name}`);
    if (overlaid) needed.add(overlaid);
    for (const entity of entitiesNamed(doc)) {
      if (own.has(`entity/${entity}`)) continue;
      const owner = owners.get(`entity/${entity}`);
      if (owner) needed.add(owner);
    }
  }
  return Object.fromEntries([...needed].sort().filter((p) => versions.has(p)).map((p) => [p, `^${versions.get(p)}`]));
};

/**
 * A module of the tenant as a plugin package (.zip): its published documents with their
 * stable ids, a plugin.json with its name, version, labels, icon and what it requires, and
 * the demo records given. Only what is published goes out: a module's package is always a
 * set that passed the metadata check.
 */
export const exportModule = async (input: ExportModuleInput, ctx: { knex: Knex }): Promise<ModuleExport> => {
  const { tenant } = input;
  const db = { knex: ctx.knex, tenant };
  const module = await getModule(input.moduleId, db);
  const published = new Map((await loadPublishedTenantLayer(db)).map((d) => [`${d.kind}/${d.name}`, d]));
  const documents = module.documents.flatMap((ref) => {
    const doc = published.get(`${ref.kind}/${ref.name}`);
    return doc ? [withIds(module, doc)] : [];
  });
  if (!documents.length) throw problem('MODULE_EMPTY', { module: module.name });
  const version = await raiseModuleVersion(module.id, module.version, input.version, db);
  const requires = await requirementsOf(ctx.knex, tenant, documents);
  const manifest: PluginManifest = {
    id: module.id,
    name: module.name,
    version,
    label: module.label,
    ...(input.description && { description: input.description }),
    ...(Object.keys(requires).length && { requires }),
    ...(module.icon && { icon: module.icon }),
    ...(module.menuGroup && { menuGroup: module.menuGroup }),
  };
  const archive = await writePluginArchive({ manifest, documents, demo: input.demo ?? {} });
  if (input.by) {
    const demoRows = Object.values(input.demo ?? {}).reduce((n, rows) => n + (Array.isArray(rows) ? rows.length : 0), 0);
    await auditExport(ctx.knex, { tenantId: tenant.id, actorId: input.by.actorId, what: 'module', target: module.name, rows: demoRows, from: input.by.from, details: { version, documents: documents.length } });
  }
  return { fileName: `${module.name}-${version}.zip`, manifest, archive };
};
