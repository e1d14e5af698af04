import { ok, op, pathParam, PUBLIC, queryParam, type Paths } from './shared.js';

const tenantParam = pathParam('tenant', { type: 'string', maxLength: 64 }, "The tenant's slug");
const redirect = (description: string) => ({ description, headers: { Location: { schema: { type: 'string' as const } } } });

/** Single sign-on with the tenant's OpenID Connect provider (browser routes). */
export const ssoPaths = (): Paths => ({
  '/api/auth/oidc/{tenant}': {
    parameters: [tenantParam],
    get: op('sso_offer', 'Auth', "Whether the tenant's sign-in page offers single sign-on, and the provider's name", {
      200: ok('The offer', { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' }, name: { type: 'string', description: 'Shown as "Sign in with <name>"' } } }),
    }, [400], PUBLIC),
  },
  '/api/auth/oidc/{tenant}/start': {
    parameters: [tenantParam],
    get: op('sso_start', 'Auth', "Go to the tenant's OpenID Connect provider to sign in", { 302: redirect("The provider's authorization URL (code flow with state, nonce and PKCE); sets the short-lived crm_oidc cookie") }, [400, 404, 502], {
      ...PUBLIC,
      parameters: [queryParam('returnTo', { type: 'string' }, 'A path of this site to land on after signing in (/app by default)')],
      description: 'No provider (or no client secret) for the tenant is 404 SSO_NOT_CONFIGURED; an unreachable provider 502 SSO_PROVIDER_UNREACHABLE.',
    }),
  },
  '/api/auth/oidc/{tenant}/callback': {
    parameters: [tenantParam],
    get: op('sso_callback', 'Auth', 'Where the provider sends the browser back', {
      302: redirect('Into the app with the crm_session cookie set (to /enrol-two-factor when a role requires two factors and none is set up); to /signin#challenge=… when the person has two-factor sign-in (POST /api/auth/2fa/verify finishes); to /signin?ssoError=<problem code> when the sign-in failed'),
    }, [], {
      ...PUBLIC,
      description: 'Checks the round trip (state, nonce, PKCE), the ID token and the verified e-mail; finds the user by e-mail or makes one just in time with the roles the claims map to (settings.singleSignOn), and audits the sign-in.',
    }),
  },
});
