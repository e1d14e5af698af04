import type { Knex } from 'knex';
import { ENGINE_TOPICS, type EventAudience, type NewEvent } from './types.js';

const TOPIC = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

const validAudience = (a: EventAudience): boolean => {
  if ('user' in a) return typeof a.user === 'string' && a.user.length > 0;
  if ('users' in a) return Array.isArray(a.users) && a.users.every((u) => typeof u === 'string');
  if ('role' in a) return typeof a.role === 'string' && a.role.length > 0;
  if ('record' in a) return typeof a.record?.entity === 'string' && typeof a.record?.id === 'string';
  return false;
};

/**
 * Publishes an event in the caller's tenant transaction: a row in `_events`, which the
 * commit numbers (seq) and announces by NOTIFY. Rolled back with the transaction (or its
 * savepoint), it is never seen. Readers are filtered when it is sent, not here.
 */
export const publishEvent = async (event: NewEvent, ctx: { db: Knex.Transaction }): Promise<void> => {
  if (!TOPIC.test(event.topic) || event.topic.length > 100) throw new Error(`An event topic is lowercase words joined by dots, got "${event.topic}"`);
  if (!validAudience(event.audience)) throw new Error(`An event's audience is {user}, {users}, {role} or {record: {entity, id}}, got ${JSON.stringify(event.audience)}`);
  if ('users' in event.audience && !event.audience.users.length) return;
  await ctx.db('_events').insert({ topic: event.topic, audience: JSON.stringify(event.audience), data: JSON.stringify(event.data ?? {}) });
};

/**
 * A plugin's publish: any topic but the engine's own (`record.changed`, `notification`,
 * `approval.requested`), so a plugin cannot pass for the engine. Readers are filtered when
 * the event is sent (a record audience through the record service as each reader).
 */
export const publishPluginEvent = async (event: NewEvent, ctx: { db: Knex.Transaction }): Promise<void> => {
  if ((ENGINE_TOPICS as readonly string[]).includes(event.topic)) throw new Error(`"${event.topic}" is an engine topic; a plugin publishes topics of its own`);
  await publishEvent(event, ctx);
};
