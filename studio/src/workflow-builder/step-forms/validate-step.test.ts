import { describe, expect, it } from 'vitest';
import type { WorkflowDocument, WorkflowStep } from '../../api/workflows.js';
import { TRIGGER_NODE } from '../../lib/workflow-graph.js';
import { account, deal } from '../../testing/fixtures.js';
import { stepProblems, workflowProblems, type CheckContext } from './validate-step.js';

const ctx: CheckContext = { entity: deal, entities: { deal, account }, stepIds: ['a', 'b'] };
const keys = (step: Omit<WorkflowStep, 'id'>) => stepProblems({ id: 'a', ...step } as WorkflowStep, ctx).map((p) => `${p.field}:${p.key}`);

describe('checks the step forms make before saving', () => {
  it('set: needs fields that exist and can be written', () => {
    expect(keys({ type: 'set', fields: {} })).toEqual(['fields:noValues']);
    expect(keys({ type: 'set', fields: { title: 'x', total: 1, nope: 2 } })).toEqual(['fields:readOnlyField', 'fields:unknownField']);
    expect(keys({ type: 'set', fields: { title: { var: 'name' } } })).toEqual([]);
  });

  it('create and update_related: need their entity and the reference that links them', () => {
    expect(keys({ type: 'create', entity: '', fields: {} })).toEqual(['entity:chooseEntity', 'fields:noValues']);
    expect(keys({ type: 'create', entity: 'account', fields: { name: 'x' } })).toEqual([]);
    expect(keys({ type: 'update_related', entity: 'deal', field: '', fields: { title: 'x' } })).toEqual(['field:chooseReference']);
    expect(keys({ type: 'update_related', reference: 'account', fields: { name: 'x', title: 'y' } })).toEqual(['fields:unknownField']);
  });

  it('notify, email, approval, assign: need someone to address', () => {
    expect(keys({ type: 'notify', to: {}, title: '' })).toEqual(['to:noRecipients', 'title:titleRequired']);
    expect(keys({ type: 'notify', to: { roles: ['sales'] }, title: 'x'.repeat(201) })).toEqual(['title:tooLong']);
    expect(keys({ type: 'notify', to: { roles: ['sales'] }, title: { en: 'New', 'zh-CN': '' } })).toEqual(['title:titleRequired']);
    expect(keys({ type: 'notify', to: { roles: ['sales'] }, title: { en: 'New', 'zh-CN': '新' }, body: { en: 'x'.repeat(2001), 'zh-CN': '' } })).toEqual(['body:tooLong']);
    expect(keys({ type: 'notify', to: { roles: ['sales'] }, title: { en: 'New', 'zh-CN': '新' } })).toEqual([]);
    expect(keys({ type: 'email', addresses: ['bad'], subject: 'Hi' })).toEqual(['addresses:badAddress']);
    expect(keys({ type: 'email', to: {}, subject: '' })).toEqual(['to:noAddressee', 'subject:subjectRequired']);
    expect(keys({ type: 'email', addresses: ['{{email}}'], template: 'order_confirmed', locale: 'zh-CN' })).toEqual([]);
    expect(keys({ type: 'approval', approvers: {}, mode: 'k_of_n', escalateAfter: { days: 1 }, onReject: 'zzz' })).toEqual([
      'approvers:noRecipients',
      'k:kRequired',
      'escalateTo:escalateTo',
      'onReject:unknownStep',
    ]);
    expect(keys({ type: 'assign', strategy: 'round_robin', candidates: {} })).toEqual(['candidates:noCandidates']);
    expect(keys({ type: 'assign', strategy: 'rule', rules: [{ when: true, user: '' }] })).toEqual(['rules:ruleUser']);
  });

  it('webhook, script, wait, branch: need their URL, code, duration and conditions', () => {
    expect(keys({ type: 'webhook', url: 'ftp://x.example' })).toEqual(['url:badUrl']);
    expect(keys({ type: 'webhook', url: 'https://hooks.example/x', timeoutSeconds: 90 })).toEqual(['timeoutSeconds:timeoutRange']);
    expect(keys({ type: 'script', code: ' ' })).toEqual(['code:codeRequired']);
    expect(keys({ type: 'wait', days: 0 })).toEqual(['duration:durationRequired']);
    expect(keys({ type: 'wait', until: { var: 'close_on' } })).toEqual([]);
    expect(keys({ type: 'branch', then: 'zzz' })).toEqual(['if:conditionRequired', 'then:unknownStep']);
    expect(keys({ type: 'branch', cases: [] })).toEqual(['cases:noCases']);
    expect(keys({ type: 'set', fields: { title: 'x' }, next: 'ghost' })).toEqual(['next:unknownStep']);
    expect(keys({ type: 'set', fields: { title: 'x' }, label: { en: 'Grade', 'zh-CN': '' } })).toEqual(['label:labelBoth']);
  });

  it('checks the trigger too: record triggers need an entity, schedules a cron, dates a field', () => {
    const doc: WorkflowDocument = { kind: 'workflow', name: 'w', trigger: { on: 'create' }, steps: [{ id: 'a', type: 'script', code: 'return 1' }] };
    expect(workflowProblems(doc, { deal }).map((p) => [p.node, p.key])).toEqual([[TRIGGER_NODE, 'entityRequired']]);
    expect(workflowProblems({ ...doc, trigger: { on: 'schedule', cron: '0 9' } }, {}).map((p) => p.key)).toEqual(['cronRequired']);
    expect(workflowProblems({ ...doc, entity: 'deal', trigger: { on: 'date' } }, { deal }).map((p) => p.key)).toEqual(['dateFieldRequired']);
  });
});
