import type { Context } from 'koa';
import { isLocale, type Locale } from '../errors.js';

/** A tenant's language, for the people a request does not name (no user, or no language they accept). */
export type TenantLocale = (tenant: { id: string; slug: string }) => Locale | Promise<Locale>;

/** Every tenant reads English until it has a language setting of its own (`createApp`'s `tenantLocale`). */
export const englishTenants: TenantLocale = () => 'en';

/** The engine's language for one language tag: English of any region; Chinese in simplified script (zh, zh-CN, zh-SG, zh-Hans…). */
const localeOfTag = (tag: string): Locale | undefined => {
  const t = tag.toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t.startsWith('zh-hans')) return 'zh-CN';
  return undefined;
};

/**
 * The first language of an Accept-Language header (by weight, then order) the engine
 * speaks; `*` names none (clients such as fetch send it by default).
 */
export const acceptedLocale = (header: string): Locale | undefined =>
  header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => localeOfTag(l.tag))
    .find(Boolean);

/**
 * The language a request's messages are written in: the signed-in user's preference, else
 * the first language of `Accept-Language` the engine speaks (`zh`, `zh-CN` → zh-CN), else
 * the tenant's language (the request's tenant: signed in, or named by a public path), else English.
 */
export const requestLocale = async (ctx: Context): Promise<Locale> => {
  const auth = ctx.state.auth as { tenant: { id: string; slug: string }; actor: { locale?: string } } | undefined;
  if (isLocale(auth?.actor.locale)) return auth.actor.locale;
  const accepted = acceptedLocale(ctx.get('Accept-Language'));
  if (accepted) return accepted;
  const tenant = auth?.tenant ?? (ctx.state.tenant as { id: string; slug: string } | undefined);
  if (!tenant) return 'en';
  const ofTenant = (ctx.state.tenantLocale as TenantLocale | undefined) ?? englishTenants;
  try {
    const locale = await ofTenant(tenant);
    return isLocale(locale) ? locale : 'en';
  } catch {
    return 'en'; // a problem is still answered when the tenant's setting cannot be read
  }
};
