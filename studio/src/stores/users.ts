import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http.js';
import { useSessionStore } from './session.js';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
}

/** A user as tenant admins manage it (GET /api/users). */
export interface UserAccount extends UserSummary {
  isAdmin: boolean;
  roles: string[];
  team: string | null;
  /** The user's manager (a user id). */
  manager?: string | null;
  locale?: string | null;
  active: boolean;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: string[];
  team: string | null;
  manager?: string | null;
  isAdmin: boolean;
}

export type UserChanges = Partial<Pick<UserAccount, 'name' | 'roles' | 'team' | 'manager' | 'isAdmin' | 'active' | 'locale'>> & { password?: string };

/**
 * The tenant's users: names for user fields (the list is open to admins; others see
 * themselves), and for admins the accounts with their roles, team and flags.
 */
export const useUsersStore = defineStore('users', () => {
  const users = ref<UserSummary[]>([]);
  const accounts = ref<UserAccount[]>([]);
  let loaded: Promise<void> | undefined;

  const accept = (list: UserAccount[]) => {
    accounts.value = list;
    users.value = list.map((u) => ({ id: u.id, name: u.name, email: u.email }));
  };

  const load = (): Promise<void> => {
    const session = useSessionStore();
    if (loaded) return loaded;
    const me = session.user ? [{ id: session.user.id, name: session.user.name, email: session.user.email }] : [];
    users.value = me;
    if (!session.isAdmin) {
      // Colleagues by name (no accounts): user fields and "Change owner" show and pick people.
      loaded = api
        .get<{ data: { id: string; name: string }[] }>('/api/users/directory')
        .then((r) => {
          users.value = r.data.map((u) => ({ id: u.id, name: u.name, email: u.id === session.user?.id ? session.user.email : '' }));
        })
        .catch(() => undefined);
      return loaded;
    }
    loaded = api
      .get<{ data: UserAccount[] }>('/api/users')
      .then((r) => accept(r.data))
      .catch(() => {
        loaded = undefined;
      });
    return loaded;
  };

  /** Reads the names again (someone may have joined since): what a people picker opens with. */
  const reload = (): Promise<void> => {
    loaded = undefined;
    return load();
  };

  /** Reads the accounts again (admins); throws when the server refuses. */
  const refresh = async (): Promise<UserAccount[]> => {
    accept((await api.get<{ data: UserAccount[] }>('/api/users')).data);
    loaded = Promise.resolve();
    return accounts.value;
  };

  const create = async (user: NewUser): Promise<UserAccount> => {
    const created = await api.post<UserAccount>('/api/users', user);
    accept([...accounts.value, created].sort((a, b) => a.email.localeCompare(b.email)));
    return created;
  };

  const update = async (id: string, changes: UserChanges): Promise<UserAccount> => {
    const saved = await api.patch<UserAccount>(`/api/users/${encodeURIComponent(id)}`, changes);
    accept(accounts.value.map((u) => (u.id === id ? saved : u)));
    return saved;
  };

  const nameOf = (id: string): string | undefined => users.value.find((u) => u.id === id)?.name;

  return { users, accounts, load, reload, refresh, create, update, nameOf };
});
