import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, api, setCsrfToken } from '../api/http.js';
import type { SessionUser, TenantInfo } from '../api/types.js';
import { forgetSignOut, rememberSignOut, settleSignOut, signOutPending } from '../offline/pending-sign-out.js';

const LAST_TENANT = 'crm.tenant';

interface MeAnswer {
  user: SessionUser;
  tenant: TenantInfo;
  csrfToken: string;
  /** A role requires two-factor sign-in and it is not set up: the session reaches only the enrolment. */
  twoFactorEnrolmentRequired?: boolean;
}

/** Who is signed in. The session itself is an httpOnly cookie; /api/auth/me restores it after a reload. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const tenant = ref<TenantInfo | null>(null);
  const status = ref<'unknown' | 'signed-in' | 'signed-out'>('unknown');
  const enrolmentRequired = ref(false);
  let restoring: Promise<void> | undefined;

  const signedIn = computed(() => status.value === 'signed-in');
  const isAdmin = computed(() => Boolean(user.value?.isAdmin));

  const accept = (answer: MeAnswer) => {
    user.value = answer.user;
    tenant.value = answer.tenant;
    setCsrfToken(answer.csrfToken);
    enrolmentRequired.value = answer.twoFactorEnrolmentRequired === true;
    status.value = 'signed-in';
  };

  const clear = () => {
    user.value = null;
    tenant.value = null;
    setCsrfToken(undefined);
    enrolmentRequired.value = false;
    status.value = 'signed-out';
  };

  /** Asks the server whether the cookie still holds a session (once per page load unless forced). */
  const restore = (force = false): Promise<void> => {
    if (!force && restoring) return restoring;
    // A sign-out made offline stays one: the session it left is ended, never taken up again.
    if (signOutPending()) {
      restoring = settleSignOut().then(clear);
      return restoring;
    }
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

  const remember = (tenantSlug: string) => {
    restoring = Promise.resolve();
    try {
      localStorage.setItem(LAST_TENANT, tenantSlug);
    } catch {
      /* not remembered */
    }
  };

  /**
   * The password step. Signed in, or, for a user with two-factor sign-in, the challenge
   * that completeTwoFactor takes with the code of the authenticator app.
   */
  const signIn = async (input: { tenant: string; email: string; password: string }): Promise<{ challenge?: string }> => {
    let answer: MeAnswer;
    await settleSignOut();
    try {
      answer = await api.post<MeAnswer>('/api/auth/login', input);
    } catch (e) {
      const challenge = e instanceof ApiError && e.problem.code === 'TWO_FACTOR_REQUIRED' ? (e.problem as { challenge?: unknown }).challenge : undefined;
      if (typeof challenge === 'string') return { challenge };
      throw e;
    }
    forgetSignOut();
    accept(answer);
    remember(input.tenant);
    return {};
  };

  /** The second step: the code (or a recovery code) for the challenge of the password step. */
  const completeTwoFactor = async (input: { tenant: string; challenge: string; code: string }): Promise<void> => {
    await settleSignOut();
    const answer = await api.post<MeAnswer>('/api/auth/2fa/verify', { challenge: input.challenge, code: input.code });
    forgetSignOut();
    accept(answer);
    remember(input.tenant);
  };

  /** Ends the session; without a network the local side ends at once and the server's when the network is back. */
  const signOut = async (): Promise<void> => {
    try {
      await api.post('/api/auth/logout');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 0)) throw e;
      rememberSignOut();
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

  return { user, tenant, status, signedIn, isAdmin, enrolmentRequired, restore, signIn, completeTwoFactor, signOut, expire, lastTenant };
});
