import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';

/** The query parameter that names where a form returns after saving (e.g. the parent record). */
export const RETURN_TO = 'returnTo';

/**
 * Where to go back to, when `raw` is a path inside the app (`/app/...`). Anything else —
 * another site, a protocol-relative `//host`, backslashes, the studio — is ignored, so a
 * link cannot send a user elsewhere after saving (no open redirect).
 */
export const safeReturnTo = (raw: unknown): string | undefined => {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/app/') || value.includes('\\') || /[\u0000-\u001f]/.test(value)) return undefined;
  try {
    const url = new URL(value, 'https://app.invalid');
    if (url.origin !== 'https://app.invalid' || !url.pathname.startsWith('/app/')) return undefined;
    // Resolved dot segments must stay inside the app too.
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return undefined;
  }
};

/**
 * A create started on a record page (a related list, a count card's add, an action or any
 * link there) comes back to that page after saving: the new-record form gets the page as
 * `returnTo` unless it names one. Used by the router for every navigation, so no button
 * has to remember it. undefined when the navigation needs nothing added.
 */
export const returnToRecordPage = (to: RouteLocationNormalized, from: RouteLocationNormalized): RouteLocationRaw | undefined => {
  if (to.name !== 'create' || from.name !== 'record' || to.query[RETURN_TO] !== undefined) return undefined;
  if (!safeReturnTo(from.fullPath)) return undefined;
  return { path: to.path, query: { ...to.query, [RETURN_TO]: from.fullPath }, hash: to.hash };
};
