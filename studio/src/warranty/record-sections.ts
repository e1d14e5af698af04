import type { RecordSection } from '../overview/record-sections.js';

/** The warranty of the unit or product a service case names, on the case's page (when service contracts are installed). */
export const sections: RecordSection[] = [
  {
    key: 'warranty.case',
    labelKey: 'warranty.tab',
    order: 12,
    applies: (entityName, entities) => entityName === 'service_case' && Boolean(entities.service_contract) && Boolean(entities.service_case?.fields?.serial_number),
    component: () => import('./CaseWarrantySection.vue'),
  },
];
