import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../http/test-server.js';
import { databaseTenantEnv } from '../../work/database-tenant-env.js';
import { until } from '../test-support/until.js';
import { label, workflowServer } from '../test-support/workflow-server.js';
import { tick } from './tick.js';
import { signBody } from './webhook-secret.js';

const ticket = {
  kind: 'entity', name: 'ticket', label: label('Ticket'), titleField: 'subject',
  fields: { subject: { type: 'text', required: true }, priority: { type: 'text' }, due_on: { type: 'date' }, note: { type: 'text' } },
};
const wf = (name: string, rest: Record<string, unknown>) => ({ kind: 'workflow', name, label: label(name), ...rest });
const docs = [
  ticket,
  wf('escalate', { entity: 'ticket', trigger: { on: 'manual', condition: { '!=': [{ var: 'priority' }, 'closed'] } }, steps: [{ id: 'up', type: 'set', fields: { priority: 'high' } }] }),
  wf('nightly', { trigger: { on: 'schedule', cron: '* * * * *' }, steps: [] }),
  wf('renewal', { entity: 'ticket', trigger: { on: 'date', field: 'due_on', offsetDays: -30 }, steps: [{ id: 'remind', type: 'set', fields: { note: 'renewal due in 30 days' } }] }),
  wf('inbound', { trigger: { on: 'webhook' }, steps: [] }),
  wf('sweep', { entity: 'ticket', trigger: { on: 'schedule', cron: '0 6 * * 1', condition: { '==': [{ var: 'priority' }, 'low'] } }, steps: [{ id: 'mark', type: 'set', fields: { note: 'swept' } }] }),
];
const day = (d: Date, plus: number) => new Date(d.getTime() + plus * 86_400_000).toISOString().slice(0, 10);

