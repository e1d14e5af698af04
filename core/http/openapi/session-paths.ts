import { idParam, listOf, noContent, ok, op, pathParam, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const sessionSummary: Schema = {
  type: 'object',
  required: ['id', 'userAgent', 'ip', 'createdAt', 'lastSeenAt', 'expiresAt', 'current'],
  properties: {
    id: { type: 'string', description: "The session's id (a digest; never the token)" },
    userAgent: { type: ['string', 'null'], description: 'The device: the User-Agent it signed in with' },
    ip: { type: ['string', 'null'], description: 'The address it signed in from' },
    createdAt: { type: 'string', format: 'date-time' },
    lastSeenAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    current: { type: 'boolean', description: 'The session of this request' },
  },
};

/** One's own sessions, and a tenant admin's forced sign-out of a user. */
export const sessionPaths = (): Paths => ({
  '/api/auth/sessions': {
    get: op('list_my_sessions', 'Auth', 'Your active sessions, the most recently used first', { 200: ok('Sessions', listOf(sessionSummary)) }, SIGNED_IN),
  },
  '/api/auth/sessions/{id}': {
    parameters: [pathParam('id', { type: 'string', maxLength: 100 })],
    delete: op('end_my_session', 'Auth', 'Sign one of your sessions out', { 204: noContent }, WRITES),
  },
  '/api/users/{id}/sessions': {
    parameters: [idParam],
    get: op('list_user_sessions', 'Users', "A user's active sessions (tenant admins)", { 200: ok('Sessions', listOf(sessionSummary)) }, SIGNED_IN),
    delete: op('end_user_sessions', 'Users', 'Sign a user out everywhere (tenant admins)', {
      200: ok('How many sessions ended', { type: 'object', required: ['ended'], properties: { ended: { type: 'integer' } } }),
    }, WRITES),
  },
});
