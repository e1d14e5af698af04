import { AppError, getRecord, isAppError, ruleViolation, type BeforeHook } from '../../../core/index.js';
import { isUuid } from './transition.js';

/**
 * Records of a customer (cases, contracts, care plans) may only name a customer the
 * actor can read: an account manager opens cases for own customers only (403
 * CUSTOMER_NOT_VISIBLE otherwise; a customer that does not exist is left to the
 * reference check, 422). The contact, when given, must belong to that customer (422).
 */
export const customerInScope =
  (entity: string): BeforeHook =>
  async (event, ctx) => {
    const data = event.data;
    const old = event.old;
    const customer = data.customer ?? old?.customer;
    if (isUuid(data.customer) && data.customer !== old?.customer && !ctx.actor.isAdmin) {
      try {
        await getRecord('customer', data.customer, ctx);
      } catch (e) {
        if (!isAppError(e) || e.status !== 404) throw e;
        const exists = await ctx.db('customer').where({ id: data.customer }).whereNull('deleted_at').first('id');
        if (exists) {
          throw new AppError('CUSTOMER_NOT_VISIBLE', 403, `You may only record ${entity.replace(/_/g, ' ')}s for customers you can see`, {
            errors: [{ field: 'customer', message: 'is not one of your customers', code: 'CUSTOMER_NOT_VISIBLE' }],
          });
        }
      }
    }
    const contactChanged = data.contact !== undefined && data.contact !== old?.contact;
    const customerChanged = data.customer !== undefined && data.customer !== old?.customer;
    const contact = data.contact === undefined ? old?.contact : data.contact;
    if (isUuid(contact) && isUuid(customer) && (contactChanged || customerChanged)) {
      const row = await ctx.db('contact').where({ id: contact }).first('customer');
      if (row && row.customer !== customer) {
        throw ruleViolation('The contact belongs to another customer', {
          errors: [{ field: 'contact', message: 'is a contact of another customer', code: 'CONTACT_OF_OTHER_CUSTOMER' }],
        });
      }
    }
  };
