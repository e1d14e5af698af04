import type { Knex } from 'knex';

export const version = 19;
export const name = 'history-commit-order';
export const description = 'the transaction that wrote each record history row (_history.xact), so the change feed of core/sync judges rows by commit, not by id';

/**
 * `_history.xact`: the id of the transaction that wrote the row (`pg_current_xact_id()`,
 * 64-bit, never wraps). History ids are numbered at insert, so a long transaction can
 * commit a row numbered below one committed before it; the change feed (core/sync) keeps
 * the snapshot a device was caught up at and asks which rows it could not see
 * (`pg_visible_in_snapshot`), which is commit order. Rows written before this rung have
 * no `xact` and count as seen by every device. The default is set apart from the column,
 * so existing rows are not rewritten. `if not exists`, as a climb from an earlier recorded
 * version runs the rungs after it again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('alter table _history add column if not exists xact xid8');
  await trx.raw('alter table _history alter column xact set default pg_current_xact_id()');
};
