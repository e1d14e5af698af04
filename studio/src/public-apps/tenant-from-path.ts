/**
 * The tenant a public app (store, portal, landing page) serves, read from its path:
 * `/store/<tenant>/…`, `/portal/<tenant>/…`, `/p/<tenant>/<page>`. Undefined when the
 * path names none (the app then shows its "not found" state).
 */
export const tenantFromPath = (pathname: string, prefix: 'store' | 'portal' | 'p'): string | undefined => {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== prefix || !parts[1]) return undefined;
  const tenant = decodeURIComponent(parts[1]);
  return /^[a-z0-9][a-z0-9_-]{0,62}$/.test(tenant) ? tenant : undefined;
};
