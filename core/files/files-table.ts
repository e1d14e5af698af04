/**
 * What ties a stored file to the record and field it is attached to, and how long files
 * no record holds are kept. The DDL is one script (idempotent, run as the tenant's role
 * inside its schema): new tenants get it right after `_files` is made, existing tenants
 * through engine migration 008.
 */

/** How long an upload may stay unattached (never saved into a record) before the sweep deletes it: 24 hours. */
export const UNATTACHED_FILE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a file dropped from its field is kept (its bytes serve undo and history)
 * before the sweep deletes it: 30 days. Re-attaching it to the same record and field
 * within that time keeps it.
 */
export const DETACHED_FILE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Columns of `_files` that say where a file belongs:
 * - `entity`, `field`: the attachment field it was uploaded for, then the one it is attached to;
 * - `record_id`: the record holding it; null while the upload is not attached (then only its
 *   uploader, `created_by`, may read or attach it);
 * - `attached_at`: when it was first attached; `detached_at`: when its field dropped it (null while held).
 * Indexes serve the record's files, and the sweep of unattached and detached files.
 */
export const FILE_ATTACHMENT_DDL = `alter table _files add column if not exists entity text;
alter table _files add column if not exists field text;
alter table _files add column if not exists record_id uuid;
alter table _files add column if not exists attached_at timestamptz;
alter table _files add column if not exists detached_at timestamptz;
create index if not exists _files_record on _files (entity, record_id, field);
create index if not exists _files_unattached on _files (created_at) where record_id is null;
create index if not exists _files_detached on _files (detached_at) where detached_at is not null;
`;

/**
 * For tenants that stored files before attachments were tracked: a file an attachment
 * value already names (any jsonb column of an entity table holding `{"id": <file id>}`,
 * alone or in a list) becomes attached to that record and column. Files named by no record
 * stay unattached and go with the sweep. Run once, after FILE_ATTACHMENT_DDL.
 */
export const ATTACH_STORED_FILES = `do $$
declare c record;
begin
  for c in select k.table_name, k.column_name from information_schema.columns k
    where k.table_schema = current_schema() and k.data_type = 'jsonb' and k.table_name not like '\\_%'
      and exists (select 1 from information_schema.columns i where i.table_schema = k.table_schema and i.table_name = k.table_name and i.column_name = 'id' and i.data_type = 'uuid')
  loop
    execute format(
      'update _files f set entity = %L, field = %L, record_id = t.id, attached_at = now()
         from %I t, jsonb_array_elements(case jsonb_typeof(t.%I) when ''array'' then t.%I when ''object'' then jsonb_build_array(t.%I) else ''[]''::jsonb end) e
        where f.record_id is null and jsonb_typeof(e) = ''object'' and e->>''id'' = f.id::text',
      c.table_name, c.column_name, c.table_name, c.column_name, c.column_name, c.column_name);
  end loop;
end $$`;
