import { invitePortalUserInWork, isAppError, listRecords, updateRecord, type PluginRecordContext, type Tenant } from '../../../core/index.js';

/**
 * Demo: the first five published solutions become the portal's FAQ. When the demo's shared
 * password is set (CRM_DEMO_PASSWORD), the first demo contact with an e-mail address and a
 * customer gets a portal account with it; otherwise staff give one with the contact's
 * "Portal access" action.
 */
export const seedDemoPortal = async (ctx: PluginRecordContext & { tenant: Tenant }): Promise<Record<string, number>> => {
  const solutions = await listRecords('solution', { filter: { '==': [{ var: 'published' }, true] }, sort: 'code', limit: 5 }, ctx);
  for (const s of solutions.data) await updateRecord('solution', String(s.id), { portal_visible: true }, ctx);
  const password = process.env.CRM_DEMO_PASSWORD;
  if (!password || password.length < 8) return {};
  const contacts = await listRecords('contact', { filter: { and: [{ '!!': [{ var: 'email' }] }, { '!!': [{ var: 'customer' }] }] }, sort: 'created_at', limit: 1 }, ctx);
  const contact = contacts.data[0];
  if (!contact) return {};
  await invitePortalUserInWork(
    { entity: 'contact', id: String(contact.id), email: String(contact.email), name: String(contact.name), role: 'portal_customer', password },
    ctx,
  ).catch((e: unknown) => {
    // a shared password too weak for the portal's rules: the contact gets no account (nothing was written)
    if (!isAppError(e) || e.status !== 400) throw e;
  });
  return {};
};
