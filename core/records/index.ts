/**
 * The record service: CRUD over metadata-defined entities inside a tenant transaction,
 * with validation from metadata, formulas and roll-ups computed by the database,
 * auto-numbers, optimistic versions, the recycle bin, search, keyset pages and history.
 */
export type { Actor, Door, HistoryAction, HistoryEntry, ListQuery, ListResult, RecordAction, RecordContext, RecordData, RecordEvent, RecordHooks } from './types.js';
export { createRecord } from './create-record.js';
export { assertRecordRight, getRecord, hasRecordRight } from './get-record.js';
export { listRecords, MAX_LIMIT as MAX_LIST_LIMIT } from './list-records.js';
export { accessOf, readsEntity } from './access.js';
export { readersAmong } from './record-readers.js';
export { withSystemRights } from './system-rights.js';
export { ownOrShared, ownOrSharedFilter } from './own-or-shared.js';
export { copyRecords, type CopyQuery, type CopyResult } from './copy-records.js';
export { scopedSelect, type SelectPath } from './scoped-select.js';
export { updateRecord } from './update-record.js';
export { deleteRecord, restoreRecord } from './delete-record.js';
export { recordHistory } from './record-history.js';
export { readAsItWas } from './read-as-it-was.js';
export { idsSelected } from './ids-selected.js';
export { translatePgError } from './translate-pg-error.js';
export { recordScope, newQueryState, joinsSql, type QueryState } from './record-scope.js';
export { patternProblem, MAX_PATTERN_LENGTH } from './safe-pattern.js';
export { explainAccess, type AccessExplanation } from './explain-access.js';
export { writeHistory } from './write-history.js';
export { checkStateFields, lifecyclesOf, type StateChange } from './state-fields.js';
export { ruleData } from './validate-write.js';
export { runBatch, parseBatch, BatchRolledBack, MAX_BATCH_ITEMS, type BatchItem, type BatchResult } from './batch-records.js';
export { upsertRecord, isKeyField, type UpsertInput } from './upsert-record.js';
export { addShare, listShares, parseShare, removeShare, type RecordShare, type ShareAccess, type ShareInput } from './record-shares.js';
export { purgeRecord, recycleBinDays, DEFAULT_RECYCLE_BIN_DAYS, type PurgedRecord } from './purge-record.js';
export { purgeAllRecycleBins, purgeExpiredRecords, type PurgeLimits, type TenantPurge } from './purge-expired.js';
export { findDuplicates, duplicatePairs, MAX_PAIRS_PAGE, type DuplicateCandidate, type DuplicatePair } from './find-duplicates.js';
export { mergeRecords, undoMerge, type MergeInput, type MergeResult } from './merge-records.js';
export { searchEverywhere, type FoundRecord, type SearchGroup } from './search-everywhere.js';
export { noteRecentView, recentViewInput, recentViews, type RecentRecord } from './recent-views.js';
