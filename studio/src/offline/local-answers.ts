import { ruleAccepts } from '../../../core/rules/evaluate.js';
import type { OfflineRequest } from '../api/http.js';
import type { ListPage, RecordData } from '../api/types.js';
import { isTimeZone } from '../../../core/time/index.js';
import { enqueue, getKv, localRecord, localRecords, putLocal, queued, saveQueued, setKv } from './local-store.js';
import { listFromCopy, ruleData, type RuleClock } from './local-list.js';

/** GET answers kept for an offline start: who is signed in, the metadata, plugins and tenant settings. */
const KEPT = new Set(['/api/auth/me', '/api/meta', '/api/plugins', '/api/settings']);

const RECORDS = /^\/api\/records\/([^/]+)(?:\/([^/]+))?(?:\/(transitions|history)(?:\/([^/]+))?)?$/;

const parts = (path: string) => {
  const m = RECORDS.exec(path);
  return m ? { entity: decodeURIComponent(m[1]), id: m[2] ? decodeURIComponent(m[2]) : undefined, sub: m[3], name: m[4] ? decodeURIComponent(m[4]) : undefined } : undefined;
};

export const keepAnswer = async (req: OfflineRequest, body: unknown): Promise<void> => {
  if (req.method === 'GET' && KEPT.has(req.path) && !Object.keys(req.query ?? {}).length) await setKv(`answer:${req.path}`, body);
};

const newId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`);

/** What rules on the device evaluate with: the signed-in user, the tenant's zone (kept settings), the current instant. */
const clockNow = async (): Promise<RuleClock> => {
  const me = await getKv<{ user?: unknown }>('answer:/api/auth/me');
  const settings = await getKv<{ timeZone?: string }>('answer:/api/settings');
  return { user: me?.user ?? null, timeZone: isTimeZone(settings?.timeZone) ? settings.timeZone : 'UTC', now: new Date() };
};

/** A list from the device's copy, paged like the online list. */
const listLocal = async (entity: string, query: OfflineRequest['query'] = {}): Promise<ListPage> => listFromCopy(await localRecords(entity), query, await clockNow());

type Lifecycles = Record<string, { entity: string; field: string; transitions: { name: string; label?: unknown; from: string[]; to: string; guard?: unknown }[] }>;

/** The transitions of the entity's lifecycles from the record's current states, guards checked on the device with the same rule module. */
const transitionsOf = async (entity: string, record: RecordData) => {
  const meta = await getKv<{ lifecycles?: Lifecycles }>('answer:/api/meta');
  const data = ruleData(record, await clockNow());
  return Object.values(meta?.lifecycles ?? {})
    .filter((l) => l.entity === entity)
    .flatMap((l) =>
      l.transitions
        .filter((t) => t.from.includes(String(record[l.field] ?? '')))
        .map((t) => ({ name: t.name, label: t.label, field: l.field, from: t.from, to: t.to, allowed: t.guard === undefined || ruleAccepts(t.guard as never, data) })),
    );
};

/**
 * The answer of the device's copy to a request the network could not carry: reads from
 * the kept answers and the working set; creates, updates and transitions of records go to
 * the outbox (with the version they were made against and an idempotency key) and show at
 * once in the copy. Anything else: undefined (the caller shows the network error).
 */
export const answerLocally = async (req: OfflineRequest): Promise<unknown> => {
  if (req.method === 'GET' && KEPT.has(req.path)) return getKv(`answer:${req.path}`);
  const at = parts(req.path);
  if (!at) return undefined;
  const { entity, id, sub, name } = at;
  if (req.method === 'GET') {
    if (!id) return listLocal(entity, req.query);
    if (sub === 'transitions') {
      const record = await localRecord(entity, id);
      return record ? { data: await transitionsOf(entity, record) } : undefined;
    }
    if (sub === 'history') return { data: [], nextCursor: null };
    return localRecord(entity, id);
  }
  // As sent (JSON): a form's body may hold reactive lists (attachment values), which IndexedDB cannot store.
  const values = JSON.parse(JSON.stringify(req.body ?? {})) as RecordData;
  const now = new Date().toISOString();
  const key = req.headers['Idempotency-Key'] ?? newId();
  if (req.method === 'POST' && !id) {
    const me = await getKv<{ user?: { id: string } }>('answer:/api/auth/me');
    const record: RecordData = { ...values, id: newId(), version: 0, owner_id: me?.user?.id, created_at: now, updated_at: now };
    await putLocal(entity, record, true);
    await enqueue({ kind: 'create', entity, id: String(record.id), values, key, at: now });
    return record;
  }
  if (!id || sub === 'history') return undefined;
  const base = await localRecord(entity, id);
  if (!base) return undefined;
  if (req.method === 'PATCH' && !sub) {
    const merged = { ...base, ...values, updated_at: now };
    await putLocal(entity, merged, Number(base.version) === 0);
    // Edits of a record made on this device join its queued create.
    const create = (await queued()).find((c) => c.kind === 'create' && c.entity === entity && c.id === id);
    if (create) await saveQueued({ ...create, values: { ...create.values, ...values } });
    else await enqueue({ kind: 'update', entity, id, values, version: Number(req.headers['If-Match'] ?? base.version), base, key, at: now });
    return merged;
  }
  if (req.method === 'POST' && sub === 'transitions' && name) {
    const taken = (await transitionsOf(entity, base)).find((t) => t.name === name && t.allowed);
    if (!taken) return undefined;
    const given = ((req.body ?? {}) as { fields?: RecordData }).fields;
    await enqueue({ kind: 'transition', entity, id, transition: name, ...(given && { values: given }), version: req.headers['If-Match'] ? Number(req.headers['If-Match']) : undefined, base, key, at: now });
    const moved = { ...base, ...given, [taken.field]: taken.to, updated_at: now };
    await putLocal(entity, moved);
    return moved;
  }
  return undefined;
};
