import { invitePortalUserInWork, problem, type RecordActionDef } from '../../../core/index.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * 门户账号: POST /api/records/contact/<id>/actions/portal_access (tenant admins, or the right
 * `contact.portal_access`): invites the contact to the portal with the `portal_customer`
 * role (their company's orders, contracts and cases). The invitation is e-mailed to the
 * contact's address (or the one given); without mail set up the answer carries the link.
 */
export const portalAccess: RecordActionDef = {
  label: { en: 'Portal access', 'zh-CN': '开通门户账号' },
  input: {
    email: { type: 'text', label: { en: 'E-mail (default: the contact\'s)', 'zh-CN': '电子邮箱（默认为联系人的邮箱）' } },
  },
  async run({ id, record, params }, ctx) {
    const email = String(params.email ?? record.email ?? '').trim();
    if (!EMAIL.test(email)) throw problem('PORTAL_CONTACT_NO_EMAIL', {}, { errors: [{ field: 'email', message: 'must be an e-mail address' }] });
    if (!record.customer) throw problem('PORTAL_CONTACT_NO_CUSTOMER', {}, { errors: [{ field: 'customer', message: 'is required for portal access' }] });
    const made = await invitePortalUserInWork({ entity: 'contact', id, email, name: String(record.name ?? email), role: 'portal_customer' }, ctx);
    return { user: made.user, invitation: { link: made.link, expiresAt: made.expiresAt, mailed: made.mailed } };
  },
};
