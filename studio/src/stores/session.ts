import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, api, setCsrfToken } from '../api/http.js';
import type { SessionUser, TenantInfo } from '../api/types.js';

const LAST_TENANT = 'crm.tenant';

interface MeAnswer {
  user: SessionUser;
  tenant: TenantInfo;
  csrfToken: string;
}

/** Who is signed in. The session itself is an httpOnly cookie; /api/auth/me restores it after a reload. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const tenant = ref<TenantInfo | null>(null);
  const status = ref<'unknown' | 'signed-in' | 'signed-out'>('unknown');
  let restoring: Promise<void> | undefined;

  const signedIn = computed(() => status.value === 'signed-in');
  const isAdmin = computed(() => Boolean(user.value?.isAdmin));

  const accept = (answer: MeAnswer) => {
    user.value = answer.user;
    tenant.value = answer.tenant;
    setCsrfToken(answer.csrfToken);
    status.value = 'signed-in';
  };

  const clear = () => {
    user.value = null;
    tenant.value = null;
    setCsrfToken(undefined);
    status.value = 'signed-out';
  };

  /** Asks the server whether the cookie still holds a session (once per page load unless forced). */
  const restore = (force = false): Promise<void> => {
    if (!force && restoring) return restoring;
    restoring = api
      .get<MeAnswer>('/api/auth/me')
      .then(accept)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) clear();
        else {
          restoring = undefined;
          throw e;
        }
      });
    return restoring;
  };

  const signIn = async (input: { tenant: string; email: string; password: string }): Promise<void> => {
    const answer = await api.post<MeAnswer>('/api/auth/login', input);
    accept(answer);
    restoring = Promise.resolve();
    try {
      localStorage.setItem(LAST_TENANT, input.tenant);
    } catch {
      /* not remembered */
    }
  };

  const signOut = async (): Promise<void> => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      clear();
      restoring = Promise.resolve();
    }
  };

  /** The session ended on the server side (a 401 on some call). */
  const expire = () => {
    clear();
    restoring = Promise.resolve();
  };

  const lastTenant = (): string => {
    try {
      return localStorage.getItem(LAST_TENANT) ?? '';
    } catch {
      return '';
    }
  };

  return { user, tenant, status, signedIn, isAdmin, restore, signIn, signOut, expire, lastTenant };
});
