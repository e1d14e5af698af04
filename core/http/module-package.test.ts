import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });

/** rental_unit as the consultant builds it in tenant A: version 1 has `area`; version 2 renames it `floor_area` (same id) and adds `rent`. */
const unitEntity = (second: boolean) => ({
  kind: 'entity',
  name: 'rental_unit',
  label: label('Rental unit', '租赁单元'),
  titleField: 'code',
  fields: {
    code: { id: '0193a000-0000-7000-8000-000000000001', type: 'text', label: label('Unit no.', '单元编号'), required: true },
    [second ? 'floor_area' : 'area']: { id: '0193a000-0000-7000-8000-000000000002', type: 'decimal', label: label('Area', '面积') },
    ...(second && { rent: { id: '0193a000-0000-7000-8000-000000000003', type: 'decimal', label: label('Rent', '租金') } }),
  },
});

const unitView = (second: boolean) => ({ kind: 'view', name: 'rental_unit_all', label: label('Units', '单元'), entity: 'rental_unit', columns: ['code', second ? 'floor_area' : 'area'] });

/** A zip built from path → content (and optional unix modes), for hostile packages. */
const zipOf = async (files: Record<string, string | Buffer>, modes: Record<string, number> = {}): Promise<Buffer> => {
  const zip = new JSZip();
  for (const [path, content] of Object.entries(files)) zip.file(path, content, { unixPermissions: modes[path], createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
};

const manifest = (over: Record<string, unknown> = {}) => JSON.stringify({ name: 'gadgets', version: '1.0.0', label: label('Gadgets', '小工具'), ...over });
const gadget = (fields: Record<string, unknown> = { name: { type: 'text', label: label('Name', '名称') } }) =>
  JSON.stringify({ kind: 'entity', name: 'gadget', label: label('Gadget', '小工具'), titleField: 'name', fields });

describe('modules built in the studio, exported as plugin packages and installed elsewhere', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  let a: ReturnType<typeof api>;
  let b: ReturnType<typeof api>;
  let c: ReturnType<typeof api>;
  const tokens: Record<string, string> = {};

  const upload = async (who: string, archive: Buffer, query = '') => {
    const res = await fetch(`${url}/api/plugins/upload${query}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/zip' }, body: new Uint8Array(archive) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const exportModule = async (id: string, body: unknown) => {
    const res = await fetch(`${url}/api/studio/modules/${id}/export`, { method: 'POST', headers: { authorization: `Bearer ${tokens.a}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
    for (const [who, slug] of [['a', 'modsrc'], ['b', 'modgot'], ['c', 'modbad']] as const) tokens[who] = (await tenantWithAdmin(db, url, slug)).token;
    a = api(url, tokens.a);
    b = api(url, tokens.b);
    c = api(url, tokens.c);
  });
  afterAll(async () => server?.close());

  it('keeps a module’s documents together, exports them as a plugin folder, installs and upgrades it in another tenant with its customisations', async () => {
    const created = await a('POST', '/api/studio/modules', { name: 'rentals', label: label('Rentals', '房产租赁'), icon: 'home', menuGroup: 'Property' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await a('POST', '/api/studio/modules', { name: 'rentals', label: label('Again', '再来') })).body.code).toBe('MODULE_NAME_TAKEN');
    expect((await a('POST', '/api/studio/modules', { name: 'Bad Name', label: { en: 'x' } })).body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'label.zh-CN']);

    expect((await a('PUT', '/api/studio/entity/rental_unit', unitEntity(false))).status).toBe(200);
    expect((await a('PUT', '/api/studio/view/rental_unit_all', unitView(false))).status).toBe(200);
    expect((await a('POST', `/api/studio/modules/${id}/documents`, { documents: [{ kind: 'entity', name: 'nowhere' }] })).body.code).toBe('MODULE_NOT_TENANT_DOCUMENT');
    const added = await a('POST', `/api/studio/modules/${id}/documents`, { documents: [{ kind: 'entity', name: 'rental_unit' }, { kind: 'view', name: 'rental_unit_all' }] });
    expect(added.body.documents).toEqual([{ kind: 'entity', name: 'rental_unit' }, { kind: 'view', name: 'rental_unit_all' }]);
    expect((await exportModule(id, {})).status).toBe(400); // nothing published yet
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const unit = await a('POST', '/api/records/rental_unit', { code: 'A-101', area: 88.5 });
    expect(unit.status).toBe(201);

    const v1 = await exportModule(id, { demo: [{ entity: 'rental_unit', ids: [unit.body.id] }] });
    expect(v1.status).toBe(200);
    expect(v1.type).toBe('application/zip');
    expect(v1.disposition).toContain('rentals-1.0.0.zip');
    const zip = await JSZip.loadAsync(v1.bytes);
    expect(Object.keys(zip.files).filter((f) => !zip.files[f].dir).sort()).toEqual(['rentals/demo/rental_unit.json', 'rentals/entities/rental_unit.json', 'rentals/plugin.json', 'rentals/views/rental_unit_all.json']);
    const shippedManifest = JSON.parse(await zip.file('rentals/plugin.json')!.async('string'));
    expect(shippedManifest).toMatchObject({ id, name: 'rentals', version: '1.0.0', label: label('Rentals', '房产租赁'), icon: 'home', menuGroup: 'Property' });
    const shippedEntity = JSON.parse(await zip.file('rentals/entities/rental_unit.json')!.async('string'));
    expect(shippedEntity.$schema).toBe('../../../metadata/schemas/entity.schema.json');
    expect(shippedEntity.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(shippedEntity.fields.area.id).toBe('0193a000-0000-7000-8000-000000000002');
    expect(JSON.parse(await zip.file('rentals/demo/rental_unit.json')!.async('string'))).toEqual([{ code: 'A-101', area: 88.5 }]);
    const again = await exportModule(id, { demo: [{ entity: 'rental_unit', ids: [unit.body.id] }] });
    expect(JSON.parse(await (await JSZip.loadAsync(again.bytes)).file('rentals/entities/rental_unit.json')!.async('string')).id).toBe(shippedEntity.id);
    const audited = (await a('GET', '/api/audit?action=module.export')).body.data as { target: string; ip: string | null; details: Record<string, unknown> }[];
    expect(audited).toHaveLength(2);
    expect(audited[0]).toMatchObject({ target: 'rentals', ip: expect.any(String), details: { rows: 1, version: '1.0.0', documents: 2, via: 'http' } });

    const installed = await upload('b', v1.bytes, '?apply=true&withDemoData=true');
    expect(installed.status).toBe(201);
    expect(installed.body.lifecycle.changes).toEqual([{ plugin: 'rentals', version: '1.0.0', change: 'installed' }]);
    expect(installed.body.lifecycle.seeded).toEqual({ rental_unit: 1 });
    const listed = (await b('GET', '/api/plugins')).body.data.find((p: { name: string }) => p.name === 'rentals');
    expect(listed).toMatchObject({ source: 'upload', status: 'installed', installedVersion: '1.0.0', availableVersion: '1.0.0', menuGroup: 'Property' });
    expect((await b('GET', '/api/records/rental_unit')).body.data.map((r: { code: string }) => r.code)).toEqual(['A-101']);
    const own = await b('POST', '/api/records/rental_unit', { code: 'B-7', area: 40 });
    expect(own.status).toBe(201);
    // The tenant customises the plugin's entity as it would a shipped one: a field of its own.
    expect((await b('PUT', '/api/studio/entity/rental_unit', { kind: 'entity', name: 'rental_unit', fields: { landlord_note: { type: 'text', label: label('Note', '备注') } } })).status).toBe(200);
    expect((await b('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await b('PATCH', `/api/records/rental_unit/${own.body.id}`, { landlord_note: '朝南' }, { 'If-Match': String(own.body.version) })).status).toBe(200);
    expect((await upload('b', v1.bytes, '?apply=true')).body.code).toBe('PLUGIN_ARCHIVE_NOT_NEWER');

    expect((await a('PUT', '/api/studio/view/rental_unit_all', { ...unitView(false), columns: ['code'] })).status).toBe(200);
    expect((await a('PUT', '/api/studio/entity/rental_unit', unitEntity(true))).status).toBe(200);
    expect((await a('PUT', '/api/studio/view/rental_unit_all', unitView(true))).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    expect((await exportModule(id, { version: '0.9.0' })).status).toBe(400);
    const v2 = await exportModule(id, { version: '1.1.0' });
    expect(v2.disposition).toContain('rentals-1.1.0.zip');
    expect((await a('GET', `/api/studio/modules/${id}`)).body.version).toBe('1.1.0');

    const upgraded = await upload('b', v2.bytes, '?apply=true');
    expect(upgraded.status).toBe(201);
    expect(upgraded.body.lifecycle.changes).toEqual([{ plugin: 'rentals', version: '1.1.0', change: 'upgraded' }]);
    const kept = await b('GET', `/api/records/rental_unit/${own.body.id}`);
    expect(kept.body).toMatchObject({ code: 'B-7', floor_area: 40, landlord_note: '朝南' });
    expect((await b('PATCH', `/api/records/rental_unit/${own.body.id}`, { rent: 3200 }, { 'If-Match': String(kept.body.version) })).status).toBe(200);
    const afterUpgrade = (await b('GET', '/api/plugins')).body.data.find((p: { name: string }) => p.name === 'rentals');
    expect(afterUpgrade).toMatchObject({ installedVersion: '1.1.0', upgradeAvailable: false });
    expect((await b('POST', '/api/studio/plan', {})).status).toBe(200);

    // A package the tenant has installed is upgraded to as it is uploaded, asked or not.
    const v3 = await exportModule(id, { version: '1.2.0' });
    const quiet = await upload('b', v3.bytes);
    expect(quiet.body.lifecycle.changes).toEqual([{ plugin: 'rentals', version: '1.2.0', change: 'upgraded' }]);
    expect((await a('POST', '/api/studio/modules', { name: 'customers', label: label('Mine', '我的') })).body.code).toBe('PLUGIN_NAME_SHIPPED');
  });

  it('refuses malformed and hostile packages with a clear problem, and changes nothing', async () => {
    const catalogue = async () => JSON.stringify((await c('GET', '/api/plugins')).body.data);
    const before = await catalogue();
    const refusals: [string, Buffer, number, string][] = [
      ['not a zip', Buffer.from('hello'), 400, 'PLUGIN_ARCHIVE_NOT_ZIP'],
      ['path escape', await zipOf({ 'plugin.json': manifest(), '../../etc/evil.json': '{}' }), 400, 'PLUGIN_ARCHIVE_UNSAFE_PATH'],
      ['absolute path', await zipOf({ 'plugin.json': manifest(), '/tmp/evil.json': '{}' }), 400, 'PLUGIN_ARCHIVE_UNSAFE_PATH'],
      ['symlink', await zipOf({ 'plugin.json': manifest(), 'entities/gadget.json': '/etc/passwd' }, { 'entities/gadget.json': 0o120777 }), 400, 'PLUGIN_ARCHIVE_UNSAFE_PATH'],
      ['server code', await zipOf({ 'plugin.json': manifest(), 'server/index.ts': 'export default {}' }), 400, 'PLUGIN_ARCHIVE_CODE'],
      ['a script named like data', await zipOf({ 'plugin.json': manifest(), 'demo/hook.js': 'process.exit()' }), 400, 'PLUGIN_ARCHIVE_CODE'],
      ['a stray file', await zipOf({ 'plugin.json': manifest(), 'notes/x.json': '{}' }), 400, 'PLUGIN_ARCHIVE_UNKNOWN_FILE'],
      ['bad metadata', await zipOf({ 'plugin.json': manifest(), 'entities/gadget.json': gadget({ name: { type: 'nope', label: label('N', 'N') } }) }), 400, 'INVALID_INPUT'],
      ['bad manifest', await zipOf({ 'plugin.json': manifest({ version: 'one' }), 'entities/gadget.json': gadget() }), 400, 'INVALID_INPUT'],
      ['missing dependency', await zipOf({ 'plugin.json': manifest({ requires: { nosuch: '^1.0.0' } }), 'entities/gadget.json': gadget() }), 409, 'PLUGIN_DEPENDENCY_MISSING'],
      ['a shipped name', await zipOf({ 'plugin.json': manifest({ name: 'customers' }) }), 409, 'PLUGIN_NAME_SHIPPED'],
      ['unpacked too large', await zipOf({ 'plugin.json': manifest(), 'demo/gadget.json': Buffer.alloc(21 * 1024 * 1024, 32) }), 413, 'PAYLOAD_TOO_LARGE'],
      ['too many files', await zipOf({ 'plugin.json': manifest(), ...Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`demo/g${i}.json`, '[]'])) }), 413, 'PAYLOAD_TOO_LARGE'],
      ['too large packed', Buffer.alloc(5 * 1024 * 1024 + 1, 7), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [what, archive, status, code] of refusals) {
      const res = await upload('c', archive, '?apply=true&withDemoData=true');
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      expect(res.body.detail).toBeTruthy();
    }
    const bad = await upload('c', await zipOf({ 'plugin.json': manifest(), 'entities/gadget.json': gadget({ name: { type: 'nope', label: label('N', 'N') } }) }));
    expect(bad.body.errors[0].field).toContain('entities/gadget.json');
    expect(await catalogue()).toBe(before);
    expect((await c('GET', '/api/records/gadget')).status).toBe(404);

    // The same package, sound, goes in; a clerk may not upload.
    const fine = await upload('c', await zipOf({ 'gadgets/plugin.json': manifest(), 'gadgets/entities/gadget.json': gadget() }), '?apply=true');
    expect(fine.status).toBe(201);
    expect((await c('POST', '/api/records/gadget', { name: '扳手' })).status).toBe(201);
  });
});
