import type { EventAudience } from './types.js';

/**
 * Whether a reader is in an event's audience by who they are: `true`/`false`, or
 * `'record'` when it depends on whether they may read the record (the caller asks the
 * record service as that reader).
 */
export const inAudience = (audience: EventAudience, reader: { userId: string; roles: readonly string[] }): boolean | 'record' => {
  if ('user' in audience) return audience.user === reader.userId;
  if ('users' in audience) return audience.users.includes(reader.userId);
  if ('role' in audience) return reader.roles.includes(audience.role);
  if ('record' in audience) return 'record';
  return false;
};
