import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http.js';

export type WriteScope = 'all' | 'none' | string[];

/** A service account as tenant admins manage it (GET /api/service-accounts). */
export interface ServiceAccount {
  id: string;
  name: string;
  roles: string[];
  team: string | null;
  writeScope: WriteScope;
  expiresAt: string | null;
  expired: boolean;
  active: boolean;
  createdAt: string;
}

export interface ServiceAccountKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type NewServiceAccount = Pick<ServiceAccount, 'name' | 'roles' | 'writeScope' | 'expiresAt'>;

const path = (id: string) => `/api/service-accounts/${encodeURIComponent(id)}`;

/** The tenant's service accounts (admins) and their keys; a new key's secret comes back once. */
export const useServiceAccountsStore = defineStore('serviceAccounts', () => {
  const accounts = ref<ServiceAccount[]>([]);
  const keys = ref<Record<string, ServiceAccountKey[]>>({});

  const refresh = async (): Promise<ServiceAccount[]> => {
    accounts.value = (await api.get<{ data: ServiceAccount[] }>('/api/service-accounts')).data;
    return accounts.value;
  };

  const replace = (saved: ServiceAccount) => {
    const others = accounts.value.filter((a) => a.id !== saved.id);
    accounts.value = [...others, saved].sort((a, b) => a.name.localeCompare(b.name));
    return saved;
  };

  const create = async (account: NewServiceAccount): Promise<ServiceAccount> => replace(await api.post<ServiceAccount>('/api/service-accounts', account));

  const update = async (id: string, changes: Partial<NewServiceAccount> & { active?: boolean }): Promise<ServiceAccount> => replace(await api.patch<ServiceAccount>(path(id), changes));

  const loadKeys = async (id: string): Promise<ServiceAccountKey[]> => {
    keys.value = { ...keys.value, [id]: (await api.get<{ data: ServiceAccountKey[] }>(`${path(id)}/keys`)).data };
    return keys.value[id];
  };

  /** Issues a key; the returned `key` is the only time the secret is shown. */
  const issueKey = async (id: string, name: string): Promise<ServiceAccountKey & { key: string }> => {
    const issued = await api.post<ServiceAccountKey & { key: string }>(`${path(id)}/keys`, name ? { name } : {});
    const { key, ...kept } = issued;
    void key;
    keys.value = { ...keys.value, [id]: [...(keys.value[id] ?? []), kept] };
    return issued;
  };

  const revokeKey = async (id: string, keyId: string): Promise<void> => {
    await api.delete(`${path(id)}/keys/${encodeURIComponent(keyId)}`);
    await loadKeys(id);
  };

  return { accounts, keys, refresh, create, update, loadKeys, issueKey, revokeKey };
});
