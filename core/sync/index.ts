/**
 * core/sync: what devices keep for offline work. Entities opt in with an `offline` section
 * (a json-logic filter and a cap); `readChanges` pages through a user's working set, then
 * through the record changes since, in commit order (the `_changes` table, numbered by the
 * live events' commit trigger), everything read through the record service.
 */
export { readChanges, DEFAULT_SYNC_LIMIT, MAX_SYNC_LIMIT, type SyncChange, type SyncPage } from './read-changes.js';
export { offlineEntities, DEFAULT_OFFLINE_MAX, type OfflineEntity } from './offline-entities.js';
