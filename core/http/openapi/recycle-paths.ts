import type { EntityDocument } from '../../metadata/types.js';
import { idParam, noContent, op, WRITES, type Paths } from './shared.js';

/** Purging one record of an entity from the recycle bin (tenant admins, after the retention window). */
export const recyclePaths = (entity: EntityDocument, tag: string): Paths => ({
  [`/api/records/${entity.name}/{id}/purge`]: {
    parameters: [idParam],
    post: op(`purge_${entity.name}`, tag, `Destroy a ${entity.name} that has been in the recycle bin longer than the retention window (tenant admins; 409 before it)`, { 204: noContent }, WRITES),
  },
});
