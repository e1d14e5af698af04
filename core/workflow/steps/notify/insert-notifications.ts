import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { publishEvent } from '../../../events/index.js';

export interface NewNotification {
  title: string;
  body?: string | null;
  entity?: string | null;
  recordId?: string | null;
  runId?: string | null;
}

/** Writes one notification per user into the tenant's `_notifications`, and the live event `notification` for those users. */
export const insertNotifications = async (db: Knex.Transaction, users: string[], n: NewNotification): Promise<void> => {
  if (!users.length) return;
  await db('_notifications').insert(users.map((user) => ({ id: uuidv7(), user_id: user, title: n.title, body: n.body ?? null, entity: n.entity ?? null, record_id: n.recordId ?? null, run_id: n.runId ?? null })));
  await publishEvent({ topic: 'notification', audience: { users }, data: { title: n.title, entity: n.entity ?? null, recordId: n.recordId ?? null } }, { db });
};
