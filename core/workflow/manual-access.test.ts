import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../http/test-server.js';
import { MASKED_SECRET } from './secrets/workflow-secrets.js';
import { httpSink } from './test-support/http-sink.js';
import { label, workflowServer } from './test-support/workflow-server.js';

const ticket = { kind: 'entity', name: 'ticket', label: label('Ticket'), titleField: 'subject', fields: { subject: { type: 'text', required: true }, priority: { type: 'text' } } };
const role = (name: string, rights: Record<string, unknown>) => ({ kind: 'role', name, label: label(name), entities: { ticket: rights } });
const wf = (name: string, rest: Record<string, unknown>) => ({ kind: 'workflow', name, label: label(name), entity: 'ticket', ...rest });
const raise = [{ id: 'up', type: 'set', fields: { priority: 'high' } }];
const SECRET = 'Bearer s3cret-token';

describe('manual workflows: who may start them, and what /api/meta shows of workflows', () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;
  let sink: Awaited<ReturnType<typeof httpSink>>;
  const as: Record<string, ReturnType<typeof api>> = {};

  beforeAll(async () => {
    sink = await httpSink();
    s = await workflowServer('wfstart', [
      ticket,
      role('viewer', { read: 'all', update: 'none' }),
      role('agent', { create: true, read: 'all', update: 'own' }),
      role('dispatcher', { read: 'all', update: 'none' }),
      wf('escalate', { trigger: { on: 'manual' }, steps: raise }),
      wf('reassign', { trigger: { on: 'manual', runAs: 'workflow', roles: ['dispatcher'] }, steps: raise }),
      wf('push', { trigger: { on: 'manual' }, steps: [{ id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}/push`, headers: { Authorization: SECRET, 'x-api-key': 'k-123', accept: 'application/json' } }] }),
      wf('scored', { trigger: { on: 'create' }, steps: [{ id: 'js', type: 'script', code: 'return { secretFormula: 42 }' }] }),
    ], { services: { webhookAllow: ['127.0.0.1'] } });
    for (const [name, roles] of [['viewer', ['viewer']], ['agent', ['agent']], ['dispatcher', ['dispatcher']], ['nobody', []]] as const) {
      const email = `${name}@wfstart.test`;
      expect((await s.admin('POST', '/api/users', { email, password: 'Case-Worker-2026', name, roles })).status).toBe(201);
      as[name] = api(s.url, (await api(s.url)('POST', '/api/auth/login', { tenant: 'wfstart', email, password: 'Case-Worker-2026' })).body.token);
    }
  });
  afterAll(async () => {
    await s?.close();
    await sink?.close();
  });

  const newTicket = async (who = s.admin) => (await who('POST', '/api/records/ticket', { subject: 'printer' })).body as { id: string };
  const priorityOf = async (id: string) => (await s.admin('GET', `/api/records/ticket/${id}`)).body.priority;

  it('refuses a rep who may read but not update the record, and a user with no rights; changes nothing', async () => {
    const t = await newTicket();
    for (const who of ['viewer', 'nobody']) {
      const res = await as[who]('POST', '/api/workflows/escalate/run', { recordIds: [t.id] });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('NO_RIGHT');
    }
    const notMine = await as.agent('POST', '/api/workflows/escalate/run', { recordIds: [t.id] });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('NO_RIGHT');
    expect(await s.runs('escalate')).toHaveLength(0);
    expect(await priorityOf(t.id)).toBeNull();
  });

  it('starts it for a rep with the update right on the record', async () => {
    const mine = await newTicket(as.agent);
    const res = await as.agent('POST', '/api/workflows/escalate/run', { recordIds: [mine.id] });
    expect(res.status).toBe(202);
    await s.settled(res.body.runs[0]);
    expect(await priorityOf(mine.id)).toBe('high');
  });

  it('a workflow that runs with its own rights may be started by its roles only', async () => {
    const t = await newTicket();
    expect((await as.viewer('POST', '/api/workflows/reassign/run', { recordIds: [t.id] })).status).toBe(403);
    const res = await as.dispatcher('POST', '/api/workflows/reassign/run', { recordIds: [t.id] });
    expect(res.status).toBe(202);
    await s.settled(res.body.runs[0]);
    expect(await priorityOf(t.id)).toBe('high');
  });

  it('/api/meta gives a non-admin only the manual workflows they may start, as button summaries', async () => {
    const workflowsOf = async (who: string) => {
      const res = await as[who]('GET', '/api/meta');
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/s3cret|k-123|secretFormula/);
      return res.body.workflows;
    };
    expect(await workflowsOf('nobody')).toEqual({});
    expect(await workflowsOf('viewer')).toEqual({});
    // The summary carries what the button needs to be offered (here: runs with its own rights, so reading the record is enough), never the steps.
    expect(await workflowsOf('dispatcher')).toEqual({ reassign: { kind: 'workflow', name: 'reassign', label: label('reassign'), entity: 'ticket', trigger: { on: 'manual', runAs: 'workflow' } } });
    expect(Object.keys(await workflowsOf('agent')).sort()).toEqual(['escalate', 'push']);
    expect((await workflowsOf('agent')).push).toEqual({ kind: 'workflow', name: 'push', label: label('push'), entity: 'ticket', trigger: { on: 'manual' } });
  });

  it('admins see secrets masked; saving the masked value back keeps the stored secret', async () => {
    const meta = (await s.admin('GET', '/api/meta')).body;
    expect(JSON.stringify(meta)).not.toMatch(/s3cret|k-123/);
    expect(meta.workflows.push.steps[0].headers).toEqual({ Authorization: MASKED_SECRET, 'x-api-key': MASKED_SECRET, accept: 'application/json' });
    expect(meta.workflows.scored.steps[0].code).toBe('return { secretFormula: 42 }');

    const doc = (await s.admin('GET', '/api/studio/workflow/push')).body;
    expect(doc.steps[0].headers.Authorization).toBe(MASKED_SECRET);
    expect((await s.admin('GET', '/api/studio')).body.data.find((d: { name: string }) => d.name === 'push').doc.steps[0].headers.Authorization).toBe(MASKED_SECRET);
    const saved = await s.admin('PUT', '/api/studio/workflow/push', { ...doc, label: label('Push to ERP') });
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.body)).not.toMatch(/s3cret|k-123/);
    const forged = await s.admin('PUT', '/api/studio/workflow/push', { ...doc, steps: [{ ...doc.steps[0], id: 'other' }] });
    expect(forged.status).toBe(400);
    expect(forged.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['/steps/0/headers/Authorization', '/steps/0/headers/x-api-key']);
    const history = (await s.admin('GET', '/api/studio/history')).body.data;
    expect(JSON.stringify((await s.admin('GET', `/api/studio/history/${history[0].version}`)).body)).not.toMatch(/s3cret|k-123/);
    expect((await s.admin('POST', '/api/studio/publish', {})).status).toBe(200);

    const t = await newTicket();
    const { runs: [id] } = (await s.admin('POST', '/api/workflows/push/run', { recordIds: [t.id] })).body;
    await s.settled(id);
    expect(sink.received.at(-1)!.headers).toMatchObject({ authorization: SECRET, 'x-api-key': 'k-123' });
    const run = (await s.admin('GET', `/api/workflows/runs/${id}`)).body;
    expect(run.steps[0].input.headers).toEqual({ Authorization: MASKED_SECRET, 'x-api-key': MASKED_SECRET, accept: 'application/json' });
  });

  it('checks the declaration: runAs needs roles, roles exist, only manual triggers take them', async () => {
    const put = (trigger: Record<string, unknown>) => s.admin('PUT', '/api/studio/workflow/bad', wf('bad', { trigger, steps: raise }));
    expect((await put({ on: 'manual', runAs: 'workflow' })).status).toBe(400);
    const unknownRole = await put({ on: 'manual', runAs: 'workflow', roles: ['ghost'] });
    expect(unknownRole.status).toBe(400);
    expect(JSON.stringify(unknownRole.body)).toContain('role \\"ghost\\" does not exist');
    expect((await put({ on: 'create', requires: 'read' })).status).toBe(400);
    expect((await put({ on: 'manual', requires: 'read' })).status).toBe(200);
  });
});
