import { describe, expect, it } from 'vitest';
import { dependantLink } from './dependant-link.js';

describe('links from a field\'s uses to their editors', () => {
  it('opens the page that edits each kind of document', () => {
    const use = { usage: 'view_column', access: 'read' as const };
    expect(dependantLink({ ...use, kind: 'view', name: 'open_deals', entity: 'deal' })).toBe('/studio/entities/deal/views');
    expect(dependantLink({ ...use, kind: 'lifecycle', name: 'deal_flow', entity: 'deal' })).toBe('/studio/entities/deal/lifecycles/deal_flow');
    expect(dependantLink({ ...use, kind: 'workflow', name: 'grow' })).toBe('/studio/workflows/grow');
    expect(dependantLink({ ...use, kind: 'entity', name: 'deal', entity: 'deal' })).toBe('/studio/entities/deal');
    expect(dependantLink({ ...use, kind: 'report', name: 'by_region', entity: 'deal' })).toBe('/app/pivot/by_region');
    expect(dependantLink({ ...use, kind: 'dictionary', name: 'x' })).toBeUndefined();
  });
});
