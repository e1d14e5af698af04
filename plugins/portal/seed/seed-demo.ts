import { invitePortalUserInWork, listRecords, updateRecord, type PluginRecordContext, type Tenant } from '../../../core/index.js';

/**
 * Demo: the first five published solutions become the portal's FAQ, and the first demo
 * contact with an e-mail address and a customer gets a portal account. Its password is
 * CRM_DEMO_PASSWORD when set; otherwise the account waits for its invitation (the portal's
 * "Forgot password" logs a link when no mail is set up).
 */
export const seedDemoPortal = async (ctx: PluginRecordContext & { tenant: Tenant }): Promise<Record<string, number>> => {
  const solutions = await listRecords('solution', { filter: { '==': [{ var: 'published' }, true] }, sort: 'code', limit: 5 }, ctx);
  for (const s of solutions.data) await updateRecord('solution', String(s.id), { portal_visible: true }, ctx);
  const contacts = await listRecords('contact', { filter: { and: [{ '!!': [{ var: 'email' }] }, { '!!': [{ var: 'customer' }] }] }, sort: 'created_at', limit: 1 }, ctx);
  const contact = contacts.data[0];
  if (!contact) return {};
  const password = process.env.CRM_DEMO_PASSWORD;
  await invitePortalUserInWork(
    { entity: 'contact', id: String(contact.id), email: String(contact.email), name: String(contact.name), role: 'portal_customer', ...(password && password.length >= 8 && { password }) },
    ctx,
  );
  return {};
};
