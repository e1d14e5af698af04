import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import type { RunningServer } from '../../http/server.js';
import { api, startTestServer, tenantWithAdmin } from '../../http/test-server.js';

const caseEntity = {
  kind: 'entity', name: 'service_case', label: { en: 'Service case', 'zh-CN': '服务单' }, titleField: 'subject',
  fields: {
    subject: { type: 'text', required: true },
    resolution: { type: 'long_text' },
    note: { type: 'text' },
    code: { type: 'auto_number', prefix: 'C' },
    status: { type: 'enum', options: [{ value: 'new' }, { value: 'assigned' }, { value: 'done' }] },
  },
};
const lifecycle = {
  kind: 'lifecycle', name: 'service_case_flow', entity: 'service_case', field: 'status', initial: 'new',
  transitions: [
    { name: 'assign', label: { en: 'Assign', 'zh-CN': '分配' }, from: ['new'], to: 'assigned', roles: ['director'] },
    { name: 'finish', label: { en: 'Finish', 'zh-CN': '完成' }, from: ['assigned'], to: 'done', guard: { '!!': [{ var: 'resolution' }] }, workflow: 'case_done_notice' },
    // Asks for the resolution (required) and a note, written in its own update, where its guard sees them.
    { name: 'resolve', label: { en: 'Resolve', 'zh-CN': '解决' }, from: ['assigned'], to: 'done', fields: [{ field: 'resolution', required: true }, { field: 'note' }], guard: { '!=': [{ var: 'note' }, 'no'] }, confirm: true },
  ],
};
/** The workflow the finish transition starts. */
const doneNotice = { kind: 'workflow', name: 'case_done_notice', entity: 'service_case', trigger: { on: 'manual' }, steps: [{ id: 's1', type: 'notify', to: { field: 'owner_id' }, title: 'Case {{subject}} is done' }] };
const role = (name: string) => ({ kind: 'role', name, label: { en: name, 'zh-CN': name }, entities: { service_case: { create: true, read: 'all', update: 'all' } } });
/** Reads every case and changes none. */
const viewer = { kind: 'role', name: 'viewer', label: { en: 'Viewer', 'zh-CN': '查看者' }, entities: { service_case: { read: 'all' } } };

