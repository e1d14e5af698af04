import type autocannon from 'autocannon';
import { ENTITY, MAX_AMOUNT, STAGES, listPath } from './entity.js';
import type { BenchRep, BenchSharedRep, BenchTenant } from './setup-data.js';

/** A measured workload: the same requests go to the API and to the raw server. */
export interface Scenario {
  name: string;
  /** The API/raw throughput ratio to reach, if there is one. */
  target?: number;
  /** Fresh request definitions for one run (each run counts from the start). */
  requests(): autocannon.Request[];
  /**
   * A permission scenario: `requests` are made by a restricted user, and these, the same
   * requests made by the tenant admin, are measured on the API in slices alternating with
   * them. The restricted user's mean latency should stay within `maxTimeRatio` × the admin's.
   */
  asAdmin?: { requests(): autocannon.Request[]; maxTimeRatio: number };
  /** Measured on the API only (the raw server has no hand-written SQL for it). */
  apiOnly?: boolean;
}

const json = { 'content-type': 'application/json' };
const bearer = (t: BenchTenant) => ({ authorization: `Bearer ${t.token}` });
const amount = () => Math.round(Math.random() * MAX_AMOUNT * 100) / 100;
const stage = () => STAGES[Math.floor(Math.random() * STAGES.length)];

/** Requests spread round-robin over the tenants; `build` makes the n-th one for tenant t. */
const roundRobin = (tenants: BenchTenant[], build: (t: BenchTenant, n: number, context: autocannon.Context) => autocannon.Request) => {
  let n = 0;
  return (req: autocannon.Request, context: autocannon.Context): autocannon.Request => {
    const i = n++;
    return { ...req, ...build(tenants[i % tenants.length], Math.floor(i / tenants.length), context) };
  };
};

/**
 * PATCHes with If-Match of the version each row is known to have (every row starts at 1;
 * each answer, 200 or 409, tells the version now), cycling over ids no other scenario
 * writes and skipping rows whose version became unknown (a request cut off at the end of
 * a run), so they are meant to succeed. One call per run; the versions carry over.
 */
const versionedUpdates = (tenants: BenchTenant[]) => {
  const versions = new Map<string, number>();
  const inFlight = new Set<string>();
  const unknown = new Set<string>();
  return (): autocannon.Request[] => {
    for (const id of inFlight) unknown.add(id);
    inFlight.clear();
    const next = new Map<BenchTenant, number>();
    const setupRequest = roundRobin(tenants, (t, _n, context) => {
      let k = next.get(t) ?? 0;
      for (let tries = 0; unknown.has(t.writeIds[k % t.writeIds.length]) && tries < t.writeIds.length; tries++) k++;
      next.set(t, k + 1);
      const id = t.writeIds[k % t.writeIds.length];
      context.id = id;
      inFlight.add(id);
      const headers = { ...bearer(t), ...json, 'if-match': String(versions.get(id) ?? 1) };
      return { path: `/api/records/${ENTITY}/${id}`, headers, body: JSON.stringify({ amount: amount(), stage: stage() }) };
    });
    const onResponse = (status: number, body: string, context: autocannon.Context) => {
      const id = String(context.id);
      inFlight.delete(id);
      if (status !== 200 && status !== 409) return;
      const b = JSON.parse(body) as { version?: number; currentVersion?: number };
      const v = status === 200 ? b.version : b.currentVersion;
      if (typeof v === 'number') versions.set(id, v);
    };
    return [{ method: 'PATCH', setupRequest, onResponse }];
  };
};

/**
 * The workloads: get, list, create and update with requests spread round-robin over the
 * tenants; own-list in the plan tenant alone (all its rows in one table), as the
 * own-scoped user against the same list as the admin; shared-list the same for the
 * own-scoped user with records shared with it, its team and by a sharing rule.
 */
export const scenarios = (tenants: BenchTenant[], plan: { tenant: BenchTenant; rep: BenchRep; sharedRep: BenchSharedRep }): Scenario[] => [
  {
    name: 'get by id',
    target: 0.7,
    requests: () => [{ method: 'GET', setupRequest: roundRobin(tenants, (t, n) => ({ path: `/api/records/${ENTITY}/${t.readIds[n % t.readIds.length]}`, headers: bearer(t) })) }],
  },
  {
    name: 'list (filter + sort)',
    target: 0.6,
    requests: () => [{ method: 'GET', setupRequest: roundRobin(tenants, (t) => ({ path: listPath(), headers: bearer(t) })) }],
  },
  {
    name: 'own-list (own scope)',
    requests: () => [{ method: 'GET', path: listPath(), headers: { authorization: `Bearer ${plan.rep.token}` } }],
    asAdmin: { requests: () => [{ method: 'GET', path: listPath(), headers: bearer(plan.tenant) }], maxTimeRatio: 1.3 },
  },
  {
    name: 'shared-list (own scope + shares)',
    requests: () => [{ method: 'GET', path: listPath(), headers: { authorization: `Bearer ${plan.sharedRep.token}` } }],
    asAdmin: { requests: () => [{ method: 'GET', path: listPath(), headers: bearer(plan.tenant) }], maxTimeRatio: 1.3 },
    apiOnly: true,
  },
  {
    name: 'create',
    target: 0.5,
    requests: () => [
      {
        method: 'POST',
        path: `/api/records/${ENTITY}`,
        setupRequest: roundRobin(tenants, (t, n) => ({ headers: { ...bearer(t), ...json }, body: JSON.stringify({ title: `Bench deal ${n}`, amount: amount(), stage: stage() }) })),
      },
    ],
  },
  { name: 'update (If-Match)', requests: versionedUpdates(tenants) },
];
