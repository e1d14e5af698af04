import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const ticket = (fields: Record<string, unknown>) => ({ kind: 'entity', name: 'ticket', label: { en: 'Ticket', 'zh-CN': '工单' }, titleField: 'subject', fields });

describe('studio over HTTP: save, plan, publish, retire, history, restore', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let slug = 0;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  const freshTenant = async () => api(url, (await tenantWithAdmin(db, url, `studio_${++slug}`)).token);

  it('retires a removed field and brings its data back when the field returns', async () => {
    const a = await freshTenant();
    expect((await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text', required: true }, priority: { type: 'integer' } }))).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const id = (await a('POST', '/api/records/ticket', { subject: 'Printer on fire', priority: 5 })).body.id;
    expect((await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text', required: true } }))).status).toBe(200);
    const plan = await a('POST', '/api/studio/plan');
    expect(plan.body.steps.length).toBeGreaterThan(0);
    expect(plan.body.steps.every((s: { destructive: boolean }) => !s.destructive)).toBe(true);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const without = await a('GET', `/api/records/ticket/${id}`);
    expect(without.body).not.toHaveProperty('priority');
    expect((await a('POST', '/api/records/ticket', { subject: 'x', priority: 1 })).status).toBe(400);
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text', required: true }, priority: { type: 'integer' } }));
    await a('POST', '/api/studio/publish', {});
    expect((await a('GET', `/api/records/ticket/${id}`)).body.priority).toBe(5);
  });

  it('refuses a destructive publish without confirmation and changes nothing', async () => {
    const a = await freshTenant();
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text' }, ref: { type: 'text' } }));
    await a('POST', '/api/studio/publish', {});
    await a('POST', '/api/records/ticket', { subject: 's', ref: 'ABC-1' });
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text' }, ref: { type: 'integer' } }));
    const plan = await a('POST', '/api/studio/plan');
    const destructive = plan.body.steps.filter((s: { destructive: boolean }) => s.destructive);
    expect(destructive.length).toBe(1);
    expect(JSON.stringify(destructive[0])).toMatch(/ref/);
    const refused = await a('POST', '/api/studio/publish', {});
    expect(refused.status).toBe(409);
    expect((await a('GET', '/api/records/ticket')).body.data[0].ref).toBe('ABC-1');
    expect((await a('POST', '/api/studio/publish', { confirmDestructive: 'yes' })).status).toBe(400);
  });

  it('keeps a history of versions with their diff, and restores an earlier one', async () => {
    const a = await freshTenant();
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text' } }));
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text' }, channel: { type: 'text' } }));
    const history = await a('GET', '/api/studio/history');
    expect(history.status).toBe(200);
    const versions = history.body.data.map((v: { version: number }) => v.version).sort((x: number, y: number) => x - y);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const first = versions[0];
    const one = await a('GET', `/api/studio/history/${first}`);
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).toContain('ticket');
    expect((await a('GET', '/api/studio/history/zero')).status).toBe(400);
    expect((await a('GET', '/api/studio/history/9999')).status).toBe(404);
    expect((await a('POST', `/api/studio/restore/${first}`)).status).toBe(200);
    const doc = await a('GET', '/api/studio/entity/ticket');
    expect(Object.keys(doc.body.fields)).toEqual(['subject']);
  });

  it('deletes a tenant document; publishing retires the entity, and a restore brings its records back', async () => {
    const a = await freshTenant();
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text' } }));
    await a('POST', '/api/studio/publish', {});
    const id = (await a('POST', '/api/records/ticket', { subject: 'keep me' })).body.id;
    const before = (await a('GET', '/api/studio/history')).body.data.map((v: { version: number }) => v.version);
    const latest = Math.max(...before);
    expect((await a('DELETE', '/api/studio/entity/ticket')).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await a('GET', `/api/records/ticket/${id}`)).status).toBe(404);
    expect((await a('DELETE', '/api/studio/entity/ticket')).status).toBe(404);
    expect((await a('POST', `/api/studio/restore/${latest}`)).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await a('GET', `/api/records/ticket/${id}`)).body.subject).toBe('keep me');
  });

  it('refuses a workflow whose step options do not fit the step type, naming the pointer', async () => {
    const a = await freshTenant();
    await a('PUT', '/api/studio/entity/ticket', ticket({ subject: { type: 'text' } }));
    const bad = await a('PUT', '/api/studio/workflow/escalate', {
      kind: 'workflow', name: 'escalate', entity: 'ticket', trigger: { on: 'create' },
      steps: [{ id: 'call', type: 'webhook' }, { id: 'x', type: 'teleport' }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('/steps/1/type');
    expect(JSON.stringify(bad.body.errors)).toContain('url');
  });
});
