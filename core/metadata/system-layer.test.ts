import { describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers.js';
import { systemLayer } from './system-layer.js';

describe('system layer', () => {
  it('holds the engine documents, valid on their own, with labels in both languages', () => {
    const layer = systemLayer();
    expect(layer.documents.map((d) => `${d.kind}/${d.name}`)).toEqual(expect.arrayContaining(['entity/team', 'dictionary/currency', 'dictionary/priority']));
    expect(layer.files?.['entity/team']).toBe('metadata/system/entities/team.json');
    expect(checkLayers([layer]).problems).toEqual([]);
    for (const doc of layer.documents) {
      expect(doc.$schema, doc.name).toMatch(/^\.\.\/\.\.\/schemas\/\w+\.schema\.json$/);
      expect(doc.label).toEqual({ en: expect.any(String), 'zh-CN': expect.any(String) });
    }
  });
});
