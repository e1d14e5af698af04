import { copyRecords, createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../records/index.js';
import type { RecordContext } from '../records/types.js';
import { aggregateRecords } from '../reports/index.js';
import type { RouteRecords } from '../plugins/plugin-api.js';

/** The record service bound to one unit of work: what a plugin route reads and writes through. */
export const routeRecords = (rctx: RecordContext): RouteRecords => ({
  list: (entity, query = {}) => listRecords(entity, query, rctx),
  get: (entity, id, opts = {}) => getRecord(entity, id, rctx, opts),
  create: (entity, data) => createRecord(entity, data, rctx),
  update: (entity, id, patch, opts = {}) => updateRecord(entity, id, patch, rctx, opts),
  delete: (entity, id, opts = {}) => deleteRecord(entity, id, rctx, opts),
  aggregate: (query) => aggregateRecords(query, rctx),
  copy: (query) => copyRecords(query, rctx),
});
