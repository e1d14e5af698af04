/** People outside the company: portal users (their own table), their sessions, sign-in and single-use links. */
export { createPortalUser, deactivatePortalUser, listPortalUsers, type NewPortalUser, type PortalUser } from './portal-users.js';
export { createPortalSession, endPortalSession, resolvePortalSession, PORTAL_SESSION_PREFIX, type PortalAuth } from './portal-sessions.js';
export { portalLogin } from './portal-login.js';
export { issuePortalToken, requestPortalReset, setPortalPassword, verifyPortalUser, type PortalTokenPurpose } from './portal-tokens.js';
