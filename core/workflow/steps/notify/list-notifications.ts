import { notFound } from '../../../errors.js';
import type { RecordContext } from '../../../records/index.js';

/** The signed-in user's notifications, newest first, with the unread count (the bell). */
export const listNotifications = async (q: { unread?: boolean }, ctx: RecordContext) => {
  const mine = () => ctx.db('_notifications').where({ user_id: ctx.actor.id });
  const data = await mine().modify((m) => (q.unread ? m.whereNull('read_at') : m)).orderBy('id', 'desc').limit(100).select('id', 'title', 'body', 'entity', 'record_id', 'run_id', 'read_at', 'created_at');
  const unread = Number((await mine().whereNull('read_at').count('* as n').first())?.n ?? 0);
  return { data, unread };
};

/** Marks one of the user's notifications read (404 for anyone else's). */
export const markNotificationRead = async (id: string, ctx: RecordContext): Promise<void> => {
  const n = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.db('_notifications').where({ id, user_id: ctx.actor.id }).update({ read_at: ctx.db.fn.now() }) : 0;
  if (!n) throw notFound('No such notification');
};
