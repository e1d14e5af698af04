import { readTenantSettings, todayIn, type PluginRouteContext, type RecordData } from '../../../core/index.js';

/** Why the hang-up route reads the tenant settings as the system (declared on the route, audited per read). */
export const ZONE_ACCESS = 'reads the tenant settings (time zone, language) to date and title the call activity';

const zones = new Map<string, { revision: number; zone: string; locale: 'en' | 'zh-CN' }>();

const tenantZone = async (ctx: PluginRouteContext) => {
  const hit = zones.get(ctx.tenant.id);
  if (hit && hit.revision === ctx.tenant.metaRevision) return hit;
  const s = await ctx.system((db) => readTenantSettings(db, ctx.tenant));
  const found = { revision: ctx.tenant.metaRevision, zone: s.timeZone, locale: s.locale };
  zones.set(ctx.tenant.id, found);
  return found;
};

const TITLE = { en: (code: string, what: string) => `Call ${code}${what ? `: ${what}` : ''}`, 'zh-CN': (code: string, what: string) => `通话 ${code}${what ? `：${what}` : ''}` };

/**
 * The notes typed during a call, saved as a phone activity on the caller's customer (and
 * contact), dated today in the tenant's zone and timed when the call was answered (offered, or now, when
 * not), through the agent's own rights. Written once
 * per call (later notes update it); nothing when there is no customer or no notes.
 */
export const saveCallActivity = async (call: RecordData, ctx: PluginRouteContext, now: number): Promise<string | null> => {
  const notes = typeof call.notes === 'string' ? call.notes.trim() : '';
  if (!notes || !call.customer || !ctx.meta.entities.activity) return null;
  const { zone, locale } = await tenantZone(ctx);
  const item = ctx.meta.dictionaries.call_disposition?.items.find((i) => i.value === call.disposition);
  const subject = TITLE[locale](String(call.code ?? ''), item ? String(item.label[locale] ?? item.value) : '').slice(0, 200);
  if (call.activity) {
    await ctx.records.update('activity', String(call.activity), { subject, description: notes });
    return String(call.activity);
  }
  const timed = ctx.meta.entities.activity.fields?.starts_at ? { starts_at: new Date((call.answered_at ?? call.offered_at ?? now) as string | number).toISOString() } : {};
  const activity = await ctx.records.create('activity', { customer: call.customer, contact: call.contact ?? null, date: todayIn(zone, new Date(now)), ...timed, type: 'phone', subject, description: notes });
  return String(activity.id);
};
