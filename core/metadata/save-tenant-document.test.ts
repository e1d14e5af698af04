import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/connect.js';
import { openTestDatabase } from '../db/test-database.js';
import { createTenant } from '../tenants/tenant-store.js';
import type { AppError } from '../errors.js';
import { saveTenantDocument } from './save-tenant-document.js';
import { deleteTenantDocument } from './delete-tenant-document.js';
import { getTenantDocument, listTenantDocuments } from './tenant-documents.js';
import type { TenantMetaCtx } from './tenant-store.js';
import { label } from './test-fixtures.js';

const visit = { kind: 'entity', name: 'visit', label: label('Visit', '拜访'), fields: { topic: { type: 'text' }, team: { type: 'reference', entity: 'team' } } };

describe('tenant documents', () => {
  let db: Db;
  let ctx: TenantMetaCtx;
  beforeAll(async () => {
    db = await openTestDatabase();
    ctx = { knex: db.knex, tenant: await createTenant(db.knex, { slug: 'meta_save' }), actor: { id: uuidv7(), name: 'Ada' } };
  });
  afterAll(async () => db?.close());

  const versions = () => db.knex('crm_system.metadata_versions').where({ tenant_id: ctx.tenant.id }).orderBy('version');

  it('saves a new document and records a version with author, diff and snapshot', async () => {
    const { version, doc } = await saveTenantDocument({ kind: 'entity', name: 'visit', doc: visit }, ctx);
    expect(version).toBe(1);
    expect(doc).toEqual(visit);
    expect(await getTenantDocument({ kind: 'entity', name: 'visit' }, ctx)).toEqual(visit);
    const [v1] = await versions();
    expect(v1).toMatchObject({ version: 1, author_id: ctx.actor.id, author_name: 'Ada', message: 'Added entity visit', snapshot: [visit] });
    expect(v1.diff).toEqual([{ op: 'add', path: '/entity/visit', value: visit }]);
  });

  it('saves an overlay of a lower-layer document (the system team) in overlay mode', async () => {
    const overlay = { kind: 'entity', name: 'team', fields: { region: { type: 'text' }, name: { label: label('Team name', '团队名称') } } };
    const { version } = await saveTenantDocument({ kind: 'entity', name: 'team', doc: overlay, message: 'team region' }, ctx);
    expect(version).toBe(2);
    const v2 = (await versions())[1];
    expect(v2.message).toBe('team region');
    expect(v2.snapshot.map((d: { name: string }) => d.name)).toEqual(['team', 'visit']);
  });

  it('refuses an invalid document with every problem (400) and stores nothing', async () => {
    const bad = { kind: 'entity', name: 'visit', fields: { topic: { type: 'text', colour: 'red' }, account: { type: 'reference', entity: 'account' }, select: { type: 'text' } } };
    const err = (await saveTenantDocument({ kind: 'entity', name: 'visit', doc: bad }, ctx).catch((e) => e)) as AppError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.details.errors).toEqual(
      expect.arrayContaining([
        { field: '/fields/topic/colour', message: 'is not an allowed property for type "text"' },
        { field: '/fields/account/entity', message: 'entity "account" does not exist' },
        { field: '/fields/select', message: '"select" is a reserved word and cannot name a field' },
      ]),
    );
    expect(JSON.stringify(err.details)).not.toMatch(/insert|select \*|at .*\.ts/i);
    expect(await getTenantDocument({ kind: 'entity', name: 'visit' }, ctx)).toEqual(visit);
    expect(await versions()).toHaveLength(2);
  });

  it('refuses an overlay that changes the type of a field it does not own', async () => {
    const err = (await saveTenantDocument({ kind: 'entity', name: 'team', doc: { fields: { name: { type: 'integer' } } } }, ctx).catch((e) => e)) as AppError;
    expect(err.status).toBe(400);
    expect(err.details.errors).toEqual([{ field: '/fields/name/type', message: 'cannot change the type of "name" from text to integer: the field belongs to system' }]);
  });

  it('refuses a mismatched address and a stale base version', async () => {
    const err = (await saveTenantDocument({ kind: 'entity', name: 'visit', doc: { ...visit, name: 'other' } }, ctx).catch((e) => e)) as AppError;
    expect(err.details.errors).toEqual([{ field: '/name', message: 'must be "visit" as in the address' }]);
    expect((await saveTenantDocument({ kind: 'widget', name: 'x', doc: {} }, ctx).catch((e) => e)).status).toBe(400);
    const stale = await saveTenantDocument({ kind: 'entity', name: 'visit', doc: visit, baseVersion: 1 }, ctx).catch((e) => e);
    expect(stale.status).toBe(409);
  });

  it('refuses a delete that breaks another document, and deletes otherwise', async () => {
    const view = { kind: 'view', name: 'visits', label: label('Visits', '拜访'), entity: 'visit', columns: ['topic', 'team.region'] };
    await saveTenantDocument({ kind: 'view', name: 'visits', doc: view }, ctx);
    const err = (await deleteTenantDocument({ kind: 'entity', name: 'team' }, ctx).catch((e) => e)) as AppError;
    expect(err.status).toBe(409);
    expect(err.details.fieldsInUse).toEqual([{ entity: 'team', field: 'region', dependants: [{ kind: 'view', name: 'visits', entity: 'visit', usage: 'view_column', access: 'read' }] }]);
    await deleteTenantDocument({ kind: 'view', name: 'visits' }, ctx);
    const { version } = await deleteTenantDocument({ kind: 'entity', name: 'team' }, ctx);
    const last = (await versions()).at(-1);
    expect(last).toMatchObject({ version, message: 'Deleted entity team', diff: [{ op: 'remove', path: '/entity/team' }] });
    expect((await listTenantDocuments(ctx)).map((d) => `${d.kind}/${d.name}`)).toEqual(['entity/visit']);
    expect((await deleteTenantDocument({ kind: 'entity', name: 'team' }, ctx).catch((e) => e)).status).toBe(404);
    expect((await getTenantDocument({ kind: 'entity', name: 'team' }, ctx).catch((e) => e)).status).toBe(404);
  });

  it('lists documents with who changed them and when', async () => {
    const [row] = await listTenantDocuments(ctx);
    expect(row).toMatchObject({ kind: 'entity', name: 'visit', doc: visit, updatedBy: ctx.actor.id });
    expect(row.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('gives concurrent saves distinct versions', async () => {
    const before = (await versions()).length;
    const dict = (name: string) => ({ kind: 'dictionary', name, items: [{ value: 'x', label: label('X', '甲') }] });
    const saved = await Promise.all(['d1', 'd2', 'd3'].map((name) => saveTenantDocument({ kind: 'dictionary', name, doc: dict(name) }, ctx)));
    expect(saved.map((s) => s.version).sort()).toEqual([before + 1, before + 2, before + 3]);
    const last = (await versions()).at(-1);
    expect(last.snapshot.filter((d: { kind: string }) => d.kind === 'dictionary')).toHaveLength(3);
  });

  it('validates against the lower layers it is given (installed plugins)', async () => {
    const plugin = { source: 'plugin:sales', documents: [{ kind: 'entity' as const, name: 'account', label: label('Customer', '客户'), fields: { name: { type: 'text' } } }] };
    const withPlugin = { ...ctx, lowerLayers: [plugin] };
    const doc = { kind: 'entity', name: 'account', fields: { wechat: { type: 'text' } } };
    await expect(saveTenantDocument({ kind: 'entity', name: 'account', doc }, withPlugin)).resolves.toMatchObject({ doc });
    const alone = await saveTenantDocument({ kind: 'entity', name: 'account', doc: { ...doc, fields: { wechat: { type: 'text', colour: 1 } } } }, ctx).catch((e) => e);
    expect(alone.status).toBe(400);
  });
});
