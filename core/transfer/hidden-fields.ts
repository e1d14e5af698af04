import type { EntityDocument } from '../metadata/types.js';
import { accessOf } from '../records/access.js';
import type { RecordContext } from '../records/types.js';

/** Fields of an entity the actor may not see; for them a CSV column is as unknown as for the record service. */
export type HiddenFields = (entity: EntityDocument) => ReadonlySet<string>;

export const hiddenFieldsOf = (ctx: RecordContext): HiddenFields => (entity) => accessOf(entity, ctx).hidden;
