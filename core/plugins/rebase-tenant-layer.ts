import type { MetadataDocument } from '../metadata/types.js';
import { docKey, pluginChanges, type PluginChanges } from './plugin-changes.js';
import { renameEntity, renameField, renameReferences, type RenameCtx } from './rename-references.js';
import type { UpgradeConflict } from './types.js';

export interface RebaseInput {
  plugin: string;
  /** The plugin's documents as the tenant installed them. */
  before: MetadataDocument[];
  /** The plugin's documents in the version being installed. */
  after: MetadataDocument[];
  /** The tenant's layer (overlays of plugin documents and the tenant's own documents). */
  tenant: MetadataDocument[];
  /** Other documents below the tenant's layer (system, other plugins), to follow references. */
  below?: MetadataDocument[];
}

export interface RebaseResult {
  documents: MetadataDocument[];
  notes: string[];
  conflicts: UpgradeConflict[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fieldsOf = (doc: MetadataDocument | undefined): Obj => (doc && isObj(doc.fields) ? doc.fields : {});

interface OverlayCtx extends RenameCtx {
  plugin: string;
  /** The tenant document's key before the rebase, for notes and conflicts. */
  key: string;
  before?: MetadataDocument;
  after: MetadataDocument;
  notes: string[];
  conflicts: UpgradeConflict[];
}

/** Moves an entity overlay's fields to the plugin's new field names and checks the tenant's own fields still fit. */
const rebaseEntityOverlay = (ctx: OverlayCtx, doc: MetadataDocument): void => {
  const { key } = ctx;
  const fields = fieldsOf(doc);
  const renamed = ctx.changes.renamedFields.get(doc.name) ?? new Map<string, string>();
  const removed = ctx.changes.removedFields.get(doc.name) ?? new Set<string>();
  const oldFields = fieldsOf(ctx.before);
  const newFields = fieldsOf(ctx.after);
  const next: Obj = {};
  for (const [name, field] of Object.entries(fields)) {
    const target = renamed.get(name);
    if (target !== undefined) {
      if (target in fields && !renamed.has(target)) {
        ctx.conflicts.push({ document: key, field: name, message: `plugin "${ctx.plugin}" renames field "${name}" to "${target}", a name the tenant already uses` });
        continue;
      }
      next[target] = field;
      ctx.notes.push(`${key}: the customisation of field "${name}" follows its rename to "${target}"`);
    } else if (removed.has(name)) {
      ctx.notes.push(`${key}: dropped the customisation of field "${name}", which plugin "${ctx.plugin}" no longer has (its data is kept, retired)`);
    } else if (!(name in oldFields) && name in newFields && !(isObj(field) && isObj(newFields[name]) && field.id && field.id === newFields[name].id)) {
      ctx.conflicts.push({ document: key, field: name, message: `plugin "${ctx.plugin}" adds a field "${name}", a name the tenant's own field already has` });
    } else {
      next[name] = field;
    }
  }
  if (isObj(doc.fields)) doc.fields = next;
  if (typeof doc.titleField === 'string') doc.titleField = renameField(ctx, doc.name, doc.titleField);
  if (Array.isArray(doc.searchFields)) doc.searchFields = doc.searchFields.map((f) => (typeof f === 'string' ? renameField(ctx, doc.name, f) : f));
};

const fieldLookup = (changes: PluginChanges, sources: MetadataDocument[][]) => (entity: string, field: string): Obj | undefined => {
  for (const docs of sources) {
    for (const d of docs) {
      if (d.kind !== 'entity' || renameEntity({ changes, fieldOf: () => undefined }, d.name) !== entity) continue;
      const f = fieldsOf(d)[field];
      if (isObj(f) && f.type !== undefined) return f;
    }
  }
  return undefined;
};

/**
 * Rebases the tenant's layer onto a new version of a plugin by stable ids: a document or
 * field the plugin renamed keeps the tenant's customisation under its new name, the
 * tenant's own fields stay, customisations of fields the plugin dropped go (the data
 * stays, retired). Everything that cannot be carried over is a conflict; the caller
 * applies nothing when there is one. Pure: the input is not changed.
 */
export const rebaseTenantLayer = (input: RebaseInput): RebaseResult => {
  const changes = pluginChanges(input.before, input.after);
  const oldKeys = new Set(input.before.map((d) => docKey(d.kind, d.name)));
  const newDocs = new Map(input.after.map((d) => [docKey(d.kind, d.name), d]));
  const tenantKeys = new Set(input.tenant.map((d) => docKey(d.kind, d.name)));
  const notes: string[] = [];
  const conflicts: UpgradeConflict[] = [];
  const fieldOf = fieldLookup(changes, [input.after, input.below ?? [], input.tenant]);
  const documents = input.tenant.map((original) => {
    const doc = structuredClone(original);
    const key = docKey(doc.kind, doc.name);
    const newName = changes.renamedDocuments.get(key);
    if (newName !== undefined) {
      if (tenantKeys.has(docKey(doc.kind, newName))) {
        conflicts.push({ document: key, message: `plugin "${input.plugin}" renames it to "${newName}", a name the tenant already uses` });
      } else {
        doc.name = newName;
        notes.push(`${key}: the customisation follows its rename to "${newName}"`);
      }
    } else if (changes.removedDocuments.has(key)) {
      conflicts.push({ document: key, message: `plugin "${input.plugin}" no longer has this ${doc.kind}; remove the tenant's customisation of it first` });
    } else if (!oldKeys.has(key) && newDocs.has(key)) {
      conflicts.push({ document: key, message: `plugin "${input.plugin}" adds a ${doc.kind} with this name; rename the tenant's own first` });
    }
    renameReferences({ changes, fieldOf }, doc);
    const after = newDocs.get(docKey(doc.kind, doc.name));
    if (doc.kind === 'entity' && after) {
      const before = input.before.find((d) => d.kind === 'entity' && renameEntity({ changes, fieldOf }, d.name) === doc.name);
      rebaseEntityOverlay({ changes, fieldOf, plugin: input.plugin, key, before, after, notes, conflicts }, doc);
    }
    return doc;
  });
  return { documents, notes, conflicts };
};
