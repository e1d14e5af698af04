import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http.js';
import { useSessionStore } from './session.js';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
}

/** The tenant's users, for user fields (the list is open to admins; others see themselves). */
export const useUsersStore = defineStore('users', () => {
  const users = ref<UserSummary[]>([]);
  let loaded: Promise<void> | undefined;

  const load = (): Promise<void> => {
    const session = useSessionStore();
    if (loaded) return loaded;
    const me = session.user ? [{ id: session.user.id, name: session.user.name, email: session.user.email }] : [];
    users.value = me;
    if (!session.isAdmin) return (loaded = Promise.resolve());
    loaded = api
      .get<{ data: UserSummary[] }>('/api/users')
      .then((r) => {
        users.value = r.data.map((u) => ({ id: u.id, name: u.name, email: u.email }));
      })
      .catch(() => {
        loaded = undefined;
      });
    return loaded;
  };

  const nameOf = (id: string): string | undefined => users.value.find((u) => u.id === id)?.name;

  return { users, load, nameOf };
});
