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
    get: op('sso_start', 'Auth', "Go to the tenant's OpenID Connect provider to sign in", { 302: redirect("The provider's authorization URL (code flow with state, nonce and PKCE); sets the short-lived crm_oidc cookie") }, [400, 404], {
      ...PUBLIC,
      parameters: [queryParam('returnTo', { type: 'string' }, 'A path of this site to land on after signing in (/app by default)')],
      description: 'No provider (or no client secret) for the tenant is 404 SSO_NOT_CONFIGURED; an unreachable provider 502 SSO_PROVIDER_UNREACHABLE (problem+json).',
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

const secretSummary = {
  type: 'object' as const,
  required: ['name', 'updatedAt', 'updatedBy'],
  properties: { name: { type: 'string' as const }, updatedAt: { type: 'string' as const, format: 'date-time' }, updatedBy: { type: ['string', 'null'] as ('string' | 'null')[], description: 'Who set it last (a user id)' } },
};

/** The tenant's script secrets vault (tenant admins): write-only. */
export const secretPaths = (): Paths => ({
  '/api/secrets': {
    get: op('list_secrets', 'Workflows', "The tenant's secrets: names and when they were set, never values (tenant admins)", { 200: ok('Secrets', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: secretSummary } } }) }, [401, 403]),
  },
  '/api/secrets/{name}': {
    parameters: [pathParam('name', { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' })],
    put: op('set_secret', 'Workflows', 'Set a secret (sealed with AES-256-GCM; scripts read it as crm.secret(name), webhook steps as {{secret.name}})', { 200: ok('The secret, without its value', secretSummary) }, [400, 401, 403], {
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['value'], properties: { value: { type: 'string', maxLength: 8192, writeOnly: true } } } } } },
    }),
    delete: op('delete_secret', 'Workflows', 'Remove a secret', { 204: { description: 'Removed' } }, [401, 403, 404]),
  },
});
