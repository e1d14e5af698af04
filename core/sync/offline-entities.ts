import type { EntityDocument } from '../metadata/types.js';
import { readsEntity, type RecordContext } from '../records/index.js';

/** Records of one entity a device keeps by default when its `offline.max` says nothing. */
export const DEFAULT_OFFLINE_MAX = 500;

export interface OfflineEntity {
  entity: EntityDocument;
  filter: unknown;
  max: number;
}

/** The entities whose `offline` section puts records on the devices of this actor: those it may read at all. */
export const offlineEntities = (ctx: RecordContext): OfflineEntity[] =>
  Object.values(ctx.meta.entities)
    .filter((e) => e.offline && readsEntity(e, ctx))
    .map((e) => ({ entity: e, filter: e.offline?.filter, max: e.offline?.max ?? DEFAULT_OFFLINE_MAX }))
    .sort((a, b) => a.entity.name.localeCompare(b.entity.name));
