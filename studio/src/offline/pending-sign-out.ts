/**
 * A sign-out made without a network: the device's copy is wiped at once, and the session
 * is still alive on the server until this device reaches it again. The pending sign-out is
 * remembered outside the copy (which is gone) and settled with the sign-out endpoint as
 * soon as the network is back — before any sign-in, restore or sync, so nothing of the
 * signed-out user (their outbox went with the copy) is ever sent.
 */

const KEY = 'crm.signOutPending';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const store = (): Store | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
};

/** Remembers that the server still has to end this device's session. */
export const rememberSignOut = (): void => {
  try {
    store()?.setItem(KEY, '1');
  } catch {
    /* not remembered: the session ends when it expires */
  }
};

export const signOutPending = (): boolean => {
  try {
    return store()?.getItem(KEY) === '1';
  } catch {
    return false;
  }
};

export const forgetSignOut = (): void => {
  try {
    store()?.removeItem(KEY);
  } catch {
    /* nothing kept */
  }
};

/** 'ended': the server has no session of this device any more; 'waiting': not reachable yet (kept for later). */
export type SignOutOutcome = 'none' | 'ended' | 'waiting';

const revoke = async (): Promise<SignOutOutcome> => {
  try {
    // The session cookie is all that is left: its CSRF token comes with /api/auth/me.
    const me = await fetch('/api/auth/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (me.status === 401) {
      forgetSignOut();
      return 'ended';
    }
    if (!me.ok) return 'waiting';
    const { csrfToken } = (await me.json()) as { csrfToken?: string };
    const out = await fetch('/api/auth/logout', { method: 'POST', headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) }, credentials: 'same-origin' });
    if (out.ok || out.status === 401) {
      forgetSignOut();
      return 'ended';
    }
    return 'waiting';
  } catch {
    return 'waiting';
  }
};

let running: Promise<SignOutOutcome> | undefined;

/** Ends the session a sign-out left on the server, if one is pending (one attempt at a time). */
export const settleSignOut = (): Promise<SignOutOutcome> => {
  if (!signOutPending()) return Promise.resolve('none');
  return (running ??= revoke().finally(() => {
    running = undefined;
  }));
};
