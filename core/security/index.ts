/** Authentication: users, service accounts, password hashing, sessions, API keys, sign-in throttling, rate limits, audit. */
export { createApiKey, listApiKeys, revokeApiKey, API_KEY_PREFIX, type ApiKeyInfo } from './api-keys.js';
export { createServiceAccount, listServiceAccounts, updateServiceAccount, type ServiceAccount, type WriteScope } from './service-accounts.js';
export { issueServiceAccountKey, listServiceAccountKeys, revokeServiceAccountKey } from './service-account-keys.js';
export { consumeRequest, RATE_LIMIT_DEFAULTS, type RateLimitConfig, type RateLimitState } from './rate-limits.js';
export { actorNames, type ActorName } from './actor-names.js';
export { audit, type AuditEvent } from './audit.js';
export { csrfMatches } from './csrf.js';
export { login, type LoginInput } from './login.js';
export { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
export { recallToken, resolveToken } from './resolve-token.js';
export { REMEMBER_MS } from './remembered-auth.js';
export { endSession as logout, SESSION_IDLE_MS } from './sessions.js';
export type { AuthContext, AuthVia, SecurityCtx } from './types.js';
export { actorOfUser, createUser, deactivateUser, findUserByEmail, listUsers, publicUser, LOCALES, type NewUser, type PublicUser } from './users.js';
export { updateUser, type UserChanges } from './update-user.js';
export { confirmPasswordReset, requestPasswordReset, RESETS_PER_ADDRESS } from './password-reset.js';
export { formTokenAge, signFormToken } from './form-token.js';
export * from './portal/index.js';
