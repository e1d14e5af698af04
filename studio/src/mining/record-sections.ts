import type { RecordSection } from '../overview/record-sections.js';

/**
 * Data mining's part of the record pages: cross-sell suggestions on a customer and on an
 * opportunity (when the sales plugin's mining runs are installed), and the playbook's
 * advice for an opportunity's current stage.
 */
export const sections: RecordSection[] = [
  {
    key: 'mining.crossSell',
    labelKey: 'mining.crossSellTab',
    order: 20,
    applies: (entityName, entities) => Boolean(entities.mining_run) && (entityName === 'customer' || entityName === 'opportunity'),
    component: () => import('./CrossSellSection.vue'),
  },
  {
    key: 'mining.playbook',
    labelKey: 'mining.playbookTab',
    order: 21,
    applies: (entityName, entities) => Boolean(entities.playbook_entry) && entityName === 'opportunity',
    component: () => import('./PlaybookSection.vue'),
  },
];
