import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const rule = (n: number) => ({ name: `r${n}`, rule: { '>=': [{ var: 'qty' }, 0] }, message: label('No negative quantity', '数量不能为负') });
const rollup = { type: 'rollup', relation: 'part.gadget', aggregate: 'count' };
const gadget = (extra: Record<string, unknown> = {}, rules = 0) => ({
  kind: 'entity',
  name: 'gadget',
  label: label('Gadget', '小工具'),
  titleField: 'name',
  fields: { name: { type: 'text' }, qty: { type: 'integer' }, color: { type: 'text' }, ...extra },
  rules: Array.from({ length: rules }, (_, i) => rule(i + 1)),
});
const part = { kind: 'entity', name: 'part', label: label('Part', '零件'), fields: { title: { type: 'text' }, gadget: { type: 'reference', entity: 'gadget' } } };
const workflow = (steps: number) => ({
  kind: 'workflow',
  name: 'fill',
  entity: 'gadget',
  trigger: { on: 'create' },
  steps: Array.from({ length: steps }, (_, i) => ({ id: `s${i + 1}`, type: 'set', fields: { color: 'red' } })),
});
const report = (groupBy: string[]) => ({ kind: 'report', name: 'gadgets', label: label('Gadgets', '小工具'), entity: 'gadget', groupBy, measures: [{ aggregate: 'count' }] });

/** Small limits for the test, each shown at the limit (works) and one past it (refused). */
const LIMITS = 'fieldsPerEntity=4,rulesPerEntity=2,rollupsPerEntity=1,workflowSteps=3,reportGroupBys=2,rowsPerImport=3';

describe('published limits', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  const saved = process.env.CRM_LIMITS;

  beforeAll(async () => {
    process.env.CRM_LIMITS = LIMITS;
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.CRM_LIMITS;
    else process.env.CRM_LIMITS = saved;
    await server?.close();
  });

  it('works up to each limit and refuses one past it with a problem naming the limit', async () => {
    const a = api(url, (await tenantWithAdmin(db, url, 'limits')).token);
    type Doc = { kind: string; name: string; [key: string]: unknown };
    const put = (doc: Doc) => a('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc);
    const refused = async (doc: Doc, limit: string, count: number, max: number) => {
      const res = await put(doc);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'LIMIT_EXCEEDED', limit, count, max });
      expect(res.body.detail).toContain(`(limit ${limit})`);
    };

    expect((await put(gadget())).status).toBe(200);
    expect((await put(part)).status).toBe(200);
    // At the limits: 4 fields (one a roll-up), 2 rules.
    expect((await put(gadget({ parts: rollup }, 2))).status).toBe(200);
    await refused(gadget({ parts: rollup, size: { type: 'integer' } }, 2), 'fieldsPerEntity', 5, 4);
    await refused(gadget({ parts: rollup }, 3), 'rulesPerEntity', 3, 2);
    await refused({ ...gadget({ parts2: rollup }, 2), fields: { name: { type: 'text' }, qty: { type: 'integer' }, parts: rollup, parts2: rollup } }, 'rollupsPerEntity', 2, 1);
    expect((await put(workflow(3))).status).toBe(200);
    await refused(workflow(4), 'workflowSteps', 4, 3);
    expect((await put(report(['name', 'color']))).status).toBe(200);
    await refused(report(['name', 'color', 'qty']), 'reportGroupBys', 3, 2);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);

    const entities = Object.keys((await a('GET', '/api/meta')).body.entities).length;
    process.env.CRM_LIMITS = `${LIMITS},entitiesPerTenant=${entities}`;
    const extra = { kind: 'entity', name: 'spare', label: label('Spare', '备件'), fields: { name: { type: 'text' } } };
    await refused(extra, 'entitiesPerTenant', entities + 1, entities);
    process.env.CRM_LIMITS = `${LIMITS},entitiesPerTenant=${entities + 1}`;
    expect((await put(extra)).status).toBe(200);

    const csv = (rows: number) => ['name,qty', ...Array.from({ length: rows }, (_, i) => `g${i},${i}`)].join('\n');
    const load = (rows: number) => a('POST', '/api/records/gadget/import', csv(rows), { 'content-type': 'text/csv' });
    const tooMany = await load(4);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'rowsPerImport', max: 3 });
    expect((await a('GET', '/api/records/gadget')).body.data).toHaveLength(0);
    expect((await load(3)).body).toMatchObject({ created: 3, failed: 0 });
  });
});
