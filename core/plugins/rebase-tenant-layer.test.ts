import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../metadata/types.js';
import { rebaseTenantLayer } from './rebase-tenant-layer.js';

const entity = (name: string, id: string, fields: Record<string, object>): MetadataDocument => ({ kind: 'entity', name, id, label: { en: name, 'zh-CN': name }, fields });

const v1: MetadataDocument[] = [
  entity('customer', 'e1', { name: { id: 'f1', type: 'text' }, tel: { id: 'f2', type: 'phone' }, fax: { id: 'f3', type: 'text' } }),
  entity('contact', 'e2', { customer: { id: 'f4', type: 'reference', entity: 'customer' }, name: { id: 'f5', type: 'text' } }),
  { kind: 'view', name: 'old_view', id: 'v1', entity: 'customer', columns: ['name'] },
];
const v2: MetadataDocument[] = [
  entity('client', 'e1', { name: { id: 'f1', type: 'text' }, phone: { id: 'f2', type: 'phone' }, region: { id: 'f9', type: 'text' } }),
  entity('contact', 'e2', { client: { id: 'f4', type: 'reference', entity: 'client' }, name: { id: 'f5', type: 'text' } }),
];

describe('rebaseTenantLayer', () => {
  it('follows renamed entities and fields by stable id and keeps the tenant own fields', () => {
    const tenant: MetadataDocument[] = [
      { kind: 'entity', name: 'customer', fields: { tel: { label: { en: 'Phone', 'zh-CN': '电话' } }, wechat: { id: 't1', type: 'text' }, fax: { required: true } } },
      { kind: 'view', name: 'my_contacts', entity: 'contact', columns: ['name', 'customer.tel', { field: 'customer.name' }], sort: [{ field: 'customer.tel' }] },
      { kind: 'form', name: 'my_customer', entity: 'customer', sections: [{ name: 's', fields: ['tel', { field: 'wechat' }], relatedList: { entity: 'contact', field: 'customer', columns: ['name'] } }] },
    ];
    const { documents, conflicts, notes } = rebaseTenantLayer({ plugin: 'p', before: v1, after: v2, tenant });
    expect(conflicts).toEqual([]);
    expect(documents[0]).toEqual({ kind: 'entity', name: 'client', fields: { phone: { label: { en: 'Phone', 'zh-CN': '电话' } }, wechat: { id: 't1', type: 'text' } } });
    expect(documents[1]).toMatchObject({ entity: 'contact', columns: ['name', 'client.phone', { field: 'client.name' }], sort: [{ field: 'client.phone' }] });
    expect(documents[2]).toMatchObject({ entity: 'client', sections: [{ fields: ['phone', { field: 'wechat' }], relatedList: { entity: 'contact', field: 'client' } }] });
    expect(notes.some((n) => n.includes('"fax"'))).toBe(true);
    expect(tenant[0].name).toBe('customer');
  });

  it('reports every conflict: a tenant field the plugin now adds, a removed document, a taken name', () => {
    const tenant: MetadataDocument[] = [
      { kind: 'entity', name: 'customer', fields: { region: { id: 't2', type: 'text' } } },
      { kind: 'view', name: 'old_view', label: { en: 'Mine', 'zh-CN': '我的' } },
    ];
    const { conflicts } = rebaseTenantLayer({ plugin: 'p', before: v1, after: v2, tenant });
    expect(conflicts).toEqual([
      { document: 'entity/customer', field: 'region', message: 'plugin "p" adds a field "region", a name the tenant\'s own field already has' },
      { document: 'view/old_view', message: 'plugin "p" no longer has this view; remove the tenant\'s customisation of it first' },
    ]);
    const taken = rebaseTenantLayer({ plugin: 'p', before: v1, after: v2, tenant: [{ kind: 'entity', name: 'customer', fields: {} }, entity('client', 'x', {})] });
    expect(taken.conflicts[0]).toMatchObject({ document: 'entity/customer', message: expect.stringContaining('"client"') });
  });

  it('changes nothing when the plugin renames nothing', () => {
    const tenant: MetadataDocument[] = [{ kind: 'entity', name: 'contact', fields: { name: { required: true } } }];
    expect(rebaseTenantLayer({ plugin: 'p', before: v2, after: v2, tenant })).toEqual({ documents: tenant, notes: [], conflicts: [] });
  });
});
