import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api/http.js';
import type { RoleDocument } from '../api/types.js';
import { overlayRole } from '../lib/role-matrix.js';
import { useMetaStore } from './meta.js';

interface TenantDocumentRow {
  kind: string;
  name: string;
  doc: Record<string, unknown>;
}

/**
 * Roles for the studio: the published ones (from /api/meta, for admins) with the
 * tenant's saved versions laid over them. Saving stores a draft; publishing applies it.
 */
export const useRolesStore = defineStore('roles', () => {
  const metaStore = useMetaStore();
  const drafts = ref<Record<string, RoleDocument>>({});

  const published = computed<Record<string, RoleDocument>>(() => metaStore.meta?.roles ?? {});
  const names = computed(() => [...new Set([...Object.keys(published.value), ...Object.keys(drafts.value)])].sort());

  /** Reads the tenant's own role documents (saved, published or not). */
  const load = async (): Promise<void> => {
    const rows = (await api.get<{ data: TenantDocumentRow[] }>('/api/studio')).data;
    drafts.value = Object.fromEntries(rows.filter((r) => r.kind === 'role').map((r) => [r.name, r.doc as unknown as RoleDocument]));
  };

  /** The role as it will be once the tenant's version is published. */
  const role = (name: string): RoleDocument | undefined => overlayRole(published.value[name], drafts.value[name]);

  const save = async (doc: RoleDocument): Promise<void> => {
    const { $schema, ...body } = doc;
    void $schema;
    await api.put(`/api/studio/role/${encodeURIComponent(doc.name)}`, body);
    drafts.value = { ...drafts.value, [doc.name]: body };
  };

  return { drafts, published, names, load, role, save };
});
