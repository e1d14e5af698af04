import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLayers } from '../../metadata/check-layers.js';
import { formatProblem } from '../../metadata/problem.js';
import { systemLayer } from '../../metadata/system-layer.js';
import type { MetadataDocument } from '../../metadata/types.js';

const GUIDE = new URL('../../../docs/guide-property-management.md', import.meta.url);

/** The metadata documents the guide shows, as a reader would save them. */
const guideDocuments = (): MetadataDocument[] =>
  [...readFileSync(GUIDE, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as MetadataDocument).filter((d) => typeof d.kind === 'string');

describe('docs/guide-property-management.md', () => {
  it('shows a whole module that passes the metadata check as a tenant layer', () => {
    const documents = guideDocuments();
    expect(documents.map((d) => `${d.kind}/${d.name}`)).toEqual([
      'entity/property', 'entity/unit', 'entity/lease', 'entity/payment', 'lifecycle/lease_flow', 'workflow/rent_reminder', 'role/landlord', 'report/rent_roll', 'dashboard/rentals_overview',
    ]);
    const { problems } = checkLayers([systemLayer(), { source: 'tenant', documents }]);
    expect(problems.map(formatProblem)).toEqual([]);
  });
});
