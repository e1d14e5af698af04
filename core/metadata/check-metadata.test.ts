import { describe, expect, it } from 'vitest';
import type { MetadataDocument } from './types.js';
import { checkMetadata } from './check-metadata.js';
import { label, sample, sampleDocuments, withDocument } from './test-fixtures.js';

/** Problems of a sample set where `doc` replaces its namesake, as "kind/name pointer: message". */
const problemsWith = (doc: MetadataDocument): string[] => checkMetadata(withDocument(doc)).map((p) => `${p.file} ${p.pointer}: ${p.message}`);

const patch = (kind: string, name: string, change: Record<string, unknown>): MetadataDocument => ({ ...sample(kind, name), ...change });

describe('checkMetadata (semantic pass)', () => {
  it('passes a consistent set', () => {
    expect(checkMetadata(sampleDocuments())).toEqual([]);
  });

  it('entities: duplicate rules name text, e-mail or phone fields', () => {
    const account = sample('entity', 'account');
    const fields = account.fields as Record<string, unknown>;
    const doc = { ...account, fields: { ...fields, mail: { type: 'email' }, size: { type: 'integer' } }, duplicateRules: [{ field: 'mail', match: 'email' }, { field: 'ghost', match: 'exact' }, { field: 'size', match: 'exact' }] } as MetadataDocument;
    expect(problemsWith(doc).filter((p) => p.includes('duplicateRules'))).toEqual([
      'entity/account /duplicateRules/1/field: field "ghost" does not exist',
      'entity/account /duplicateRules/2/field: "size" must be a text, e-mail or phone field',
    ]);
  });

  it('entities: references, names, title and search fields, rules', () => {
    const account = sample('entity', 'account');
    const fields = account.fields as Record<string, unknown>;
    const broken = {
      ...account,
      name: 'account',
      titleField: 'title',
      localeTitleFields: { 'zh-CN': 'name_zh' },
      searchFields: ['name', 'nope'],
      fields: {
        ...fields,
        owner: { type: 'reference', entity: 'person' },
        select: { type: 'text' },
        secret_key: { type: 'text', internal: true, required: true },
        version: { type: 'integer' },
        level: { type: 'enum', dictionary: 'levels' },
        kind2: { type: 'enum' },
        spent: { type: 'rollup', relation: 'sales_order.nope', aggregate: 'sum', field: 'status' },
        avg_due: { type: 'rollup', relation: 'sales_order.account', aggregate: 'avg' },
        score: { type: 'formula', resultType: 'integer', expr: { '+': [{ var: 'missing_field' }, 1] } },
        links: { type: 'many_to_many', entity: 'tag', through: 'account_tag', sourceField: 'tag', targetField: 'account' },
      },
      rules: [
        { name: 'r', rule: { '==': [{ var: 'grade.x' }, 1] }, message: label('m', 'm'), fields: ['ghost'] },
        { name: 'r', rule: { '==': [{ var: '$old.name' }, { var: '$user.id' }] }, message: label('m', 'm') },
      ],
    } as MetadataDocument;
    expect(problemsWith(broken)).toEqual(
      expect.arrayContaining([
        'entity/account /fields/owner/entity: entity "person" does not exist',
        'entity/account /fields/select: "select" is a reserved word and cannot name a field',
        'entity/account /fields/version: "version" is a system column every record has',
        'entity/account /fields/level/dictionary: dictionary "levels" does not exist',
        'entity/account /fields/kind2: needs a dictionary or options',
        'entity/account /fields/spent/relation: "sales_order.nope" must be a reference field to "account"',
        'entity/account /fields/spent/field: "sales_order.status" is not a number, so it cannot be summed or averaged',
        'entity/account /fields/avg_due/field: is required for aggregate "avg"',
        'entity/account /fields/links/sourceField: "account_tag.tag" must be a reference field to "account"',
        'entity/account /fields/links/targetField: "account_tag.account" must be a reference field to "tag"',
        'entity/account /titleField: field "title" does not exist',
        'entity/account /localeTitleFields/zh-CN: field "name_zh" does not exist',
        'entity/account /fields/secret_key: an internal field is not in forms, so it needs a default to be required',
        'entity/account /searchFields/1: field "nope" does not exist',
        'entity/account /rules/0/fields/0: field "ghost" does not exist',
        'entity/account /rules/1/name: another rule is also named "r"',
      ]),
    );
    const texts = problemsWith(broken).join('\n');
    expect(texts).toMatch(/\/fields\/score\/expr.*missing_field/);
    expect(texts).toMatch(/\/rules\/0\/rule.*grade\.x/);
    expect(texts).not.toMatch(/\$old\.name|\$user\.id/);
  });

  it('entities: an internal field cannot name records', () => {
    const account = sample('entity', 'account');
    const fields = account.fields as Record<string, unknown>;
    const doc = { ...account, titleField: 'account_key', fields: { ...fields, account_key: { type: 'text', internal: true } } } as MetadataDocument;
    expect(problemsWith(doc)).toEqual(['entity/account /titleField: "account_key" is internal: people never see it, so it cannot name records']);
  });

  it('refuses a reserved entity name', () => {
    expect(problemsWith({ kind: 'entity', name: 'order', fields: {} } as MetadataDocument)).toContain(
      'entity/order /name: "order" is a reserved word and cannot name an entity',
    );
  });

  it('forms and views name real fields; view filters compile to SQL', () => {
    const form = patch('form', 'account_main', {
      tabs: [{ name: 't', label: label('T', 'T'), sections: [{ name: 's', fields: ['nope', { field: 'grade', visibleWhen: { '==': [{ var: 'ghost' }, 1] } }] }] }],
      sections: [{ name: 'o', relatedList: { entity: 'sales_order', field: 'amount', columns: ['nope'] } }],
    });
    expect(problemsWith(form)).toEqual(
      expect.arrayContaining([
        'form/account_main /tabs/0/sections/0/fields/0: field "nope" does not exist in "account"',
        'form/account_main /sections/0/relatedList/field: "sales_order.amount" must be a reference field to "account"',
        'form/account_main /sections/0/relatedList/columns/0: "nope" names no field of "sales_order"',
      ]),
    );
    expect(problemsWith(form).join('\n')).toMatch(/\/tabs\/0\/sections\/0\/fields\/1\/visibleWhen.*ghost/);
    const view = patch('view', 'big_orders', {
      columns: ['account.nope', 'amount.x', 'created_at'],
      kanban: { field: 'amount' },
      type: 'calendar',
      filter: { '>': [{ var: 'nope' }, 1] },
    });
    expect(problemsWith(view)).toEqual(
      expect.arrayContaining([
        'view/big_orders /columns/0: "account.nope" names no field of "sales_order"',
        'view/big_orders /columns/1: "amount.x" names no field of "sales_order"',
        'view/big_orders /kanban/field: "amount" must be an enum field to group a board by',
        'view/big_orders /calendar: is required for a calendar view',
      ]),
    );
    expect(problemsWith(view).join('\n')).toMatch(/\/filter.*nope/);
  });

  it('lifecycles: an enum state field holding every state; roles exist', () => {
    const lifecycle = patch('lifecycle', 'order_flow', {
      initial: 'draft',
      transitions: [{ name: 'ship', from: ['paid', 'gone'], to: 'shipped', roles: ['nobody'] }],
    });
    expect(problemsWith(lifecycle)).toEqual([
      'lifecycle/order_flow /initial: "draft" is not a value of the state field',
      'lifecycle/order_flow /transitions/0/from/1: "gone" is not a value of the state field',
      'lifecycle/order_flow /transitions/0/to: "shipped" is not a value of the state field',
      'lifecycle/order_flow /transitions/0/roles/0: role "nobody" does not exist',
    ]);
    expect(problemsWith(patch('lifecycle', 'order_flow', { field: 'amount' }))).toEqual(['lifecycle/order_flow /field: "amount" must be an enum field to hold the state']);
  });

  it('lifecycles that declare final states: every state reachable, none stuck unless final', () => {
    expect(problemsWith(patch('lifecycle', 'order_flow', { final: ['paid'] }))).toEqual(['lifecycle/order_flow /final: the state "cancelled" has no way out and is not final']);
    expect(problemsWith(patch('lifecycle', 'order_flow', { final: ['cancelled', 'paid', 'shipped'] }))).toEqual([
      'lifecycle/order_flow /final/2: "shipped" is not a value of the state field',
      'lifecycle/order_flow /transitions: no transition leads to the state "shipped" from the initial state',
    ]);
    expect(problemsWith(patch('lifecycle', 'order_flow', { final: ['cancelled', 'paid'] }))).toEqual([]);
  });

  it('workflows, roles, reports and dashboards', () => {
    expect(problemsWith(patch('workflow', 'welcome', { entity: 'lead', steps: [{ id: 'a', type: 'set', next: 'b' }, { id: 'a', type: 'set' }] }))).toEqual([
      'workflow/welcome /entity: entity "lead" does not exist',
      'workflow/welcome /steps/1/id: another step also has the id "a"',
      'workflow/welcome /steps/0/next: no step has the id "b"',
    ]);
    expect(problemsWith(patch('workflow', 'welcome', { entity: undefined, trigger: { on: 'schedule' } }))).toEqual([
      'workflow/welcome /trigger/cron: is required for a "schedule" trigger',
    ]);
    const role = patch('role', 'sales_rep', { entities: { lead: { read: 'all' }, sales_order: { read: { '==': [{ var: 'nope' }, 1] }, fields: { ghost: 'hidden' } } } });
    const roleProblems = problemsWith(role);
    expect(roleProblems).toEqual(expect.arrayContaining(['role/sales_rep /entities/lead: entity "lead" does not exist', 'role/sales_rep /entities/sales_order/fields/ghost: field "ghost" does not exist in "sales_order"']));
    expect(roleProblems.join('\n')).toMatch(/\/entities\/sales_order\/read.*nope/);
    expect(problemsWith(patch('report', 'sales_by_region', { groupBy: [{ field: 'amount', granularity: 'year' }], measures: [{ aggregate: 'sum' }], sort: [{ field: 'x' }] }))).toEqual([
      'report/sales_by_region /groupBy/0/granularity: "amount" is not a date, so it has no granularity',
      'report/sales_by_region /measures/0/field: is required for aggregate "sum"',
      'report/sales_by_region /sort/0/field: "x" is neither a group nor a measure of this report',
    ]);
    expect(problemsWith(patch('report', 'sales_by_region', {
      dimensions: [
        { name: 'time', label: { en: 'T', 'zh-CN': 'T' }, type: 'time', field: 'amount' },
        { name: 'org', label: { en: 'O', 'zh-CN': 'O' }, type: 'organisation', owner: 'amount' },
        { name: 'where', label: { en: 'W', 'zh-CN': 'W' }, type: 'levels', levels: [{ name: 'x', field: 'nope' }] },
        { name: 'where', label: { en: 'W', 'zh-CN': 'W' }, type: 'levels', levels: [{ name: 'id', field: 'id' }] },
      ],
    }))).toEqual([
      'report/sales_by_region /dimensions/0/field: "amount" is not a date',
      'report/sales_by_region /dimensions/1/owner: "amount" is not the owner of a record of "sales_order"',
      'report/sales_by_region /dimensions/2/levels/0/field: "nope" names no field of "sales_order"',
      'report/sales_by_region /dimensions/3/name: another dimension is also named "where"',
    ]);
    expect(problemsWith(patch('dashboard', 'sales', { widgets: [{ id: 'w', report: 'nope' }] }))).toEqual(['dashboard/sales /widgets/0/report: report "nope" does not exist']);
  });

  it('names the file of each problem through fileOf', () => {
    const problems = checkMetadata(withDocument(patch('dashboard', 'sales', { widgets: [{ id: 'w', report: 'nope' }] })), {
      fileOf: (kind, name, pointer) => `plugins/x/${kind}s/${name}.json#${pointer}`,
    });
    expect(problems).toEqual([{ file: 'plugins/x/dashboards/sales.json#/widgets/0/report', pointer: '/widgets/0/report', message: 'report "nope" does not exist' }]);
  });

  it('survives documents that failed the structural pass', () => {
    const junk = [{ kind: 'entity', name: 'x', fields: 'no' }, { kind: 'view', name: 'v', entity: 'x', columns: 'no' }, { kind: 'role', name: 'r', entities: [] }] as unknown as MetadataDocument[];
    expect(() => checkMetadata([...sampleDocuments(), ...junk])).not.toThrow();
  });
});
