import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

export const version = 7;
export const name = 'file-attachments';
export const description = 'which record and field each stored file belongs to (_files.entity, field, record_id, attached_at, detached_at), read by core/files';

/**
 * Columns of `_files` that say where a file belongs:
 * - `entity`, `field`: the attachment field it was uploaded for, then the one it is attached to;
 * - `record_id`: the record holding it; null while the upload is not attached (then only its
 *   uploader, `created_by`, may read or attach it);
 * - `attached_at`: when it was first attached; `detached_at`: when its field dropped it (null while held).
 * Indexes serve the record's files, and the sweep of unattached and detached files.
 */
const DDL = `alter table _files add column if not exists entity text;
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
 * stay unattached and go with the sweep. A no-op for a new tenant.
 */
const ATTACH_STORED_FILES = `do $$
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

export const up = async (trx: Knex.Transaction): Promise<void> => {
  await execScript(trx, DDL);
  await trx.raw(ATTACH_STORED_FILES);
};
