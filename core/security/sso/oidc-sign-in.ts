import type { Knex } from 'knex';
import { jwtVerify, SignJWT } from 'jose';
import * as client from 'openid-client';
import { problem } from '../../errors.js';
import type { Tenant } from '../../db/tenant.js';
import { readSingleSignOn } from '../../tenants/tenant-settings.js';
import { findTenant } from '../../tenants/tenant-store.js';
import { audit } from '../audit.js';
import { createSession } from '../sessions.js';
import { rolesRequireTwoFactor } from '../two-factor-policy.js';
import { challengeKey, signChallenge } from '../two-factor-challenge.js';
import { publicUser, type UserRow } from '../users.js';
import type { SecondFactorNeeded, SignedIn } from '../login.js';
import { userForIdentity } from './oidc-identity.js';
import { offered, providerConfig, scopeOf, type SingleSignOn } from './oidc-provider-config.js';

/** The round trip through the provider may take this long (the person may have to sign in there). */
export const OIDC_STATE_SECONDS = 10 * 60;
const AUDIENCE = 'crm-oidc';

/** What the sign-in page may know of a tenant's provider: whether there is one and its name. */
export const singleSignOnOffer = async (knex: Knex, slug: string): Promise<{ enabled: boolean; name?: string }> => {
  const tenant = await findTenant(knex, slug, { active: true });
  const sso = tenant ? await readSingleSignOn(knex, tenant) : undefined;
  return offered(sso) ? { enabled: true, name: sso.name } : { enabled: false };
};

const configured = async (knex: Knex, slug: string): Promise<{ tenant: Tenant; sso: SingleSignOn }> => {
  const tenant = await findTenant(knex, slug, { active: true });
  const sso = tenant ? await readSingleSignOn(knex, tenant) : undefined;
  if (!tenant || !offered(sso)) throw problem('SSO_NOT_CONFIGURED');
  return { tenant, sso };
};

/** A path of this site to land on after signing in (never another site). */
export const safeReturnPath = (p: unknown): string => (typeof p === 'string' && /^\/(?![/\\])/.test(p) && p.length <= 500 ? p : '/app');

/**
 * Starts a sign-in with the tenant's provider: the authorization URL (code flow with
 * state, nonce and PKCE S256) and the round trip's secrets, signed with the install's key,
 * for a short-lived httpOnly cookie that the callback checks.
 */
export const startOidcSignIn = async (knex: Knex, input: { tenant: string; redirectUri: string; returnTo?: unknown }): Promise<{ url: string; state: string }> => {
  const { tenant, sso } = await configured(knex, input.tenant);
  const config = await providerConfig(sso);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: scopeOf(sso),
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const iat = Math.floor(Date.now() / 1000);
  const signed = await new SignJWT({ t: tenant.id, v: verifier, s: state, n: nonce, r: safeReturnPath(input.returnTo) })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + OIDC_STATE_SECONDS)
    .sign(await challengeKey(knex));
  return { url: url.href, state: signed };
};

interface RoundTrip {
  tenantId: string;
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const readRoundTrip = async (knex: Knex, signed: string | undefined, tenant: Tenant): Promise<RoundTrip> => {
  if (!signed || signed.length > 4000) throw problem('SSO_STATE_INVALID');
  try {
    const { payload: p } = await jwtVerify(signed, await challengeKey(knex), { algorithms: ['HS256'], audience: AUDIENCE });
    if (p.t !== tenant.id || typeof p.v !== 'string' || typeof p.s !== 'string' || typeof p.n !== 'string') throw new Error('not this tenant');
    return { tenantId: p.t, verifier: p.v, state: p.s, nonce: p.n, returnTo: safeReturnPath(p.r) };
  } catch {
    throw problem('SSO_STATE_INVALID');
  }
};

/** The verified claims of the sign-in: the ID token's, completed by the UserInfo answer when the provider has the endpoint. */
const claimsOf = async (config: client.Configuration, callbackUrl: URL, trip: RoundTrip): Promise<Record<string, unknown>> => {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: trip.verifier, expectedState: trip.state, expectedNonce: trip.nonce, idTokenExpected: true });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('no ID token');
  const info = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
  return { ...info, ...idClaims } as Record<string, unknown>;
};

export type OidcSignedIn = (SignedIn | SecondFactorNeeded) & { returnTo: string };

/**
 * Finishes a sign-in with the provider: checks the round trip (state, nonce, PKCE) and the
 * tokens, finds the user by the provider's issuer and subject (or links or makes one, see
 * userForIdentity) and signs them in as the password step does. The provider
 * stands in for the password only: a person enrolled in two-factor sign-in still enters a code
 * (the answer is the same challenge), and one whose role requires two factors and who has not
 * enrolled gets an enrolment-only session.
 */
export const finishOidcSignIn = async (knex: Knex, input: { tenant: string; callbackUrl: URL; roundTrip: string | undefined; ip: string; userAgent?: string }): Promise<OidcSignedIn> => {
  const { tenant, sso } = await configured(knex, input.tenant);
  const trip = await readRoundTrip(knex, input.roundTrip, tenant);
  const config = await providerConfig(sso);
  let claims: Record<string, unknown>;
  try {
    claims = await claimsOf(config, input.callbackUrl, trip);
  } catch (e) {
    await audit(knex, { tenantId: tenant.id, action: 'auth.login_failed', details: { via: 'oidc', ip: input.ip, reason: e instanceof Error ? e.message.slice(0, 200) : 'rejected' } });
    throw problem('SSO_SIGN_IN_FAILED');
  }
  let user: UserRow;
  try {
    user = await userForIdentity(knex, tenant, sso, claims);
  } catch (e) {
    await audit(knex, { tenantId: tenant.id, action: 'auth.login_failed', details: { via: 'oidc', ip: input.ip, email: typeof claims.email === 'string' ? claims.email : null } });
    throw e;
  }
  const account = `${tenant.slug}/${user.email}`;
  if ((user as UserRow & { totp_secret?: string | null }).totp_secret) {
    await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.password_ok_code_next', details: { via: 'oidc', ip: input.ip } });
    return { twoFactorRequired: true, ...(await signChallenge(knex, { userId: user.id, tenantId: tenant.id, account })), returnTo: trip.returnTo };
  }
  const enrolmentOnly = await rolesRequireTwoFactor(knex, tenant, user.roles ?? []);
  const session = await createSession({ tenantId: tenant.id, userId: user.id, ip: input.ip, userAgent: input.userAgent, enrolmentOnly }, { knex });
  await audit(knex, { tenantId: tenant.id, actorId: user.id, action: 'auth.login', details: { via: 'oidc', issuer: sso.issuer, ip: input.ip, ...(enrolmentOnly ? { enrolmentOnly } : {}) } });
  return { token: session.token, csrfToken: session.csrfToken, expiresAt: session.expiresAt, actor: publicUser(user), tenant, returnTo: trip.returnTo, ...(enrolmentOnly ? { twoFactorEnrolmentRequired: true as const } : {}) };
};
