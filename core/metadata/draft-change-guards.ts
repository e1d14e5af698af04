import { refuseFieldsInUse } from './fields-in-use.js';
import { mergeLayers, type MetadataLayer } from './merge-layers.js';
import { refuseOverLimits } from './metadata-limits.js';
import { tenantLayer } from './tenant-store.js';
import type { MetadataDocument } from './types.js';

/**
 * What a change of the tenant's working layer may not do, before its documents are checked:
 * take away an entity field the layer still uses (409 FIELD_IN_USE) or go past a published
 * limit (422 LIMIT_EXCEEDED).
 */
export const guardDraftChange = (lower: MetadataLayer[], before: MetadataDocument[], after: MetadataDocument[]): void => {
  const was = mergeLayers([...lower, tenantLayer(before)]).meta;
  const now = mergeLayers([...lower, tenantLayer(after)]).meta;
  refuseFieldsInUse(was, now);
  refuseOverLimits(was, now);
};
