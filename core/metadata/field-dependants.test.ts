import { describe, expect, it } from 'vitest';
import { fieldDependants } from './field-dependants.js';
import type { EffectiveMeta, MetadataDocument, MetadataKind } from './types.js';

const label = { en: 'L', 'zh-CN': 'L' };
const docs: MetadataDocument[] = [
  { kind: 'entity', name: 'region_owner', fields: { region: { type: 'text', indexed: true }, name: { type: 'text' } }, titleField: 'name', rules: [{ name: 'region_set', rule: { '!!': { var: 'region' } }, message: label }] },
  {
    kind: 'entity',
    name: 'deal',
    fields: {
      amount: { type: 'currency' },
      owner_ref: { type: 'reference', entity: 'region_owner' },
      stage: { type: 'enum', options: [{ value: 'open' }, { value: 'won' }] },
      weighted: { type: 'formula', resultType: 'decimal', expr: { '*': [{ var: 'amount' }, 0.5] } },
    },
    duplicateRules: [{ field: 'amount', match: 'exact' }],
    sharingRules: [{ name: 'west', condition: { '==': [{ var: 'owner_ref.region' }, 'west'] }, team: 'west', access: 'read' }],
  },
  { kind: 'entity', name: 'tally', fields: { deal_total: { type: 'rollup', relation: 'deal.owner_ref', aggregate: 'sum', field: 'amount' } } },
  {
    kind: 'workflow',
    name: 'grow',
    entity: 'deal',
    trigger: { on: 'update', fields: ['stage'] },
    steps: [
      { id: 'bump', type: 'set', fields: { amount: { '+': [{ var: 'amount' }, 1] } } },
      { id: 'js', type: 'script', code: 'return { big: input.amount > 10 }' },
      { id: 'other', type: 'script', code: "await crm.update('region_owner', input.owner_ref, { region: 'east' })" },
    ],
  },
  { kind: 'lifecycle', name: 'deal_flow', entity: 'deal', field: 'stage', initial: 'open', transitions: [{ name: 'win', from: ['open'], to: 'won', guard: { '>': [{ var: 'amount' }, 0] } }] },
  { kind: 'view', name: 'deals', label, entity: 'deal', columns: ['amount', { field: 'owner_ref.region' }], filter: { '>': [{ var: 'amount' }, 5] }, sort: [{ field: 'amount' }] },
  { kind: 'report', name: 'by_region', label, entity: 'deal', groupBy: ['owner_ref.region'], measures: [{ aggregate: 'sum', field: 'amount' }] },
  { kind: 'form', name: 'deal_form', entity: 'deal', sections: [{ name: 'main', fields: [{ field: 'amount' }], visibleWhen: { var: 'stage' } }] },
  { kind: 'role', name: 'clerk', label, entities: { deal: { read: 'all', fields: { amount: 'read' } } } },
];

const meta = (): EffectiveMeta => {
  const documents = {} as Record<MetadataKind, Record<string, MetadataDocument>>;
  for (const d of docs) (documents[d.kind] ??= {})[d.name] = d;
  return { entities: documents.entity as never, dictionaries: {}, documents };
};

const uses = (entity: string, field: string): string[] => fieldDependants(meta(), entity, field).map((d) => `${d.kind}/${d.name}/${d.usage}/${d.access}${d.item ? `/${d.item}` : ''}`);

describe('the automation map of a field', () => {
  it('finds every rule, formula, roll-up, workflow, script, guard, view, report, form and role that reads or writes it', () => {
    expect(uses('deal', 'amount').sort()).toEqual(
      [
        'entity/deal/duplicate_rule/read/amount',
        'entity/deal/formula/read/weighted',
        'entity/tally/rollup/read/deal_total',
        'workflow/grow/workflow_step/write/bump',
        'workflow/grow/workflow_step/read/bump',
        'workflow/grow/script/read/js',
        'lifecycle/deal_flow/lifecycle_guard/read/win',
        'view/deals/view_column/read',
        'view/deals/view_filter/read',
        'view/deals/view_sort/read',
        'report/by_region/report_measure/read',
        'form/deal_form/form_field/read',
        'role/clerk/role_field/read/deal',
      ].sort(),
    );
  });

  it('follows paths through references and names in crm calls, and the field\'s own index', () => {
    expect(uses('region_owner', 'region').sort()).toEqual(
      [
        'entity/region_owner/validation_rule/read/region_set',
        'entity/region_owner/index/read/region',
        'entity/deal/sharing_rule/read/west',
        'workflow/grow/script/write/other',
        'view/deals/view_column/read',
        'report/by_region/report_group/read',
      ].sort(),
    );
    expect(uses('deal', 'stage')).toEqual(expect.arrayContaining(['workflow/grow/workflow_trigger/read', 'lifecycle/deal_flow/lifecycle_state/write', 'form/deal_form/form_condition/read']));
    expect(uses('region_owner', 'name')).toEqual(['entity/region_owner/entity_setting/read']);
  });
});
