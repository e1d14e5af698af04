/** Field types the engine computes: shown, never written. */
export const COMPUTED_TYPES: ReadonlySet<string> = new Set(['formula', 'rollup', 'auto_number']);
/** Field types this form cannot edit (they get the read-only fallback widget). */
export const UNEDITABLE_TYPES: ReadonlySet<string> = new Set(['many_to_many']);
/** Columns every record has besides its fields. */
export const SYSTEM_KEYS: ReadonlySet<string> = new Set(['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'deleted_at']);
