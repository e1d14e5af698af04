import { sameSecret } from './secrets.js';

/** Whether a cookie-authenticated write carries its session's CSRF token. */
export const csrfMatches = (expected: string | undefined, given: string | undefined): boolean => sameSecret(expected, given);
