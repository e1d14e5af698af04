import * as client from 'openid-client';
import { problem } from '../../errors.js';
import type { SingleSignOnSettings } from '../../tenants/tenant-settings.js';

export type SingleSignOn = SingleSignOnSettings & { clientSecret?: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Discovery answers are kept this long per provider and client. */
const DISCOVERY_MS = 10 * 60 * 1000;
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

/** Plain http is accepted only for a provider on this machine (tests, a local development provider). */
const issuerUrl = (issuer: string): URL => {
  const url = new URL(issuer);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url;
  throw problem('SSO_NOT_CONFIGURED');
};

/**
 * The provider's configuration (OpenID discovery), the client authenticating with its
 * secret (client_secret_basic). Cached per issuer, client and secret for ten minutes; a
 * failed discovery is not kept and answers 502.
 */
export const providerConfig = async (sso: SingleSignOn): Promise<client.Configuration> => {
  if (!sso.clientSecret) throw problem('SSO_NOT_CONFIGURED');
  const url = issuerUrl(sso.issuer);
  const key = JSON.stringify([sso.issuer, sso.clientId, sso.clientSecret]);
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_MS) return hit.config;
  const config = client.discovery(url, sso.clientId, undefined, client.ClientSecretBasic(sso.clientSecret), url.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined);
  discovered.set(key, { at: Date.now(), config });
  try {
    return await config;
  } catch {
    discovered.delete(key);
    throw problem('SSO_PROVIDER_UNREACHABLE');
  }
};

/** Whether the tenant's single sign-on is set up far enough to offer it. */
export const offered = (sso: SingleSignOn | undefined): sso is SingleSignOn & { clientSecret: string } =>
  !!sso && sso.enabled !== false && typeof sso.clientSecret === 'string' && sso.clientSecret !== '';

/** The scope asked for: openid and the configured ones (email profile by default). */
export const scopeOf = (sso: SingleSignOn): string => [...new Set(['openid', ...(sso.scopes ?? ['email', 'profile'])])].join(' ');

/** The roles the claims give: every mapped value of the role claim, else the default roles. */
export const rolesFromClaims = (sso: SingleSignOn, claims: Record<string, unknown>): string[] => {
  const raw = sso.roleClaim ? claims[sso.roleClaim] : undefined;
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : [];
  const mapped = new Set(values.flatMap((v) => (Object.prototype.hasOwnProperty.call(sso.roleMap ?? {}, v) ? sso.roleMap![v]! : [])));
  return mapped.size ? [...mapped].sort() : [...(sso.defaultRoles ?? [])];
};
