import type { Knex } from 'knex';

export interface Change {
  entity: string;
  record: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
}

/** The history rows written after `mark` in this transaction: what the steps changed so far. */
export const changesSince = async (db: Knex.Transaction, mark: number): Promise<{ changes: Change[]; mark: number }> => {
  const rows: { id: number; entity: string; record_id: string; action: string; changes: Change['changes'] }[] = await db('_history').where('id', '>', mark).orderBy('id').select('id', 'entity', 'record_id', 'action', 'changes');
  return { changes: rows.map((r) => ({ entity: r.entity, record: r.record_id, action: r.action, changes: r.changes })), mark: rows.length ? Number(rows[rows.length - 1].id) : mark };
};

export const historyMark = async (db: Knex.Transaction): Promise<number> => Number((await db('_history').max('id as id').first())?.id ?? 0);
