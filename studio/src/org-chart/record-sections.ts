import type { RecordSection } from '../overview/record-sections.js';

/** The org chart on a customer's page, drawn from its contacts' reports-to (when the contact has that field). */
export const sections: RecordSection[] = [
  {
    key: 'orgChart.customer',
    labelKey: 'orgChart.tab',
    order: 15,
    applies: (entityName, entities) => entityName === 'customer' && Boolean(entities.contact?.fields?.reports_to),
    component: () => import('./OrgChartSection.vue'),
  },
];
