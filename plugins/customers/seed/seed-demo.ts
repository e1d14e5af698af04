import { createRecord, type RecordContext } from '../../../core/index.js';
import { demoCustomers, type DemoOptions } from './demo-customers.js';

/** Creates the demo customers with their contacts, activities and churn records through the record service. */
export const seedDemoCustomers = async (ctx: RecordContext, options: DemoOptions = {}): Promise<Record<string, number>> => {
  const counts = { customer: 0, contact: 0, activity: 0, customer_loss: 0 };
  for (const demo of demoCustomers(options)) {
    const customer = await createRecord('customer', demo.customer, ctx);
    counts.customer++;
    const contacts = [];
    for (const c of demo.contacts) {
      contacts.push(await createRecord('contact', { ...c, customer: customer.id }, ctx));
      counts.contact++;
    }
    for (const { contactIndex, ...a } of demo.activities) {
      await createRecord('activity', { ...a, customer: customer.id, contact: contacts[contactIndex].id }, ctx);
      counts.activity++;
    }
    if (demo.loss) {
      await createRecord('customer_loss', { ...demo.loss, customer: customer.id }, ctx);
      counts.customer_loss++;
    }
  }
  return counts;
};
