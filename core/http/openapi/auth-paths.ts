import { body, idParam, listOf, noContent, ok, op, PUBLIC, ref, SIGNED_IN, WRITES, type Paths, type Schema } from './shared.js';

const session: Schema = {
  type: 'object',
  required: ['token', 'csrfToken', 'expiresAt', 'user', 'tenant'],
  properties: {
    token: { type: 'string', description: 'Send as Authorization: Bearer (the crm_session cookie is set too)' },
    csrfToken: { type: 'string', description: 'Send as X-CSRF-Token with cookie-authenticated writes' },
    expiresAt: { type: 'string', format: 'date-time' },
    user: ref('Actor'),
    tenant: ref('TenantSummary'),
    twoFactorEnrolmentRequired: { type: 'boolean', const: true, description: 'A role requires two-factor sign-in and it is not set up: this session reaches only /api/auth/2fa, /api/auth/me and sign-out until it is' },
  },
};

const code = { type: 'string', maxLength: 64, description: 'The 6-digit code of the authenticator app, or a recovery code' } as const;

const me: Schema = {
  type: 'object',
  required: ['user', 'tenant', 'via'],
  properties: { user: ref('Actor'), tenant: ref('TenantSummary'), csrfToken: { type: 'string' }, via: { type: 'string', description: 'How the request authenticated: bearer, cookie or api_key' }, twoFactorEnrolmentRequired: { type: 'boolean', const: true, description: 'The session reaches only the two-factor enrolment until it is done' } },
};

const newUser: Schema = {
  type: 'object',
  required: ['email', 'password', 'name'],
  properties: {
    email: { type: 'string', format: 'email' }, password: { type: 'string', description: 'Checked against the password policy' }, name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } }, team: { type: ['string', 'null'] }, isAdmin: { type: 'boolean' }, locale: { type: 'string', enum: ['en', 'zh-CN'] },
    manager: { type: ['string', 'null'], format: 'uuid', description: 'The user\'s manager (a user id); no cycles' },
  },
};

const userChanges: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' }, password: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, team: { type: ['string', 'null'] },
    isAdmin: { type: 'boolean' }, locale: { type: 'string', enum: ['en', 'zh-CN'] }, active: { type: 'boolean', description: 'false signs the user out everywhere' },
    manager: { type: ['string', 'null'], format: 'uuid', description: 'The user\'s manager (a user id); no cycles' },
  },
};

const newKey: Schema = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string', enum: ['read'] }, description: '["read"]: a key that may only read' } },
};

