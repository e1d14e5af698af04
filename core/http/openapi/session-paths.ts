import { idParam, listOf, noContent, ok, op, pathParam, queryParam, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

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

const auditEntry: Schema = {
  type: 'object',
  required: ['id', 'at', 'actorId', 'actorName', 'action', 'target', 'ip', 'details'],
  properties: {
    id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, actorId: { type: ['string', 'null'] }, actorName: { type: ['string', 'null'] },
    action: { type: 'string', description: 'e.g. auth.login, auth.login_failed, user.update, auth.sessions_revoked' }, target: { type: ['string', 'null'] },
    ip: { type: ['string', 'null'], description: 'Where from, when the entry knows it' }, details: { type: 'object' },
  },
};

/** One's own sessions, a tenant admin's forced sign-out of a user, and the tenant's audit log. */
export const sessionPaths = (): Paths => ({
  '/api/audit': {
    get: op('read_audit_log', 'Users', "The tenant's audit log, newest first (tenant admins)", {
      200: ok('A page of entries', { type: 'object', required: ['data', 'nextCursor'], properties: { data: { type: 'array', items: auditEntry }, nextCursor: { type: ['string', 'null'] } } }),
    }, SIGNED_IN, {
      parameters: [
        queryParam('actor', { type: 'string', format: 'uuid' }, 'Only what this user did'),
        queryParam('action', { type: 'string' }, 'An action (auth.login), a family with a trailing dot (auth.), or one verb of every family with a leading dot (.export: every export)'),
        queryParam('from', { type: 'string' }, 'From this instant (ISO date or date-time)'),
        queryParam('to', { type: 'string' }, 'Before this instant'),
        queryParam('cursor', { type: 'string' }, 'nextCursor of the page before'),
        queryParam('limit', { type: 'integer', minimum: 1, maximum: 200 }, 'Entries per page (50)'),
      ],
    }),
  },
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
