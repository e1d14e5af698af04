import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../http/test-server.js';
import { createUser } from '../security/index.js';
import { DEAD_QUEUE, RUN_QUEUE } from './queue/queue-names.js';
import { httpSink } from './test-support/http-sink.js';
import { until } from './test-support/until.js';
import { label, workflowServer } from './test-support/workflow-server.js';

const ticket = { kind: 'entity', name: 'ticket', label: label('Ticket'), titleField: 'subject', fields: { subject: { type: 'text', required: true }, priority: { type: 'text' }, state: { type: 'text' } } };
const wf = (name: string, rest: Record<string, unknown>) => ({ kind: 'workflow', name, label: label(name), entity: 'ticket', ...rest });

describe('workflow API: runs, retry, dry run, approvals, notifications', () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;
  let sink: Awaited<ReturnType<typeof httpSink>>;
  let healthy = false;

  beforeAll(async () => {
    sink = await httpSink(() => ({ status: healthy ? 200 : 500 }));
    s = await workflowServer('wfapi', [
      ticket,
      wf('triage', { trigger: { on: 'create' }, steps: [
        { id: 'rank', type: 'branch', if: { in: ['urgent', { var: 'subject' }] }, then: 'high', else: 'low' },
        { id: 'high', type: 'set', fields: { priority: 'high' }, next: 'tell' },
        { id: 'low', type: 'set', fields: { priority: 'low' } },
        { id: 'tell', type: 'notify', to: { field: 'owner_id' }, title: 'Ticket {{subject}} is {{priority}}' },
      ] }),
      wf('push', { trigger: { on: 'manual' }, steps: [{ id: 'call', type: 'webhook', url: `http://127.0.0.1:${sink.port}/push` }] }),
      wf('grade', { trigger: { on: 'manual' }, steps: [
        { id: 'js', type: 'script', code: "return { level: input.subject.length > 5 ? 'B' : 'A' }" },
        { id: 'mark', type: 'set', fields: { priority: { var: '$steps.js.level' } } },
      ] }),
      wf('signoff', { trigger: { on: 'manual' }, steps: [{ id: 'ask', type: 'approval', approvers: { field: 'owner_id' } }, { id: 'ok', type: 'set', fields: { state: 'signed' } }] }),
    ], { services: { webhookAllow: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await s?.close();
    await sink?.close();
  });

  it('lists runs newest first with every step’s input, output and error, in pages', async () => {
    const a = (await s.admin('POST', '/api/records/ticket', { subject: 'urgent: server down' })).body;
    await s.admin('POST', '/api/records/ticket', { subject: 'new mouse' });
    for (const r of await s.runs('triage')) await s.settled(r.id);
    const page = await s.admin('GET', '/api/workflows/runs?workflow=triage&limit=1');
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(1);
    const next = await s.admin('GET', `/api/workflows/runs?workflow=triage&limit=1&cursor=${page.body.nextCursor}`);
    const first = next.body.data[0];
    expect(first).toMatchObject({ workflow: 'triage', trigger: 'create', record_id: a.id, status: 'completed' });
    expect(first.steps.map((x: { step_id: string; status: string }) => [x.step_id, x.status])).toEqual([['rank', 'done'], ['high', 'done'], ['tell', 'done']]);
    expect(first.steps[1]).toMatchObject({ input: { fields: { priority: 'high' } }, output: { fields: { priority: 'high' } }, error: null });
    expect(next.body.nextCursor).toBeNull();
    expect((await s.admin('GET', `/api/workflows/runs/${first.id}`)).body.steps).toHaveLength(3);
    expect((await s.admin('GET', '/api/workflows/runs?status=nope')).status).toBe(400);
  });

  it('shows the bell: notifications of the signed-in user, marked read one by one', async () => {
    const bell = await s.admin('GET', '/api/notifications?unread=true');
    expect(bell.body.unread).toBe(2);
    expect(bell.body.data.map((n: { title: string }) => n.title).sort()).toEqual(['Ticket new mouse is low', 'Ticket urgent: server down is high']);
    expect((await s.admin('POST', `/api/notifications/${bell.body.data[0].id}/read`)).status).toBe(204);
    expect((await s.admin('GET', '/api/notifications')).body.unread).toBe(1);
  });

  it('parks a run that keeps failing as failed and retries it on request', async () => {
    const t = (await s.admin('POST', '/api/records/ticket', { subject: 'sync' })).body;
    const { runs: [id] } = (await s.admin('POST', '/api/workflows/push/run', { recordIds: [t.id] })).body;
    const failed = await s.settled(id, 'failed');
    expect(failed.error).toMatchObject({ step: 'call', code: 'WEBHOOK_FAILED' });
    const listed = (await s.admin('GET', '/api/workflows/runs?status=failed')).body.data[0];
    expect(listed.steps[0]).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'WEBHOOK_FAILED', message: 'Webhook answered 500' } });
    const jobs = async (queue: string) => (await s.db.knex.raw(`select state from crm_jobs.job where name = ? and data->>'run' = ?`, [queue, id])).rows.map((r: { state: string }) => r.state);
    await until(async () => ((await jobs(RUN_QUEUE)).includes('failed') ? true : undefined));
    expect((await jobs(DEAD_QUEUE)).length).toBe(1);
    // The dead-letter handler must have seen its copy first, or it would fail the retried run again.
    await until(async () => ((await jobs(DEAD_QUEUE)).includes('completed') ? true : undefined));
    healthy = true; // before the retry: its first attempt may start at once
    expect((await s.admin('POST', `/api/workflows/runs/${id}/retry`)).status).toBe(202);
    expect((await s.admin('POST', `/api/workflows/runs/${id}/retry`)).status).toBe(409); // no longer failed, whether running or done
    await s.settled(id, 'completed');
  });

  it('dry-runs a workflow in a rolled-back transaction and shows what it would change', async () => {
    const t = (await s.admin('POST', '/api/records/ticket', { subject: 'printer' })).body;
    await s.settled((await s.runs('triage')).at(-1)!.id);
    await s.admin('PATCH', `/api/records/ticket/${t.id}`, { subject: 'urgent printer', priority: 'low' }, { 'If-Match': '2' });
    const before = (await s.admin('GET', `/api/records/ticket/${t.id}`)).body;
    const runsBefore = (await s.runs()).length;
    const dry = await s.admin('POST', '/api/workflows/triage/dry-run', { recordId: t.id });
    expect(dry.status).toBe(200);
    expect(dry.body.rolledBack).toBe(true);
    expect(dry.body.steps.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([['rank', 'done'], ['high', 'done'], ['tell', 'done']]);
    expect(dry.body.steps[1].changes).toEqual([{ entity: 'ticket', record: t.id, action: 'update', changes: { priority: ['low', 'high'] } }]);
    expect(dry.body.notifications).toEqual([{ user: expect.any(String), title: 'Ticket urgent printer is high' }]);
    expect((await s.admin('GET', `/api/records/ticket/${t.id}`)).body).toEqual(before);
    expect((await s.runs()).length).toBe(runsBefore);
    expect((await s.admin('POST', '/api/workflows/nope/dry-run', { recordId: t.id })).status).toBe(404);
  });

  it('approves over HTTP; the record is locked (409) until then', async () => {
    const t = (await s.admin('POST', '/api/records/ticket', { subject: 'contract' })).body;
    await s.settled((await s.runs('triage')).at(-1)!.id);
    const { runs: [id] } = (await s.admin('POST', '/api/workflows/signoff/run', { recordIds: [t.id] })).body;
    await s.settled(id, 'waiting');
    const mine = await s.admin('GET', '/api/workflows/approvals');
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0]).toMatchObject({ workflow: 'signoff', record_id: t.id, mode: 'any' });
    const locked = await s.admin('PATCH', `/api/records/ticket/${t.id}`, { priority: 'x' }, { 'If-Match': String(t.version + 1) });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('RECORD_LOCKED');
    const decided = await s.admin('POST', `/api/workflows/approvals/${mine.body.data[0].id}/approve`, { comment: 'fine' });
    expect(decided.body).toMatchObject({ status: 'approved', votes: [{ decision: 'approve', comment: 'fine' }] });
    await s.settled(id);
    expect((await s.admin('GET', `/api/records/ticket/${t.id}`)).body.state).toBe('signed');
  });

  it('sets and ends an out-of-office delegate, and refuses bad ones and reassigning what does not exist, as problem+json', async () => {
    const dana = await createUser({ tenantId: s.tenant.id, email: 'dana@wfapi.test', password: 'Correct-Horse-42', name: 'Dana' }, { knex: s.db.knex });
    const me = (await s.admin('GET', '/api/workflows/delegation')).body;
    expect(me.delegation).toBeNull();
    expect(me.candidates).toContainEqual({ id: dana.id, name: 'Dana' });
    const bad = await s.admin('PUT', '/api/workflows/delegation', { delegateId: 'nobody', startsOn: '2020-01-02', endsOn: '2020-01-01' });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['delegateId', 'endsOn']]);
    const today = new Date().toISOString().slice(0, 10);
    const set = await s.admin('PUT', '/api/workflows/delegation', { delegateId: dana.id, startsOn: today, endsOn: '2099-12-31' });
    expect(set.body.delegation).toMatchObject({ delegate_id: dana.id, ends_on: '2099-12-31' });
    expect((await s.admin('GET', '/api/notifications')).status).toBe(200);
    expect((await s.admin('DELETE', '/api/workflows/delegation')).status).toBe(204);
    expect((await s.admin('DELETE', '/api/workflows/delegation')).body.code).toBe('NOT_FOUND');
    const unknown = await s.admin('POST', '/api/workflows/approvals/00000000-0000-4000-8000-000000000000/reassign', { from: dana.id, to: dana.id });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it("lets the approver's manager hand a pending approval on, with a reason and as acting for the approver, written to the audit log; others get 403", async () => {
    const signIn = async (name: string, manager?: string) => {
      const email = `${name.toLowerCase()}@wfapi.test`;
      const made = await s.admin('POST', '/api/users', { email, password: 'Hand-Over-2026', name, ...(manager ? { manager } : {}) });
      expect(made.status).toBe(201);
      return { id: made.body.id as string, call: api(s.url, (await api(s.url)('POST', '/api/auth/login', { tenant: 'wfapi', email, password: 'Hand-Over-2026' })).body.token) };
    };
    const me = (await s.admin('GET', '/api/auth/me')).body.user as { id: string };
    const boss = await signIn('Bess');
    const owen = await signIn('Owen', boss.id);
    const sam = await signIn('Sam');
    const t = (await s.admin('POST', '/api/records/ticket', { subject: 'handover', owner_id: owen.id })).body;
    await s.settled((await s.runs('triage')).at(-1)!.id);
    const { runs: [id] } = (await s.admin('POST', '/api/workflows/signoff/run', { recordIds: [t.id] })).body;
    await s.settled(id, 'waiting');
    const [approval] = (await owen.call('GET', '/api/workflows/approvals')).body.data as { id: string; approvers: string[] }[];
    expect(approval.approvers).toEqual([owen.id]);
    const path = `/api/workflows/approvals/${approval.id}/reassign`;
    // Asked for, a manager's list holds their reports' pending approvals, but only on records the manager may read (Bess has no role that reads tickets).
    const bossList = await boss.call('GET', '/api/workflows/approvals?reports=true');
    expect(bossList.status).toBe(200);
    expect((bossList.body.data as { id: string }[]).map((a) => a.id)).not.toContain(approval.id);

    const stranger = await sam.call('POST', path, { from: owen.id, to: me.id, reason: 'mine now' });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(stranger.headers.get('content-type')).toContain('application/problem+json');
    const noReason = await boss.call('POST', path, { from: owen.id, to: me.id });
    expect([noReason.status, noReason.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['reason']]);

    const done = await boss.call('POST', path, { from: owen.id, to: me.id, reason: 'Owen is on sick leave' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ approvers: [me.id], reassigned: [{ from: owen.id, to: me.id, by: boss.id, as: 'manager', onBehalfOf: owen.id, reason: 'Owen is on sick leave' }] });
    const log = (await s.admin('GET', '/api/audit?action=approval.reassign')).body.data as { actorId: string; target: string; details: Record<string, unknown> }[];
    expect(log.find((e) => e.target === approval.id)).toMatchObject({ actorId: boss.id, details: { from: owen.id, to: me.id, as: 'manager', onBehalfOf: owen.id, reason: 'Owen is on sick leave' } });
    expect((await s.admin('POST', `/api/workflows/approvals/${approval.id}/approve`, {})).body.status).toBe('approved');
    await s.settled(id);
  });

  it("journals a script's return value as its output, with its CPU and wall time beside it", async () => {
    const t = (await s.admin('POST', '/api/records/ticket', { subject: 'keyboard' })).body;
    await s.settled((await s.runs('triage')).at(-1)!.id);
    const { runs: [id] } = (await s.admin('POST', '/api/workflows/grade/run', { recordIds: [t.id] })).body;
    await s.settled(id);
    expect((await s.admin('GET', `/api/records/ticket/${t.id}`)).body.priority).toBe('B');
    const run = (await s.admin('GET', `/api/workflows/runs/${id}`)).body;
    expect(run.steps[0]).toMatchObject({ step_id: 'js', output: { level: 'B' }, measures: { cpuMs: expect.any(Number), wallMs: expect.any(Number), hostCalls: 0 } });
    expect(run.steps[1]).toMatchObject({ step_id: 'mark', output: { fields: { priority: 'B' } }, measures: null });
    const listed = (await s.admin('GET', '/api/workflows/runs?workflow=grade')).body.data[0];
    expect(listed.steps[0].measures.wallMs).toBeGreaterThan(0);
  });

  it('keeps runs to tenant admins', async () => {
    await s.admin('POST', '/api/users', { email: 'agent@wfapi.test', password: 'Case-Worker-2026', name: 'Agent' });
    const agent = api(s.url, (await api(s.url)('POST', '/api/auth/login', { tenant: 'wfapi', email: 'agent@wfapi.test', password: 'Case-Worker-2026' })).body.token);
    expect((await agent('GET', '/api/workflows/runs')).status).toBe(403);
    expect((await agent('POST', '/api/workflows/triage/dry-run', {})).status).toBe(403);
    expect((await agent('GET', '/api/notifications')).body).toEqual({ data: [], unread: 0 });
  });
});
