import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, api, send } from '../api/http.js';
import type { EntityDocument, FieldDefinition, HistoryEntry, Plan } from '../api/types.js';

interface TenantDocument {
  doc: Record<string, unknown>;
  /** Whether the document is the tenant's own (draft) layer, or the effective one from below. */
  own: boolean;
}

/** One document of the tenant's working layer (GET /api/studio). */
export interface DraftRow {
  kind: string;
  name: string;
  doc: Record<string, unknown>;
  updatedAt: string;
  updatedBy: string | null;
}

type Fields = Record<string, Partial<FieldDefinition>>;
export type EntityRule = NonNullable<EntityDocument['rules']>[number];

/** The tenant admin's metadata work: drafts, the publish plan, publishing and history. */
export const useStudioStore = defineStore('studio', () => {
  const plan = ref<Plan | null>(null);
  const history = ref<HistoryEntry[]>([]);

  const tenantDocument = async (kind: string, name: string): Promise<TenantDocument | undefined> => {
    try {
      const { body, headers } = await send<Record<string, unknown>>('GET', `/api/studio/${kind}/${encodeURIComponent(name)}`);
      return { doc: body, own: headers.get('x-metadata-layer') === 'tenant' };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  };

  /** The tenant's own document of that kind and name (a whole one or an overlay), if it has one. */
  const ownDocument = async <T = Record<string, unknown>>(kind: string, name: string): Promise<T | undefined> => {
    const found = await tenantDocument(kind, name);
    return found?.own ? (found.doc as T) : undefined;
  };

  /** Every document of the tenant's working layer. */
  const listDrafts = async (): Promise<DraftRow[]> => (await api.get<{ data: DraftRow[] }>('/api/studio')).data;

  /** Stores a document of the tenant layer as a draft (the server checks it in context). */
  const saveDocument = async (kind: string, name: string, doc: Record<string, unknown>): Promise<void> => {
    await api.put(`/api/studio/${kind}/${encodeURIComponent(name)}`, { ...doc, kind, name });
  };

  /** Removes the tenant's document (a whole one, or its overlay of a plugin's). */
  const deleteDocument = async (kind: string, name: string): Promise<void> => {
    await api.delete(`/api/studio/${kind}/${encodeURIComponent(name)}`);
  };

  /** The tenant's entity document, or a new overlay of a lower one. */
  const entityOverlay = async (entity: string): Promise<Record<string, unknown> & { fields: Fields }> => {
    const own = await ownDocument<Record<string, unknown>>('entity', entity);
    const doc = own ? structuredClone(own) : { kind: 'entity', name: entity };
    return { ...doc, fields: (doc.fields as Fields | undefined) ?? {} };
  };

  /** The fields the tenant's draft adds or changes on an entity (empty when it has no draft). */
  const draftFields = async (entity: string): Promise<Record<string, FieldDefinition>> => {
    const own = await ownDocument<Partial<EntityDocument>>('entity', entity);
    return own?.fields ?? {};
  };

  /** Adds or replaces a field in the tenant's document of `entity` (an overlay is created when missing). */
  const saveField = async (entity: string, name: string, field: Partial<FieldDefinition>): Promise<void> => {
    const doc = await entityOverlay(entity);
    doc.fields = { ...doc.fields, [name]: field };
    await saveDocument('entity', entity, doc);
  };

  /** Adds changes to a field a lower layer owns (its type stays the owner's): merged into the overlay's patch of it. */
  const mergeField = async (entity: string, name: string, patch: Partial<FieldDefinition>): Promise<void> => {
    const doc = await entityOverlay(entity);
    doc.fields = { ...doc.fields, [name]: { ...(doc.fields[name] ?? {}), ...patch } as Partial<FieldDefinition> };
    await saveDocument('entity', entity, doc);
  };

  /** Adds a field to the tenant's overlay of `entity` (created when missing) and saves it as a draft. */
  const addField = (entity: string, name: string, field: FieldDefinition): Promise<void> => saveField(entity, name, field);

  /** Takes a field the tenant defined out of its draft: publishing retires it (hidden, column and values kept). */
  const retireField = async (entity: string, name: string): Promise<void> => {
    const doc = await entityOverlay(entity);
    const { [name]: gone, ...rest } = doc.fields;
    void gone;
    doc.fields = rest;
    if (Array.isArray(doc.searchFields)) doc.searchFields = (doc.searchFields as string[]).filter((f) => f !== name);
    await saveDocument('entity', entity, doc);
  };

  /** Changes entity-level properties (labels, icon, title field, rules) in the tenant's document. */
  const patchEntity = async (entity: string, patch: Record<string, unknown>): Promise<void> => {
    const doc = await entityOverlay(entity);
    await saveDocument('entity', entity, { ...doc, ...patch });
  };

  /** Adds or replaces (by name) a validation rule in the tenant's document of `entity`. */
  const saveRule = async (entity: string, rule: EntityRule): Promise<void> => {
    const doc = await entityOverlay(entity);
    const rules = [...((doc.rules as EntityRule[] | undefined) ?? [])];
    const at = rules.findIndex((r) => r.name === rule.name);
    if (at >= 0) rules[at] = rule;
    else rules.push(rule);
    await saveDocument('entity', entity, { ...doc, rules });
  };

  /** Removes one of the tenant's validation rules from its document of `entity`. */
  const deleteRule = async (entity: string, name: string): Promise<void> => {
    const doc = await entityOverlay(entity);
    await saveDocument('entity', entity, { ...doc, rules: ((doc.rules as EntityRule[] | undefined) ?? []).filter((r) => r.name !== name) });
  };

  /** The layer as it was after each of the newest versions that touched `kind/name` (at most `limit`), newest first. */
  const snapshotsOf = async (kind: string, name: string, limit = 25): Promise<{ version: number; snapshot: { kind: string; name: string }[] }[]> => {
    const versions = (await loadHistory()).filter((h) => h.summary?.documents.includes(`${kind}/${name}`)).slice(0, limit);
    return Promise.all(versions.map((h) => api.get<{ version: number; snapshot: { kind: string; name: string }[] }>(`/api/studio/history/${h.version}`)));
  };

  const loadPlan = async (): Promise<Plan> => {
    plan.value = await api.post<Plan>('/api/studio/plan');
    return plan.value;
  };

  const publish = async (confirmDestructive: boolean): Promise<Plan & { version?: number }> =>
    api.post<Plan & { version?: number }>('/api/studio/publish', confirmDestructive ? { confirmDestructive: true } : {});

  const loadHistory = async (): Promise<HistoryEntry[]> => {
    history.value = (await api.get<{ data: HistoryEntry[] }>('/api/studio/history')).data;
    return history.value;
  };

  const restore = async (version: number): Promise<void> => {
    await api.post(`/api/studio/restore/${version}`);
  };

  return {
    plan, history, tenantDocument, ownDocument, listDrafts, saveDocument, deleteDocument, draftFields, saveField, mergeField, addField, retireField, patchEntity, saveRule, deleteRule, snapshotsOf,
    loadPlan, publish, loadHistory, restore,
  };
});
