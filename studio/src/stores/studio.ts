import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, api, send } from '../api/http.js';
import type { EntityDocument, FieldDefinition, HistoryEntry, Plan } from '../api/types.js';

interface TenantDocument {
  doc: Record<string, unknown>;
  /** Whether the document is the tenant's own (draft) layer, or the effective one from below. */
  own: boolean;
}

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

  /** The fields the tenant's draft adds or changes on an entity (empty when it has no draft). */
  const draftFields = async (entity: string): Promise<Record<string, FieldDefinition>> => {
    const found = await tenantDocument('entity', entity);
    return found?.own ? ((found.doc as Partial<EntityDocument>).fields ?? {}) : {};
  };

  /** Adds a field to the tenant's overlay of `entity` (created when missing) and saves it as a draft. */
  const addField = async (entity: string, name: string, field: FieldDefinition): Promise<void> => {
    const found = await tenantDocument('entity', entity);
    const overlay: Record<string, unknown> = found?.own ? { ...found.doc } : { kind: 'entity', name: entity, fields: {} };
    overlay.fields = { ...((overlay.fields as Record<string, FieldDefinition> | undefined) ?? {}), [name]: field };
    await api.put(`/api/studio/entity/${encodeURIComponent(entity)}`, overlay);
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

  return { plan, history, tenantDocument, draftFields, addField, loadPlan, publish, loadHistory, restore };
});
