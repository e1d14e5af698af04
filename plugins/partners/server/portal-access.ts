import { invitePortalUserInWork, problem, type RecordActionDef } from '../../../core/index.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * 伙伴门户账号: POST /api/records/partner/<id>/actions/portal_access (tenant admins, or the right
 * `partner.portal_access`): invites one of the partner's people to the portal with the
 * `portal_partner` role (their partner's deals and orders only). The invitation is e-mailed
 * (without mail set up the answer carries the link). Only an active partner qualifies.
 */
export const partnerPortalAccess: RecordActionDef = {
  label: { en: 'Portal access', 'zh-CN': '开通门户账号' },
  input: {
    email: { type: 'text', label: { en: 'E-mail (default: the partner\'s)', 'zh-CN': '电子邮箱（默认为伙伴的邮箱）' } },
    name: { type: 'text', label: { en: 'Name (default: the contact person)', 'zh-CN': '姓名（默认为联系人）' } },
  },
  async run({ id, record, params }, ctx) {
    const email = String(params.email ?? record.email ?? '').trim();
    if (!EMAIL.test(email)) throw problem('PARTNER_NO_EMAIL', {}, { errors: [{ field: 'email', message: 'must be an e-mail address' }] });
    if (record.status !== 'active') throw problem('PARTNER_NOT_ACTIVE', {}, { errors: [{ field: 'status', message: 'must be active' }] });
    const name = String(params.name ?? record.contact_name ?? record.name ?? email).trim() || email;
    const made = await invitePortalUserInWork({ entity: 'partner', id, email, name, role: 'portal_partner' }, ctx);
    return { user: made.user, invitation: { link: made.link, expiresAt: made.expiresAt, mailed: made.mailed } };
  },
};