/** Sign-in, users (tenant admins) and the user's API keys. */
export const authPaths = (): Paths => ({
  '/api/auth/login': {
    post: op('login', 'Auth', 'Sign in', { 200: ok('Signed in (the crm_session cookie is set)', session) }, [400, 401, 429], {
      description: 'For a user who signs in with two factors a right password answers 401 with code TWO_FACTOR_REQUIRED and a `challenge` (and its `expiresAt`) in the problem: complete the sign-in at POST /api/auth/2fa/verify with the challenge and a code.',
      ...PUBLIC,
      ...body({ type: 'object', required: ['tenant', 'email', 'password'], properties: { tenant: { type: 'string', description: 'The tenant slug' }, email: { type: 'string' }, password: { type: 'string' } } }),
    }),
  },
  '/api/auth/2fa': {
    get: op('two_factor_status', 'Auth', 'Whether two-factor sign-in is on for you', {
      200: ok('Status', { type: 'object', required: ['enabled', 'pending', 'recoveryCodesLeft'], properties: { enabled: { type: 'boolean' }, pending: { type: 'boolean' }, recoveryCodesLeft: { type: 'integer' } } }),
    }, [401, 403]),
  },
  '/api/auth/2fa/setup': {
    post: op('two_factor_setup', 'Auth', 'Start enrolling an authenticator app (signed in with a session)', {
      200: ok('The secret to enrol', { type: 'object', required: ['otpauthUrl', 'secret'], properties: { otpauthUrl: { type: 'string', description: 'otpauth://totp/… for a QR code' }, secret: { type: 'string', description: 'The same secret in base32, to type in' } } }),
    }, [401, 403, 409]),
  },
  '/api/auth/2fa/verify': {
    post: op('two_factor_verify', 'Auth', 'Signed in: confirm enrolment with a code (answers the recovery codes, once). With a challenge: complete a sign-in', {
      200: ok('Enrolled, or signed in', { oneOf: [
        { type: 'object', required: ['enabled', 'recoveryCodes'], properties: { enabled: { type: 'boolean' }, recoveryCodes: { type: 'array', items: { type: 'string' } } } },
        session,
      ] }),
    }, [400, 401, 403, 409, 422, 429], {
      ...PUBLIC,
      ...body({ type: 'object', required: ['code'], properties: { code, challenge: { type: 'string', description: 'From the TWO_FACTOR_REQUIRED problem of /api/auth/login' } } }),
    }),
  },
  '/api/auth/2fa/disable': {
    post: op('two_factor_disable', 'Auth', 'Turn two-factor sign-in off (proven by a code)', { 204: noContent }, [400, 401, 403, 409, 422], body({ type: 'object', required: ['code'], properties: { code } })),
  },
  '/api/auth/password-reset': {
    post: op('password_reset', 'Auth', 'Ask for a password reset link by e-mail (202 whether or not the address is known)', {
      202: ok('Accepted', { type: 'object', required: ['accepted'], properties: { accepted: { type: 'boolean', const: true } } }),
    }, [400, 429], {
      ...PUBLIC,
      description: 'The link (single-use, valid for an hour) goes to the address of an active user of the tenant; an address that asked three times in 15 minutes gets nothing more for a while. The answer is the same in every case.',
      ...body({ type: 'object', required: ['tenant', 'email'], properties: { tenant: { type: 'string', description: 'The tenant slug' }, email: { type: 'string' } } }),
    }),
  },
  '/api/auth/password-reset/confirm': {
    post: op('password_reset_confirm', 'Auth', 'Set a new password with the token of a reset link', { 204: noContent }, [400, 429], {
      ...PUBLIC,
      description: 'The password policy of user creation applies. The link is used up and the user\'s sessions end; sign in with the new password. An unknown, used or expired token is 400 PASSWORD_RESET_INVALID.',
      ...body({ type: 'object', required: ['token', 'password'], properties: { token: { type: 'string' }, password: { type: 'string', description: 'Checked against the password policy' } } }),
    }),
  },
  '/api/auth/logout': { post: op('logout', 'Auth', 'Sign out (ends the session)', { 204: noContent }, [401, 403]) },
  '/api/auth/me': { get: op('me', 'Auth', 'Who is signed in', { 200: ok('The user and tenant', me) }, [401]) },
  '/api/users': {
    get: op('list_users', 'Users', 'The tenant\'s users (tenant admins)', { 200: ok('Users', listOf(ref('User'))) }, SIGNED_IN),
    post: op('create_user', 'Users', 'Add a user (tenant admins)', { 201: ok('Created', ref('User')) }, WRITES, body(newUser)),
  },
  '/api/users/directory': {
    get: op('user_directory', 'Users', 'Your active colleagues by name (everyone signed in)', {
      200: ok('Users', listOf({ type: 'object', required: ['id', 'name', 'team'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, team: { type: ['string', 'null'] } } })),
    }, SIGNED_IN),
  },
  '/api/users/{id}': {
    parameters: [idParam],
    patch: op('update_user', 'Users', 'Change a user (tenant admins)', { 200: ok('Updated', ref('User')) }, WRITES, body(userChanges)),
  },
  '/api/api-keys': {
    get: op('list_api_keys', 'API keys', 'Your API keys', { 200: ok('Keys (never the secret)', listOf(ref('ApiKey'))) }, SIGNED_IN),
    post: op('create_api_key', 'API keys', 'Make an API key', {
      201: ok('The key; `key` is shown only now', { allOf: [ref('ApiKey'), { type: 'object', required: ['key'], properties: { key: { type: 'string', description: 'crmk_…; send as X-API-Key or Authorization: Bearer' } } }] }),
    }, WRITES, body(newKey)),
  },
  '/api/api-keys/{id}': {
    parameters: [idParam],
    delete: op('revoke_api_key', 'API keys', 'Revoke an API key (yours; tenant admins: any)', { 204: noContent }, WRITES),
  },
});
