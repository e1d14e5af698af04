import { createRecord, listRecords, type RecordContext, type RecordData } from '../../../core/index.js';
import { demoCustomers, type DemoOptions } from './demo-customers.js';

/** The sales department and two regional teams below it (the demo users of plugin.json belong to them). */
export const seedDemoTeams = async (ctx: RecordContext): Promise<number> => {
  const existing = await listRecords('team', { fields: ['name'], limit: 500 }, ctx);
  if (existing.data.some((t) => t.name === 'sales')) return 0;
  const sales = await createRecord('team', { name: 'sales', label: 'Sales department', label_zh: '销售部', description: '销售部 Sales department' }, ctx);
  await createRecord('team', { name: 'sales_east', label: 'East sales', label_zh: '华东销售组', parent: sales.id, description: '华东销售组 East sales' }, ctx);
  await createRecord('team', { name: 'sales_north', label: 'North sales', label_zh: '华北销售组', parent: sales.id, description: '华北销售组 North sales' }, ctx);
  return 3;
};

/** Creates the demo teams, customers with their contacts, activities and churn records through the record service. */
export const seedDemoCustomers = async (ctx: RecordContext, options: DemoOptions = {}): Promise<Record<string, number>> => {
  const counts = { team: 0, customer: 0, contact: 0, activity: 0, customer_loss: 0 };
  counts.team = await seedDemoTeams(ctx);
  for (const demo of demoCustomers({ timeZone: ctx.time?.timeZone, ...options })) {
    const customer = await createRecord('customer', demo.customer, ctx);
    counts.customer++;
    const contacts: RecordData[] = [];
    for (const { reportsToIndex, ...c } of demo.contacts) {
      const boss = reportsToIndex === undefined ? null : contacts[reportsToIndex].id;
      contacts.push(await createRecord('contact', { ...c, customer: customer.id, reports_to: boss }, ctx));
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
