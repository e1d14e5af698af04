import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, tenantWithAdmin } from '../http/test-server.js';
import { label, workflowServer } from './test-support/workflow-server.js';

const item = { kind: 'entity', name: 'item', label: label('Item'), titleField: 'name', fields: { name: { type: 'text', required: true } } };
const scripted = (code: string) => ({ kind: 'workflow', name: 'weigh', label: label('Weigh'), entity: 'item', trigger: { on: 'manual' }, steps: [{ id: 'js', type: 'script', code, limits: { cpuMs: 2000, wallMs: 10_000 } }] });

const publish = async (admin: ReturnType<typeof api>, docs: Record<string, unknown>[]) => {
  for (const doc of docs) expect((await admin('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc)).status).toBe(200);
  expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
};

describe("API: dry runs' scripts count against the tenant's quota", () => {
  let s: Awaited<ReturnType<typeof workflowServer>>;
  const before = process.env.CRM_SCRIPT_CPU_MS_PER_MINUTE;

  beforeAll(async () => {
    process.env.CRM_SCRIPT_CPU_MS_PER_MINUTE = '300';
    s = await workflowServer('quotaa', [item, scripted('for (;;) {}')], { worker: false });
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.CRM_SCRIPT_CPU_MS_PER_MINUTE;
    else process.env.CRM_SCRIPT_CPU_MS_PER_MINUTE = before;
    await s?.close();
  });

  it("serves a second tenant's dry run while the first is over its quota", async () => {
    const other = api(s.url, (await tenantWithAdmin(s.db, s.url, 'quotab')).token);
    await publish(other, [item, scripted('return { weight: input.name.length }')]);
    const a = (await s.admin('POST', '/api/records/item', { name: 'anvil' })).body;
    const b = (await other('POST', '/api/records/item', { name: 'feather' })).body;

    const spent = await s.admin('POST', '/api/workflows/weigh/dry-run', { recordId: a.id });
    expect(spent.status).toBe(200);
    expect(spent.body.steps[0]).toMatchObject({ status: 'failed', error: { code: 'SCRIPT_QUOTA' } });
    const refused = await s.admin('POST', '/api/workflows/weigh/dry-run', { recordId: a.id });
    expect(refused.body.steps[0]).toMatchObject({ status: 'failed', error: { code: 'SCRIPT_QUOTA' }, measures: { cpuMs: 0 } });

    const served = await other('POST', '/api/workflows/weigh/dry-run', { recordId: b.id });
    expect(served.body.steps[0]).toMatchObject({ status: 'done', output: { weight: 7 }, measures: { cpuMs: expect.any(Number), wallMs: expect.any(Number) } });
  });
});
