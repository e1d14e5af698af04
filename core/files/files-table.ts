/**
 * How long files no record holds are kept. The columns that tie a stored file to the
 * record and field it is attached to are the tenant schema ladder's rung 007
 * (core/db/tenant-schema/007-file-attachments.ts).
 */

/** How long an upload may stay unattached (never saved into a record) before the sweep deletes it: 24 hours. */
export const UNATTACHED_FILE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a file dropped from its field is kept (its bytes serve undo and history)
 * before the sweep deletes it: 30 days. Re-attaching it to the same record and field
 * within that time keeps it.
 */
export const DETACHED_FILE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
