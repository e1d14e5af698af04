import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from './types.js';
import { checkLayers } from './check-layers.js';
import { label, sampleDocuments } from './test-fixtures.js';

const plugin = { source: 'plugin:sales', documents: sampleDocuments(), files: { 'entity/account': 'plugins/sales/entities/account.json' } };

describe('checkLayers', () => {
  it('passes a consistent plugin with a tenant overlay and a tenant entity', () => {
    const tenant = {
      source: 'tenant',
      documents: [
        { kind: 'entity', name: 'account', fields: { wechat: { type: 'text' }, grade: { label: label('Level', '级别') } } },
        { kind: 'entity', name: 'visit', label: label('Visit', '拜访'), fields: { account: { type: 'reference', entity: 'account' } } },
        { kind: 'view', name: 'big_orders', columns: ['amount'] },
      ] as MetadataDocument[],
    };
    const { problems, meta } = checkLayers([plugin, tenant]);
    expect(problems).toEqual([]);
    expect(meta.entities.account.fields.wechat).toEqual({ type: 'text' });
  });

  it('validates overlays in overlay mode, then the merged document in full, naming the file that wrote each part', () => {
    const tenant = {
      source: 'tenant',
      documents: [
        { kind: 'entity', name: 'account', fields: { parent: { type: 'reference' }, wechat: { type: 'text', colour: 1 } }, titleField: 'nickname' },
        { kind: 'entity', name: 'visit', fields: { account: { type: 'reference', entity: 'accounts' } } },
      ] as MetadataDocument[],
    };
    expect(checkLayers([plugin, tenant]).problems).toEqual(
      expect.arrayContaining([
        { file: 'tenant:entity/account', pointer: '/fields/wechat/colour', message: 'is not an allowed property for type "text"' },
        { file: 'tenant:entity/account', pointer: '/fields/parent/entity', message: 'is required' },
        { file: 'tenant:entity/account', pointer: '/titleField', message: 'field "nickname" does not exist' },
        { file: 'tenant:entity/visit', pointer: '/fields/account/entity', message: 'entity "accounts" does not exist' },
      ]),
    );
  });

  it('attributes a problem in a part the plugin wrote to the plugin file', () => {
    const broken = sampleDocuments().map((d) => (d.name === 'account' && d.kind === 'entity' ? { ...d, titleField: 'nope' } : d));
    const problems = checkLayers([{ ...plugin, documents: broken }, { source: 'tenant', documents: [{ kind: 'entity', name: 'account', fields: { x: { type: 'text' } } } as MetadataDocument] }]).problems;
    expect(problems).toEqual([{ file: 'plugins/sales/entities/account.json', pointer: '/titleField', message: 'field "nope" does not exist' }]);
  });
});
