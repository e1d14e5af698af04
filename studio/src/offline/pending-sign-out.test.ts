import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../stores/session.js';
import { json } from '../testing/fetch-stub.js';
import { settleSignOut, signOutPending } from './pending-sign-out.js';

const ME = { user: { id: 'u1', email: 'rep@example.com' }, tenant: { slug: 'acme' }, csrfToken: 'csrf-1' };

/** The server of one session cookie, reachable or not; every request that reached it is kept. */
const server = () => {
  const state = { online: true, session: true, seen: [] as { method: string; path: string; csrf?: string }[] };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (!state.online) throw new TypeError('Failed to fetch');
      const method = init.method ?? 'GET';
      const path = url.split('?')[0];
      state.seen.push({ method, path, csrf: (init.headers as Record<string, string> | undefined)?.['x-csrf-token'] });
      if (path === '/api/auth/login') {
        state.session = true;
        return json(200, ME);
      }
      if (!state.session) return json(401, { title: 'Unauthorized', status: 401 });
      if (path === '/api/auth/me') return json(200, ME);
      if (path === '/api/auth/logout') {
        state.session = false;
        return new Response(null, { status: 204 });
      }
      return json(200, { data: [] });
    }),
  );
  return state;
};

describe('signing out without a network', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('signs out on the device at once and ends the server session when the network is back', async () => {
    const net = server();
    const session = useSessionStore();
    await session.signIn({ tenant: 'acme', email: 'rep@example.com', password: 'pw' });
    expect(session.status).toBe('signed-in');

    net.online = false;
    await session.signOut();
    expect(session.status).toBe('signed-out');
    expect(signOutPending()).toBe(true);
    expect(net.session).toBe(true);

    // Still offline: it waits.
    expect(await settleSignOut()).toBe('waiting');
    expect(signOutPending()).toBe(true);

    net.online = true;
    net.seen.length = 0;
    expect(await settleSignOut()).toBe('ended');
    expect(net.session).toBe(false);
    expect(signOutPending()).toBe(false);
    // Only the sign-out itself went to the server, with the session's CSRF token: nothing of the user's outbox.
    expect(net.seen).toEqual([
      { method: 'GET', path: '/api/auth/me', csrf: undefined },
      { method: 'POST', path: '/api/auth/logout', csrf: 'csrf-1' },
    ]);
    expect(await settleSignOut()).toBe('none');
  });

  it('never takes the session up again at the next start: it is ended instead', async () => {
    const net = server();
    const first = useSessionStore();
    await first.signIn({ tenant: 'acme', email: 'rep@example.com', password: 'pw' });
    net.online = false;
    await first.signOut();

    // The app starts again, offline: signed out, nothing asked.
    setActivePinia(createPinia());
    net.seen.length = 0;
    const offlineStart = useSessionStore();
    await offlineStart.restore();
    expect(offlineStart.status).toBe('signed-out');
    expect(net.seen).toEqual([]);

    // And again with the network: the old session is ended, not restored.
    net.online = true;
    setActivePinia(createPinia());
    const onlineStart = useSessionStore();
    await onlineStart.restore();
    expect(onlineStart.status).toBe('signed-out');
    expect(net.session).toBe(false);
    expect(signOutPending()).toBe(false);
  });

  it('ends the old session before a new sign-in, and never the new one', async () => {
    const net = server();
    const session = useSessionStore();
    await session.signIn({ tenant: 'acme', email: 'rep@example.com', password: 'pw' });
    net.online = false;
    await session.signOut();

    net.online = true;
    net.seen.length = 0;
    await session.signIn({ tenant: 'acme', email: 'rep@example.com', password: 'pw' });
    expect(net.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/login']);
    expect(session.status).toBe('signed-in');
    expect(net.session).toBe(true);
    expect(await settleSignOut()).toBe('none');
    expect(net.session).toBe(true);
  });

  it('a sign-out the server answered leaves nothing pending', async () => {
    const net = server();
    const session = useSessionStore();
    await session.signIn({ tenant: 'acme', email: 'rep@example.com', password: 'pw' });
    await session.signOut();
    expect(net.session).toBe(false);
    expect(signOutPending()).toBe(false);
  });
});
