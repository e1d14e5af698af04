import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from '../metadata/types.js';
import { parkCustomisations, restoreCustomisations } from './park-customisations.js';

const plugin: MetadataDocument[] = [
  { kind: 'entity', name: 'customer', fields: {} },
  { kind: 'view', name: 'customer_all', entity: 'customer', columns: [] },
];

const tenant: MetadataDocument[] = [
  { kind: 'entity', name: 'customer', fields: { wechat: { type: 'text' } } },
  { kind: 'view', name: 'my_customers', entity: 'customer', columns: ['name'] },
  { kind: 'role', name: 'sales', entities: { customer: { read: 'all' }, deal: { read: 'own' } } },
  { kind: 'entity', name: 'deal', fields: { title: { type: 'text' }, customer: { type: 'reference', entity: 'customer' } } },
  { kind: 'view', name: 'deal_all', entity: 'deal', columns: ['title'] },
];

describe('parking customisations of an uninstalled plugin', () => {
  it('sets aside overlays, bound documents, role entries and fields pointing at its entities', () => {
    const { kept, parked } = parkCustomisations(tenant, plugin);
    expect(kept).toEqual([
      { kind: 'role', name: 'sales', entities: { deal: { read: 'own' } } },
      { kind: 'entity', name: 'deal', fields: { title: { type: 'text' } } },
      { kind: 'view', name: 'deal_all', entity: 'deal', columns: ['title'] },
    ]);
    expect(parked.map((p) => p.type)).toEqual(['document', 'document', 'role_entry', 'field']);
  });

  it('restores everything as it was', () => {
    const { kept, parked } = parkCustomisations(tenant, plugin);
    const restored = restoreCustomisations(kept, parked);
    expect(restored.conflicts).toEqual([]);
    const byKey = (docs: MetadataDocument[]) => Object.fromEntries(docs.map((d) => [`${d.kind}/${d.name}`, d]));
    expect(byKey(restored.documents)).toEqual(byKey(tenant));
  });

  it('reports places taken in the meantime', () => {
    const { kept, parked } = parkCustomisations(tenant, plugin);
    const meanwhile = [...kept.map((d) => (d.name === 'deal' ? { ...d, fields: { ...(d.fields as object), customer: { type: 'text' } } } : d)), { kind: 'view', name: 'my_customers', entity: 'deal', columns: [] } as MetadataDocument];
    expect(restoreCustomisations(meanwhile, parked).conflicts).toEqual([
      { document: 'view/my_customers', message: expect.stringContaining('its own document') },
      { document: 'entity/deal', field: 'customer', message: expect.stringContaining('added again') },
    ]);
  });
});
