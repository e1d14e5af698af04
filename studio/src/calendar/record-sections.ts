import type { RecordSection } from '../overview/record-sections.js';
import { refersTo } from '../overview/record-sections.js';

/** The calendar's part of the 360° page: the appointments and open tasks of a customer, opportunity or case. */
export const sections: RecordSection[] = [
  {
    key: 'calendar.schedule',
    labelKey: 'calendar.recordTab',
    order: 10,
    applies: (entityName, entities) => refersTo(entities, 'appointment', entityName) || refersTo(entities, 'task', entityName),
    component: () => import('./RecordSchedule.vue'),
  },
];
