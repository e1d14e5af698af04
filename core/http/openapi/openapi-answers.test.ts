import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.js';
import type { RunningServer } from '../server.js';
import { api, startTestServer, tenantWithAdmin } from '../test-server.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const gadget = {
  kind: 'entity', name: 'gadget', label: label('Gadget'), titleField: 'name',
  fields: {
    name: { type: 'text', required: true, maxLength: 50 },
    sku: { type: 'text', unique: true },
    qty: { type: 'integer', min: 0 },
    price: { type: 'currency' },
    colour: { type: 'enum', options: [{ value: 'red' }, { value: 'blue' }] },
    tags: { type: 'multi_enum', options: [{ value: 'a' }, { value: 'b' }] },
    due: { type: 'date' },
    done: { type: 'boolean' },
    code: { type: 'auto_number', prefix: 'G-', digits: 4 },
  },
};

type Doc = { paths: Record<string, Record<string, { responses: Record<string, any> }>>; components: { responses: Record<string, any> } };

/** The answers the server really gives fit the schemas the document gives for them. */
describe('the OpenAPI document describes the real answers', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  it('fits records, pages, history, batch, upsert and problems', async () => {
    const admin = api(url, (await tenantWithAdmin(db, url, 'oa_answers')).token);
    expect((await admin('PUT', '/api/studio/entity/gadget', gadget)).status).toBe(200);
    expect((await admin('POST', '/api/studio/publish', {})).status).toBe(200);
    const doc = (await admin('GET', '/api/openapi.json')).body as Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'doc');
    const checked: string[] = [];

    /** Validates an answer against the document's schema for that path, method and status. */
    const fits = async (path: string, method: string, call: Promise<{ status: number; body: unknown; headers: Headers }>, status: number) => {
      const res = await call;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      const m = method.toLowerCase();
      const declared = doc.paths[path][m].responses[String(status)];
      expect(declared, `${method} ${path} ${status} is in the document`).toBeDefined();
      const shared = declared.$ref ? String(declared.$ref).split('/').pop()! : undefined;
      const answer = shared ? doc.components.responses[shared] : declared;
      const type = (res.headers.get('content-type') ?? '').split(';')[0];
      const media = Object.keys(answer.content ?? {});
      if (!media.length) return expect(res.body ?? '').toBe('');
      expect(media).toContain(type);
      const base = shared ? `doc#/components/responses/${shared}` : `doc#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${m}/responses/${status}`;
      const schema = `${base}/content/${type.replace('/', '~1')}/schema`;
      const validate = ajv.getSchema(schema);
      expect(validate, schema).toBeDefined();
      const ok = validate!(res.body);
      expect(ok ? [] : validate!.errors, `${method} ${path} ${status}`).toEqual([]);
      checked.push(`${method} ${path} ${status}`);
      return res.body as any;
    };

    const one = '/api/records/gadget/{id}';
    const created = await fits('/api/records/gadget', 'POST', admin('POST', '/api/records/gadget', { name: 'Widget', sku: 'W-1', qty: 3, price: 9.5, colour: 'red', tags: ['a'], due: '2026-12-24', done: false }), 201);
    expect(Object.keys(created)).toEqual(expect.arrayContaining(['id', 'version', 'created_at', 'deleted_at']));
    await fits('/api/records/gadget', 'GET', admin('GET', '/api/records/gadget?total=true'), 200);
    await fits(one, 'GET', admin('GET', `/api/records/gadget/${created.id}`), 200);
    const updated = await fits(one, 'PATCH', admin('PATCH', `/api/records/gadget/${created.id}`, { qty: 4 }, { 'If-Match': '1' }), 200);
    await fits(one, 'PATCH', admin('PATCH', `/api/records/gadget/${created.id}`, { qty: 5 }, { 'If-Match': '1' }), 409);
    await fits(one, 'PATCH', admin('PATCH', `/api/records/gadget/${created.id}`, { qty: 5 }), 428);
    await fits('/api/records/gadget', 'POST', admin('POST', '/api/records/gadget', { qty: -1, colour: 'green' }), 400);
    await fits(one, 'GET', admin('GET', '/api/records/gadget/00000000-0000-4000-8000-000000000000'), 404);
    await fits(`${one}/history`, 'GET', admin('GET', `/api/records/gadget/${created.id}/history`), 200);
    await fits(`${one}/transitions`, 'GET', admin('GET', `/api/records/gadget/${created.id}/transitions`), 200);
    await fits('/api/records/gadget/batch', 'POST', admin('POST', '/api/records/gadget/batch', { items: [{ op: 'create', data: { name: 'B' } }, { op: 'update', id: created.id, version: updated.version, data: { qty: 7 } }, { op: 'create', data: { qty: 1 } }] }), 200);
    await fits('/api/records/gadget/batch', 'POST', admin('POST', '/api/records/gadget/batch', { allOrNone: true, items: [{ op: 'create', data: { name: 'C' } }, { op: 'create', data: {} }] }), 422);
    await fits('/api/records/gadget/by/{field}/{value}', 'PUT', admin('PUT', '/api/records/gadget/by/sku/W-2', { name: 'Upserted' }), 201);
    await fits('/api/records/gadget/by/{field}/{value}', 'PUT', admin('PUT', '/api/records/gadget/by/sku/W-2', { name: 'Upserted again' }), 200);
    await fits(one, 'DELETE', admin('DELETE', `/api/records/gadget/${created.id}`), 204);
    await fits('/api/records/gadget', 'GET', admin('GET', '/api/records/gadget?deleted=only'), 200);
    await fits(`${one}/restore`, 'POST', admin('POST', `/api/records/gadget/${created.id}/restore`), 200);
    await fits('/api/auth/me', 'GET', admin('GET', '/api/auth/me'), 200);
    await fits('/api/auth/me', 'GET', api(url)('GET', '/api/auth/me'), 401);
    await fits('/api/auth/login', 'POST', api(url)('POST', '/api/auth/login', { tenant: 'oa_answers', email: 'admin@oa_answers.test', password: 'Correct-Horse-42' }), 200);
    await fits('/api/users', 'GET', admin('GET', '/api/users'), 200);
    await fits('/api/api-keys', 'POST', admin('POST', '/api/api-keys', { name: 'ci' }), 201);
    await fits('/api/api-keys', 'GET', admin('GET', '/api/api-keys'), 200);
    const robot = await fits('/api/service-accounts', 'POST', admin('POST', '/api/service-accounts', { name: 'Importer', roles: [], writeScope: ['gadget'] }), 201);
    await fits('/api/service-accounts', 'GET', admin('GET', '/api/service-accounts'), 200);
    await fits('/api/service-accounts/{id}/keys', 'POST', admin('POST', `/api/service-accounts/${robot.id}/keys`, { name: 'ci' }), 201);
    await fits('/api/service-accounts/{id}/keys', 'GET', admin('GET', `/api/service-accounts/${robot.id}/keys`), 200);
    await fits('/api/meta', 'GET', admin('GET', '/api/meta'), 200);
    await fits('/api/settings', 'GET', admin('GET', '/api/settings'), 200);
    await fits('/api/plugins', 'GET', admin('GET', '/api/plugins'), 200);
    await fits('/api/reports', 'GET', admin('GET', '/api/reports'), 200);
    await fits('/api/views/{entity}/saved', 'POST', admin('POST', '/api/views/gadget/saved', { name: 'Mine', definition: { sort: '-qty' } }), 201);
    await fits('/api/views/{entity}/saved', 'GET', admin('GET', '/api/views/gadget/saved'), 200);
    await fits('/api/workflows/runs', 'GET', admin('GET', '/api/workflows/runs'), 200);
    await fits('/api/workflows/approvals', 'GET', admin('GET', '/api/workflows/approvals'), 200);
    await fits('/api/notifications', 'GET', admin('GET', '/api/notifications'), 200);
    await fits('/api/studio', 'GET', admin('GET', '/api/studio'), 200);
    await fits('/api/studio/history', 'GET', admin('GET', '/api/studio/history'), 200);
    await fits('/api/studio/plan', 'POST', admin('POST', '/api/studio/plan'), 200);
    await fits('/api/studio/entity/{name}', 'GET', admin('GET', '/api/studio/entity/gadget'), 200);
    await fits('/api/health/ready', 'GET', api(url)('GET', '/api/health/ready'), 200);
    expect(checked.length).toBeGreaterThan(30);
  });
});
