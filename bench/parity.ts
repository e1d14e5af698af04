import { isDeepStrictEqual } from 'node:util';
import { ENTITY, listPath } from './entity.js';
import type { BenchRep, BenchTenant } from './setup-data.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const ask = async (base: string, t: { token: string } | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(t ? { authorization: `Bearer ${t.token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const without = (r: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));

/**
 * Asks both servers the same questions and lists where their answers differ (status,
 * or body beyond what must differ: new ids and times). An empty list: same semantics.
 */
export const checkParity = async (apiUrl: string, rawUrl: string, tenants: BenchTenant[], rep?: BenchRep): Promise<string[]> => {
  const [t, other] = tenants;
  const problems: string[] = [];
  const both = async (label: string, fn: (base: string) => Promise<Answer>, compare: (a: Answer, r: Answer) => boolean) => {
    const [a, r] = [await fn(apiUrl), await fn(rawUrl)];
    if (a.status !== r.status || !compare(a, r)) problems.push(`${label}: API ${a.status} ${JSON.stringify(a.body).slice(0, 300)} / raw ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  };
  const same = (a: Answer, r: Answer) => a.status >= 400 || isDeepStrictEqual(a.body, r.body);
  const sameFields = (a: Answer, r: Answer) => isDeepStrictEqual(Object.keys(a.body).sort(), Object.keys(r.body).sort()) && isDeepStrictEqual(without(a.body, 'id', 'created_at', 'updated_at'), without(r.body, 'id', 'created_at', 'updated_at'));
  const id = t.readIds[0];
  await both('get by id', (b) => ask(b, t, 'GET', `/api/records/${ENTITY}/${id}`), same);
  await both('get from another tenant', (b) => ask(b, other ?? t, 'GET', `/api/records/${ENTITY}/${other ? id : '00000000-0000-7000-8000-000000000000'}`), same);
  await both('list', (b) => ask(b, t, 'GET', listPath()), same);
  if (rep) await both('list as the own-scoped user', (b) => ask(b, rep, 'GET', listPath()), same);
  await both('no token', (b) => ask(b, undefined, 'GET', `/api/records/${ENTITY}/${id}`), same);
  await both('create', (b) => ask(b, t, 'POST', `/api/records/${ENTITY}`, { title: 'Parity', amount: 12.5, stage: 'won' }), sameFields);
  await both('create without title', (b) => ask(b, t, 'POST', `/api/records/${ENTITY}`, { amount: 1 }), same);
  // Each server changes its own new record twice: first with the right version, then with the stale one.
  const fresh = async (b: string) => String((await ask(b, t, 'POST', `/api/records/${ENTITY}`, { title: 'Parity', amount: 1 })).body.id);
  const ids = { [apiUrl]: await fresh(apiUrl), [rawUrl]: await fresh(rawUrl) };
  await both('update without If-Match', (b) => ask(b, t, 'PATCH', `/api/records/${ENTITY}/${ids[b]}`, { amount: 2 }), same);
  await both('update', (b) => ask(b, t, 'PATCH', `/api/records/${ENTITY}/${ids[b]}`, { amount: 2, stage: 'lost' }, { 'if-match': '1' }), sameFields);
  await both('update with a stale version', (b) => ask(b, t, 'PATCH', `/api/records/${ENTITY}/${ids[b]}`, { amount: 3 }, { 'if-match': '1' }), (a, r) => a.body.currentVersion === r.body.currentVersion);
  return problems;
};