describe('lifecycles over HTTP', () => {
  let db: Db;
  let server: RunningServer;
  let admin: ReturnType<typeof api>;
  let agent: ReturnType<typeof api>;

  beforeAll(async () => {
    let url: string;
    ({ db, server, url } = await startTestServer());
    admin = api(url, (await tenantWithAdmin(db, url, 'life')).token);
    for (const [kind, doc] of [['entity', caseEntity], ['role', role('director')], ['role', role('agent')], ['role', viewer], ['workflow', doneNotice], ['lifecycle', lifecycle]] as const) {
      const saved = await admin('PUT', `/api/studio/${kind}/${doc.name}`, doc);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    await admin('POST', '/api/users', { email: 'agent@life.test', password: 'Case-Worker-2026', name: 'Agent', roles: ['agent'] });
    agent = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'life', email: 'agent@life.test', password: 'Case-Worker-2026' })).body.token);
  });
  afterAll(async () => server?.close());

  it('starts records in the initial state and refuses any other state, or a PATCH of it', async () => {
    const made = await agent('POST', '/api/records/service_case', { subject: '打印机卡纸' });
    expect(made.body.status).toBe('new');
    const wrong = await agent('POST', '/api/records/service_case', { subject: 'x', status: 'done' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('status');
    const patched = await agent('PATCH', `/api/records/service_case/${made.body.id}`, { status: 'done' }, { 'If-Match': '1' });
    expect(patched.status).toBe(422);
    expect(patched.body.detail).toContain('assign');
    expect((await agent('GET', `/api/records/service_case/${made.body.id}`)).body).toMatchObject({ status: 'new', version: 1 });
  });

  it('checks from, roles and guard; records each transition in the history', async () => {
    const id = (await agent('POST', '/api/records/service_case', { subject: '空调不制冷' })).body.id;
    const options = await agent('GET', `/api/records/service_case/${id}/transitions`);
    expect(options.body.data.map((t: { name: string; allowed: boolean }) => [t.name, t.allowed])).toEqual([['assign', false], ['finish', false], ['resolve', false]]);
    expect((await agent('POST', `/api/records/service_case/${id}/transitions/finish`)).status).toBe(409);
    expect((await agent('POST', `/api/records/service_case/${id}/transitions/assign`)).status).toBe(403);
    expect((await agent('POST', `/api/records/service_case/${id}/transitions/escalate`)).status).toBe(404);
    const assigned = await admin('POST', `/api/records/service_case/${id}/transitions/assign`);
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('assigned');
    const refused = await agent('POST', `/api/records/service_case/${id}/transitions/finish`);
    expect(refused.status).toBe(422);
    await agent('PATCH', `/api/records/service_case/${id}`, { resolution: '更换压缩机' }, { 'If-Match': String(assigned.body.version) });
    expect((await agent('GET', `/api/records/service_case/${id}/transitions`)).body.data.find((t: { name: string }) => t.name === 'finish').allowed).toBe(true);
    const done = await agent('POST', `/api/records/service_case/${id}/transitions/finish`, undefined, { 'If-Match': '1' });
    expect(done.status).toBe(409);
    expect((await agent('POST', `/api/records/service_case/${id}/transitions/finish`)).body.status).toBe('done');
    const history = await admin('GET', `/api/records/service_case/${id}/history`);
    const actions = history.body.data.map((h: { action: string }) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['transition:assign', 'transition:finish']));
    expect(history.body.data.find((h: { action: string }) => h.action === 'transition:finish').changes).toEqual({ status: ['assigned', 'done'] });
    // finish names a workflow: it started once for the record, by the user who took the transition; assign started none
    const runs = (await admin('GET', `/api/workflows/runs?record=${id}`)).body.data as { workflow: string; trigger: string }[];
    expect(runs.map((r) => [r.workflow, r.trigger])).toEqual([['case_done_notice', 'manual']]);
  });

  it('refuses a transition naming a workflow that is missing or not a manual one of its entity', async () => {
    const naming = (workflow: string) => ({ ...lifecycle, transitions: [{ ...lifecycle.transitions[0], workflow }] });
    const missing = await admin('PUT', '/api/studio/lifecycle/service_case_flow', naming('nowhere'));
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('workflow \\"nowhere\\" does not exist');
    await admin('PUT', '/api/studio/workflow/case_auto', { ...doneNotice, name: 'case_auto', trigger: { on: 'create' } });
    const automatic = await admin('PUT', '/api/studio/lifecycle/service_case_flow', naming('case_auto'));
    expect(automatic.status).toBe(400);
    expect(JSON.stringify(automatic.body)).toContain('must be a manual workflow of');
  });

  it('takes the fields a transition asks for in its own update: required ones needed, others refused, the guard seeing them', async () => {
    const id = (await agent('POST', '/api/records/service_case', { subject: '投影仪无信号' })).body.id;
    expect((await admin('POST', `/api/records/service_case/${id}/transitions/assign`)).status).toBe(200);
    const options = (await agent('GET', `/api/records/service_case/${id}/transitions`)).body.data as { name: string; fields?: unknown; confirm?: boolean }[];
    expect(options.find((t) => t.name === 'resolve')).toMatchObject({ allowed: true, fields: [{ field: 'resolution', required: true }, { field: 'note' }], confirm: true });
    // finish's guard reads the resolution too, but finish asks for nothing: refused until it is there.
    expect(options.find((t) => t.name === 'finish')).toMatchObject({ allowed: false });
    const at = `/api/records/service_case/${id}/transitions/resolve`;
    const missing = await agent('POST', at, { fields: { note: '已现场检查' } });
    expect([missing.status, missing.body.code, missing.body.errors]).toEqual([422, 'TRANSITION_FIELDS_MISSING', [{ field: 'resolution', message: 'is required', code: 'REQUIRED' }]]);
    const unasked = await agent('POST', at, { fields: { resolution: '更换线缆', subject: '改标题' } });
    expect([unasked.status, unasked.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['subject']]);
    expect((await agent('POST', at, { other: 1 })).status).toBe(400);
    expect((await agent('POST', at, { fields: { resolution: '更换线缆', note: 'no' } })).body.code).toBe('GUARD_FAILED');
    // Nothing of the refused attempts was written.
    expect((await agent('GET', `/api/records/service_case/${id}`)).body).toMatchObject({ status: 'assigned', resolution: null, note: null });
    const done = await agent('POST', at, { fields: { resolution: '更换 HDMI 线缆', note: '客户已确认' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', resolution: '更换 HDMI 线缆', note: '客户已确认' });
    const history = (await admin('GET', `/api/records/service_case/${id}/history`)).body.data as { action: string; changes: Record<string, unknown> }[];
    expect(Object.keys(history.find((h) => h.action === 'transition:resolve')!.changes).sort()).toEqual(['note', 'resolution', 'status']);
  });

  it('refuses a transition asking for a field that is missing, computed, or the state itself', async () => {
    const asking = (fields: unknown[]) => ({ ...lifecycle, transitions: [{ ...lifecycle.transitions[2], fields }] });
    for (const [fields, text] of [
      [[{ field: 'nowhere' }], 'field \\"nowhere\\" does not exist'],
      [[{ field: 'code' }], 'cannot be typed in (auto_number)'],
      [[{ field: 'status' }], 'is the state the transition sets'],
      [[{ field: 'note' }, { field: 'note' }], 'is asked for twice'],
    ] as const) {
      const saved = await admin('PUT', '/api/studio/lifecycle/service_case_flow', asking([...fields]));
      expect(saved.status).toBe(400);
      expect(JSON.stringify(saved.body)).toContain(text);
    }
  });
  it('answers someone who may read but not change the record 403 before its state or guard says anything', async () => {
    const made = await admin('POST', '/api/users', { email: 'viewer@life.test', password: 'Case-Reader-2026', name: 'Viewer', roles: ['viewer'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const url = server.url;
    const viewerApi = api(url, (await api(url)('POST', '/api/auth/login', { tenant: 'life', email: 'viewer@life.test', password: 'Case-Reader-2026' })).body.token);
    const id = (await agent('POST', '/api/records/service_case', { subject: '门禁失灵' })).body.id;
    expect((await admin('POST', `/api/records/service_case/${id}/transitions/assign`)).status).toBe(200);
    // finish's guard would refuse (no resolution) and assign is from the wrong state: the viewer hears neither.
    for (const name of ['finish', 'assign']) {
      const refused = await viewerApi('POST', `/api/records/service_case/${id}/transitions/${name}`);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('NO_RIGHT');
    }
    expect((await viewerApi('GET', `/api/records/service_case/${id}`)).body.status).toBe('assigned');
    // The buttons say the same: none may be taken, each for want of the right to change the case.
    const options = (await viewerApi('GET', `/api/records/service_case/${id}/transitions`)).body.data as { allowed: boolean; reason: string }[];
    expect(options.map((o) => [o.allowed, o.reason])).toEqual(options.map(() => [false, 'Your roles do not allow changing or deleting this record.']));
  });
});
