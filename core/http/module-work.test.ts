import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { MetadataDocument } from '../metadata/types.js';
import type { RunningServer } from './server.js';
import { ADMIN_PASSWORD, api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const GUIDE = new URL('../../docs/guide-property-management.md', import.meta.url);
/** The documents docs/guide-property-management.md shows, as a consultant saves them. */
const guideDocuments = (): MetadataDocument[] =>
  [...readFileSync(GUIDE, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as MetadataDocument).filter((d) => typeof d.kind === 'string');

const packageOf = async (version: string): Promise<Buffer> => {
  const zip = new JSZip();
  zip.file('plugin.json', JSON.stringify({ name: 'gadgets', version, label: label('Gadgets', '小工具') }), { createFolders: false });
  zip.file('entities/gadget.json', JSON.stringify({ kind: 'entity', name: 'gadget', label: label('Gadget', '小工具'), titleField: 'name', fields: { name: { type: 'text', label: label('Name', '名称') } } }), { createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
};

/** Working in a module (documents the studio creates join it), its menu group in the app, and removing an uploaded package. */
describe('the studio working in a module', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  const admin = async (slug: string) => {
    const { token } = await tenantWithAdmin(db, url, slug);
    tokens[slug] = token;
    return api(url, token);
  };

  it('puts every document created while working in the module into it, and lists the module’s entities under its menu group', async () => {
    const a = await admin('mw_build');
    const rentals = (await a('POST', '/api/studio/modules', { name: 'rentals', label: label('Property rentals', '房产租赁'), menuGroup: 'Property' })).body as { id: string };
    const other = (await a('POST', '/api/studio/modules', { name: 'parking', label: label('Parking', '停车'), menuGroup: 'Property' })).body as { id: string };
    const inModule = { 'X-Studio-Module': rentals.id };

    // a document made before the module started stays out of it when it is saved again inside it
    const before = { kind: 'entity', name: 'garage', label: label('Garage', '车库'), titleField: 'name', fields: { name: { type: 'text', label: label('Name', '名称') } } };
    expect((await a('PUT', '/api/studio/entity/garage', before)).status).toBe(200);
    expect((await a('PUT', '/api/studio/entity/garage', { ...before, label: label('Garages', '车库') }, inModule)).status).toBe(200);

    // a malformed or unknown module changes nothing
    for (const header of ['not-an-id', other.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))]) {
      const refused = await a('PUT', '/api/studio/entity/stray', { ...before, name: 'stray' }, { 'X-Studio-Module': header });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ field: 'X-Studio-Module', message: expect.any(String) }]);
    }
    expect((await a('GET', '/api/studio/entity/stray')).status).toBe(404);

    // entities, then the role (the lifecycle lets only a landlord terminate a lease), then the rest
    const rank = (kind: string): number => ({ entity: 0, role: 1 })[kind] ?? 2;
    const documents = [
      ...guideDocuments().sort((x, y) => rank(x.kind) - rank(y.kind)),
      { kind: 'form', name: 'lease_form', label: label('Lease', '租约'), entity: 'lease', sections: [{ name: 'main', label: label('Lease', '租约'), fields: ['name', 'unit', 'tenant_name'] }] },
      { kind: 'view', name: 'lease_all', label: label('Leases', '租约'), entity: 'lease', columns: ['name', 'tenant_name', 'status'] },
    ];
    for (const doc of documents) {
      const saved = await a('PUT', `/api/studio/${doc.kind}/${doc.name}`, doc, inModule);
      expect(saved.status, `${doc.kind}/${doc.name}: ${JSON.stringify(saved.body)}`).toBe(200);
    }
    // a later change of a module document keeps it where it is
    expect((await a('PUT', '/api/studio/view/lease_all', { ...documents.at(-1), columns: ['name', 'status'] })).status).toBe(200);

    const module = (await a('GET', `/api/studio/modules/${rentals.id}`)).body as { documents: { kind: string; name: string }[] };
    expect(module.documents.map((d) => `${d.kind}/${d.name}`).sort()).toEqual(documents.map((d) => `${d.kind}/${d.name}`).sort());
    expect(module.documents.map((d) => d.kind).sort()).toEqual(['dashboard', 'entity', 'entity', 'entity', 'entity', 'form', 'lifecycle', 'report', 'role', 'view', 'workflow']);

    // the parking module, worked in next, gets its own new entity
    expect((await a('PUT', '/api/studio/entity/parking_space', { ...before, name: 'parking_space', label: label('Parking space', '车位') }, { 'X-Studio-Module': other.id })).status).toBe(200);
    expect(((await a('GET', `/api/studio/modules/${other.id}`)).body as { documents: unknown[] }).documents).toEqual([{ kind: 'entity', name: 'parking_space' }]);

    // published, the app's menu gathers both modules' entities under their group; the garage is in none
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const meta = (await a('GET', '/api/meta')).body as { menuGroups: { module: string; group: string; entities: string[] }[] };
    expect(meta.menuGroups).toEqual([
      { module: 'parking', group: 'Property', entities: ['parking_space'] },
      { module: 'rentals', group: 'Property', entities: ['lease', 'payment', 'property', 'unit'] },
    ]);

    // a landlord sees the entities their role reads, and only those are in their menu group
    expect((await a('POST', '/api/users', { email: 'landlord@mw_build.test', name: 'Landlord', password: ADMIN_PASSWORD, roles: ['landlord'] })).status).toBe(201);
    const login = await api(url)('POST', '/api/auth/login', { tenant: 'mw_build', email: 'landlord@mw_build.test', password: ADMIN_PASSWORD });
    const landlord = (await api(url, login.body.token)('GET', '/api/meta')).body as { menuGroups: { module: string; entities: string[] }[] };
    expect(landlord.menuGroups).toEqual([{ module: 'rentals', group: 'Property', entities: ['lease', 'payment', 'property', 'unit'] }]);
  });

  it('removes an uploaded package from the catalogue only while no tenant has it installed', async () => {
    const b = await admin('mw_remove');
    const upload = async (archive: Buffer, query: string) => {
      const res = await fetch(`${url}/api/plugins/upload${query}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.mw_remove}`, 'content-type': 'application/zip' }, body: new Uint8Array(archive) });
      return res.status;
    };
    const listed = async () => ((await b('GET', '/api/plugins')).body as { data: { name: string }[] }).data.some((p) => p.name === 'gadgets');

    expect(await upload(await packageOf('1.0.0'), '')).toBe(201);
    expect(await listed()).toBe(true);
    expect((await b('DELETE', '/api/plugins/gadgets/package')).body).toEqual({ plugin: 'gadgets', version: '1.0.0' });
    expect(await listed()).toBe(false);

    // installed: refused, naming the tenant, in the reader's language; nothing changes
    expect(await upload(await packageOf('1.0.0'), '?apply=true')).toBe(201);
    const refused = await b('DELETE', '/api/plugins/gadgets/package', undefined, { 'Accept-Language': 'zh-CN' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PLUGIN_PACKAGE_INSTALLED');
    expect(refused.body.tenants).toEqual(['mw_remove']);
    expect(refused.body.detail ?? refused.body.title).toContain('mw_remove');
    expect(await listed()).toBe(true);
    expect((await b('POST', '/api/records/gadget', { name: 'Sprocket' })).status).toBe(201);

    // uninstalled, it may go; its data stays until purged, and a new upload installs it again
    expect((await b('POST', '/api/plugins/gadgets/uninstall', {})).status).toBe(200);
    expect((await b('DELETE', '/api/plugins/gadgets/package')).status).toBe(200);
    expect(await listed()).toBe(false);
    expect(await upload(await packageOf('1.0.0'), '?apply=true')).toBe(201);
    expect(((await b('GET', '/api/records/gadget')).body as { data: { name: string }[] }).data.map((r) => r.name)).toEqual(['Sprocket']);

    // shipped plugins and unknown names are no uploaded packages
    expect((await b('DELETE', '/api/plugins/customers/package')).status).toBe(404);
    expect((await b('DELETE', '/api/plugins/nothing/package')).status).toBe(404);
    const audit = await db.knex('crm_system.audit_log').where({ action: 'plugin.package_remove', target: 'gadgets' }).count<{ count: string }[]>('* as count');
    expect(Number(audit[0].count)).toBe(2);
  });
});