describe('triggers: manual, schedule, relative date, inbound webhook', () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;

  beforeAll(async () => {
    s = await workflowServer('triggers', docs);
  });
  afterAll(async () => s?.close());

  it('starts a manual workflow for a selection of records the user can read', async () => {
    const a = (await s.admin('POST', '/api/records/ticket', { subject: 'Printer' })).body;
    const b = (await s.admin('POST', '/api/records/ticket', { subject: 'Screen' })).body;
    const closed = (await s.admin('POST', '/api/records/ticket', { subject: 'Old', priority: 'closed' })).body;
    const started = await s.admin('POST', '/api/workflows/escalate/run', { recordIds: [a.id, b.id] });
    expect(started.status).toBe(202);
    expect(started.body.runs).toHaveLength(2);
    for (const id of started.body.runs) await s.settled(id);
    expect((await s.admin('GET', `/api/records/ticket/${b.id}`)).body.priority).toBe('high');
    expect((await s.admin('POST', '/api/workflows/escalate/run', { recordIds: [closed.id] })).status).toBe(422);
    expect((await s.admin('POST', '/api/workflows/escalate/run', { recordIds: ['nope'] })).status).toBe(400);
    expect((await s.admin('POST', '/api/workflows/escalate/run', { recordIds: ['0190a0a0-0000-7000-8000-000000000000'] })).status).toBe(404);
    expect((await s.admin('POST', '/api/workflows/nightly/run', { recordIds: [a.id] })).status).toBe(409);
    expect((await api(s.url)('POST', '/api/workflows/escalate/run', { recordIds: [a.id] })).status).toBe(401);
  });

  it('fires a cron schedule once per slot, however many ticks see it', async () => {
    const env = databaseTenantEnv(s.db.knex);
    const now = new Date();
    expect(await tick(s.db.knex, env, now)).toBeGreaterThanOrEqual(1);
    expect(await tick(s.db.knex, env, now)).toBe(0);
    const later = new Date(now.getTime() + 60_000);
    await tick(s.db.knex, env, later);
    const runs = await s.runs('nightly');
    expect(runs).toHaveLength(2);
    for (const r of runs) await s.settled(r.id);
  });

  it('runs a scheduled workflow with an entity once per matching record and slot', async () => {
    const low = (await s.admin('POST', '/api/records/ticket', { subject: 'Dusty', priority: 'low' })).body;
    const high = (await s.admin('POST', '/api/records/ticket', { subject: 'Urgent', priority: 'high' })).body;
    const env = databaseTenantEnv(s.db.knex);
    const monday = new Date('2030-01-07T06:00:30Z');
    await tick(s.db.knex, env, monday);
    await tick(s.db.knex, env, new Date(monday.getTime() + 1000));
    const runs = await s.runs('sweep');
    expect(runs.map((r) => r.record_id)).toEqual([low.id]);
    await s.settled(runs[0].id);
    expect((await s.admin('GET', `/api/records/ticket/${low.id}`)).body.note).toBe('swept');
    expect((await s.admin('GET', `/api/records/ticket/${high.id}`)).body.note).toBeNull();
  });

  it('fires a date trigger 30 days before the field, once per record and date', async () => {
    const today = new Date();
    const due = (await s.admin('POST', '/api/records/ticket', { subject: 'Contract', due_on: day(today, 30) })).body;
    const notYet = (await s.admin('POST', '/api/records/ticket', { subject: 'Later', due_on: day(today, 31) })).body;
    const env = databaseTenantEnv(s.db.knex);
    await tick(s.db.knex, env, today);
    await tick(s.db.knex, env, new Date(today.getTime() + 1000));
    const runs = await s.runs('renewal');
    expect(runs.map((r) => r.record_id)).toEqual([due.id]);
    await s.settled(runs[0].id);
    expect((await s.admin('GET', `/api/records/ticket/${due.id}`)).body.note).toBe('renewal due in 30 days');
    expect((await s.admin('GET', `/api/records/ticket/${notYet.id}`)).body.note).toBeNull();
  });

  it('takes a signed inbound webhook once per delivery and refuses a wrong signature', async () => {
    const hook = await s.admin('GET', '/api/workflows/inbound/webhook');
    expect(hook.status).toBe(200);
    expect(hook.body.url).toBe('/api/workflows/hooks/triggers/inbound');
    const body = JSON.stringify({ order: 'SO-1', amount: 12 });
    const post = (signature: string, delivery = 'd-1', path = hook.body.url) =>
      fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-delivery-id': delivery }, body });
    expect((await post('sha256=00')).status).toBe(401);
    expect((await post(signBody('wrong secret', body))).status).toBe(401);
    expect((await post(signBody(hook.body.secret, body), 'd-1', '/api/workflows/hooks/triggers/nope')).status).toBe(404);
    const ok = await post(signBody(hook.body.secret, body));
    expect(ok.status).toBe(202);
    const { runId } = (await ok.json()) as { runId: string };
    expect((await (await post(signBody(hook.body.secret, body))).json()) as object).toEqual({ runId: null });
    const run = await s.settled(runId);
    expect(run.input.payload).toEqual({ order: 'SO-1', amount: 12 });
    expect((await s.admin('GET', '/api/workflows/escalate/webhook')).status).toBe(409);
    await until(async () => ((await s.runs('inbound')).length === 1 ? true : undefined));
  });

  it('refuses a timestamped webhook outside the five-minute window, or whose signature leaves the timestamp out', async () => {
    const { secret, url } = (await s.admin('GET', '/api/workflows/inbound/webhook')).body;
    const body = JSON.stringify({ order: 'SO-2' });
    const post = (signature: string, timestamp: string, delivery: string) =>
      fetch(`${s.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-timestamp': timestamp, 'x-delivery-id': delivery }, body });
    const now = String(Math.floor(Date.now() / 1000));
    const old = String(Math.floor(Date.now() / 1000) - 301);
    const stale = await post(signBody(secret, body, old), old, 't-1');
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { code: string }).code).toBe('STALE_WEBHOOK');
    expect((await post(signBody(secret, body), now, 't-2')).status).toBe(401);
    expect((await post(signBody(secret, body, now), 'soon', 't-3')).status).toBe(401);
    expect((await post(signBody(secret, body, now), now, 't-4')).status).toBe(202);
  });
});
