import type { EntityDocument } from '../metadata/types.js';
import { fieldOf } from './entity-fields.js';
import type { RecordData } from './types.js';

/** Record values as column values: json and attachment fields as JSON text (a list would otherwise become a Postgres array). */
export const toColumns = (entity: EntityDocument, values: RecordData): RecordData =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      const type = fieldOf(entity, k)?.type;
      return [k, (type === 'json' || type === 'attachment') && v !== null && v !== undefined ? JSON.stringify(v) : v];
    }),
  );
