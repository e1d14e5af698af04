import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetaAction } from '../actions/record-actions.js';
import type { MetaEntity } from '../api/types.js';
import { useMetaStore } from '../stores/meta.js';
import { json, stubFetch } from '../testing/fetch-stub.js';
import { deal, dealLifecycle } from '../testing/fixtures.js';
import { mountApp } from '../testing/mount-app.js';
import RecordCommands from './RecordCommands.vue';

const withLifecycle = () => {
  useMetaStore().meta!.lifecycles = { deal_stage: dealLifecycle };
};
const lossActions: MetaAction[] = [
  { name: 'pause_churn', label: { en: 'Pause churn', 'zh-CN': '暂缓流失' }, input: { measures: { type: 'long_text' as const, label: { en: 'Measures', 'zh-CN': '措施' }, required: true } }, allowed: true },
  { name: 'confirm_churn', label: { en: 'Confirm churn', 'zh-CN': '确认流失' }, input: { reason: { type: 'long_text' as const, label: { en: 'Reason', 'zh-CN': '原因' }, required: true } }, allowed: true },
  { name: 'archive_loss', label: { en: 'Archive', 'zh-CN': '归档' }, allowed: false },
];
const loss: MetaEntity = { kind: 'entity', name: 'customer_loss', fields: { status: { type: 'text' } }, access: { create: false, update: true, delete: false, fields: { status: 'write' } }, actions: lossActions };

describe('RecordCommands', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('offers the transitions out of the present state, a refused one disabled with its reason, and takes one with If-Match', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal/d1/transitions': {
        data: [
          { name: 'win', label: { en: 'Win', 'zh-CN': '赢单' }, field: 'stage', from: ['new'], to: 'won', allowed: true },
          { name: 'lose', label: { en: 'Lose', 'zh-CN': '丢单' }, field: 'stage', from: ['new'], to: 'lost', allowed: false, reason: '"lose" needs one of the roles director' },
          { name: 'reopen', field: 'stage', from: ['won', 'lost'], to: 'new', allowed: false, reason: 'wrong state' },
        ],
      },
      'POST /api/records/deal/d1/transitions/win': { id: 'd1', version: 4, stage: 'won' },
    });
    const onChanged = vi.fn();
    const w = mountApp(RecordCommands, { props: { entityName: 'deal', entity: deal, record: { id: 'd1', version: 3, stage: 'new' }, onChanged } }, 'en', withLifecycle);
    await flushPromises();
    const buttons = w.findAll('button.transition');
    expect(buttons.map((b) => [b.text(), b.attributes('disabled') !== undefined])).toEqual([
      ['Win', false],
      ['Lose', true],
    ]);
    expect(w.find('[data-transition="reopen"]').exists()).toBe(false);
    expect(w.findComponent({ name: 'ElTooltip' }).props('content')).toBe('"lose" needs one of the roles director');
    await buttons[0].trigger('click');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/records/deal/d1/transitions/win');
    expect(post.headers['If-Match']).toBe('3');
    expect(onChanged).toHaveBeenCalledOnce();
    w.unmount();
  });

  it('asks for an action’s inputs in a dialog, posts them, and words a 403 as a refusal', async () => {
    const { calls } = stubFetch({
      'POST /api/records/customer_loss/l1/actions/pause_churn': { id: 'l1', status: 'paused' },
      'POST /api/records/customer_loss/l1/actions/confirm_churn': json(403, { title: 'Forbidden', status: 403, detail: 'needs the "customer_loss.confirm_churn" right', code: 'NO_ACTION_RIGHT' }),
    });
    const w = mountApp(RecordCommands, { props: { entityName: 'customer_loss', entity: loss, record: { id: 'l1', version: 1, status: 'warning' } } });
    await flushPromises();
    expect(w.findAll('button.record-action').map((b) => b.text())).toEqual(['Pause churn', 'Confirm churn']);

    await w.find('[data-action="pause_churn"]').trigger('click');
    await flushPromises();
    const dialog = () => document.querySelector('.record-action-dialog')!;
    const confirm = () => [...dialog().querySelectorAll('button')].find((b) => b.textContent?.includes('Confirm'))!;
    confirm().click();
    await flushPromises();
    expect(dialog().querySelector('.el-form-item.is-error')).not.toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    const textarea = dialog().querySelector('textarea')!;
    textarea.value = 'Visit with the regional manager';
    textarea.dispatchEvent(new Event('input'));
    confirm().click();
    await flushPromises();
    expect(JSON.parse(calls.find((c) => c.method === 'POST')!.body!)).toEqual({ measures: 'Visit with the regional manager' });

    await w.find('[data-action="confirm_churn"]').trigger('click');
    await flushPromises();
    const reason = [...document.querySelectorAll('.record-action-dialog textarea')].at(-1) as HTMLTextAreaElement;
    reason.value = 'Moved to a competitor';
    reason.dispatchEvent(new Event('input'));
    const dialogs = [...document.querySelectorAll('.record-action-dialog')];
    [...dialogs.at(-1)!.querySelectorAll('button')].find((b) => b.textContent?.includes('Confirm'))!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('You do not have permission to do this: needs the "customer_loss.confirm_churn" right');
    w.unmount();
  });

  it('draws the actions and their dialog fields from /api/meta, leaving out those the user may not run', async () => {
    const { calls } = stubFetch({ 'POST /api/records/customer_loss/l1/actions/log_call': { id: 'l1' } });
    const entity: MetaEntity = {
      ...loss,
      actions: [
        { name: 'log_call', label: { en: 'Log a call', 'zh-CN': '记录来电' }, input: { minutes: { type: 'integer', label: { en: 'Minutes', 'zh-CN': '分钟' }, required: true }, note: { type: 'text', label: { en: 'Note', 'zh-CN': '备注' } } }, allowed: true },
        { name: 'confirm_churn', label: { en: 'Confirm churn', 'zh-CN': '确认流失' }, allowed: false },
      ],
    };
    const w = mountApp(RecordCommands, { props: { entityName: 'customer_loss', entity, record: { id: 'l1', version: 1, status: 'warning' } } }, 'zh-CN');
    await flushPromises();
    expect(w.findAll('button.record-action').map((b) => b.text())).toEqual(['记录来电']);
    await w.find('[data-action="log_call"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector('.record-action-dialog')!;
    expect([...dialog.querySelectorAll('.el-form-item__label')].map((l) => l.textContent)).toEqual(['分钟', '备注']);
    const inputs = [...dialog.querySelectorAll('input')] as HTMLInputElement[];
    inputs[0].value = '15';
    inputs[0].dispatchEvent(new Event('input'));
    [...dialog.querySelectorAll('button')].find((b) => b.textContent?.includes('确'))!.click();
    await flushPromises();
    expect(JSON.parse(calls.find((c) => c.method === 'POST')!.body!)).toEqual({ minutes: 15, note: '' });
    w.unmount();
  });

  it('offers the published manual workflows of the entity and starts one on the record', async () => {
    const { calls } = stubFetch({ 'POST /api/workflows/escalate/run': json(202, { runs: ['r1'] }) });
    const withWorkflows = () => {
      useMetaStore().meta!.workflows = {
        escalate: { kind: 'workflow', name: 'escalate', label: { en: 'Escalate', 'zh-CN': '升级' }, entity: 'customer_loss', trigger: { on: 'manual' }, steps: [] },
        other: { kind: 'workflow', name: 'other', entity: 'deal', trigger: { on: 'manual' }, steps: [] },
        auto: { kind: 'workflow', name: 'auto', entity: 'customer_loss', trigger: { on: 'create' }, steps: [] },
      };
    };
    const w = mountApp(RecordCommands, { props: { entityName: 'customer_loss', entity: { ...loss, actions: [] }, record: { id: 'l1', version: 1, status: 'warning' } } }, 'zh-CN', withWorkflows);
    await flushPromises();
    expect(w.findAll('button.workflow-run').map((b) => b.text())).toEqual(['升级']);
    await w.find('[data-workflow="escalate"]').trigger('click');
    await flushPromises();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/workflows/escalate/run');
    expect(JSON.parse(post.body!)).toEqual({ recordIds: ['l1'] });
    w.unmount();
  });

  it('offers a manual workflow as a button only where it can start: its condition met, the right it needs held, not started by a transition', async () => {
    stubFetch({ 'GET /api/records/deal/d1/transitions': { data: [{ name: 'win', field: 'stage', from: ['new'], to: 'won', allowed: true }] } });
    const setUp = () => {
      const meta = useMetaStore().meta!;
      meta.lifecycles = { deal_stage: { ...dealLifecycle, transitions: dealLifecycle.transitions.map((tr) => (tr.name === 'win' ? { ...tr, workflow: 'won_mail' } : tr)) } };
      meta.workflows = {
        send_offer: { kind: 'workflow', name: 'send_offer', label: { en: 'Send the offer', 'zh-CN': '发送报价' }, entity: 'deal', trigger: { on: 'manual', condition: { '!!': { var: 'email' } }, requires: 'update' }, steps: [] },
        big_review: { kind: 'workflow', name: 'big_review', label: { en: 'Big deal review', 'zh-CN': '大单评审' }, entity: 'deal', trigger: { on: 'manual', condition: { '>': [{ var: 'amount' }, 100000] } }, steps: [] },
        won_mail: { kind: 'workflow', name: 'won_mail', label: { en: 'Thank-you mail', 'zh-CN': '感谢邮件' }, entity: 'deal', trigger: { on: 'manual' }, steps: [] },
        look_up: { kind: 'workflow', name: 'look_up', label: { en: 'Credit check', 'zh-CN': '信用查询' }, entity: 'deal', trigger: { on: 'manual', runAs: 'workflow', roles: ['sales'] }, steps: [] },
      };
    };
    const buttons = async (entity: MetaEntity, record: Record<string, unknown>) => {
      const w = mountApp(RecordCommands, { props: { entityName: 'deal', entity, record: { id: 'd1', version: 1, stage: 'new', ...record } } }, 'zh-CN', setUp);
      await flushPromises();
      const names = w.findAll('button.workflow-run').map((b) => b.text());
      w.unmount();
      return names;
    };
    expect(await buttons(deal, { email: 'buyer@example.com', amount: 5000 })).toEqual(['发送报价', '信用查询']);
    expect(await buttons(deal, { email: null, amount: 250000 })).toEqual(['大单评审', '信用查询']);
    const readOnly: MetaEntity = { ...deal, access: { create: false, update: false, delete: false, fields: {} } };
    expect(await buttons(readOnly, { email: 'buyer@example.com', amount: 250000 })).toEqual(['信用查询']);
  });

  it('offers no actions to a user who may not update the record', async () => {
    stubFetch({});
    const readOnly: MetaEntity = { ...loss, access: { ...loss.access!, update: false } };
    const w = mountApp(RecordCommands, { props: { entityName: 'customer_loss', entity: readOnly, record: { id: 'l1', version: 1, status: 'warning' } } });
    await flushPromises();
    expect(w.find('.record-commands').exists()).toBe(false);
    w.unmount();
  });

  it('offers an action only on the records it applies to, once (not again as a transition of the same name), and Change owner to assigners', async () => {
    stubFetch({
      'GET /api/records/deal/d1/transitions': { data: [{ name: 'assign', field: 'stage', from: ['new'], to: 'won', allowed: false, reason: 'needs a handler' }, { name: 'win', field: 'stage', from: ['new'], to: 'won', allowed: true }] },
    });
    const actions: MetaAction[] = [
      { name: 'assign', label: { en: 'Assign', 'zh-CN': '分配' }, input: { handler: { type: 'user', label: { en: 'Handler', 'zh-CN': '处理人' }, required: true } }, allowed: true, when: { in: [{ var: 'stage' }, ['new', 'assigned']] } },
      { name: 'convert', label: { en: 'Convert', 'zh-CN': '转化' }, allowed: true, when: { '==': [{ var: 'stage' }, 'won'] } },
    ];
    const entity: MetaEntity = { ...deal, access: { create: true, update: true, delete: true, assign: true, fields: {} }, actions };
    const w = mountApp(RecordCommands, { props: { entityName: 'deal', entity, record: { id: 'd1', version: 1, stage: 'new' } } }, 'zh-CN', withLifecycle);
    await flushPromises();
    expect(w.findAll('button.record-action').map((b) => b.text())).toEqual(['分配']);
    expect(w.findAll('button.transition').map((b) => b.text())).toEqual(['Win']);
    expect(w.find('button.change-owner').text()).toBe('转移');
    w.unmount();
  });

  it('asks before an irreversible step, in the user’s language, and takes nothing when told no', async () => {
    const { calls } = stubFetch({
      'GET /api/records/deal/d1/transitions': { data: [{ name: 'win', label: { en: 'Win', 'zh-CN': '赢单' }, field: 'stage', from: ['new'], to: 'won', allowed: true }] },
    });
    const irreversible = () => {
      useMetaStore().meta!.lifecycles = { deal_stage: { ...dealLifecycle, transitions: dealLifecycle.transitions.map((x) => (x.name === 'win' ? { ...x, confirm: true } : x)) } };
    };
    const w = mountApp(RecordCommands, { props: { entityName: 'deal', entity: deal, record: { id: 'd1', version: 3, stage: 'new' } } }, 'zh-CN', irreversible);
    await flushPromises();
    await w.find('button.transition').trigger('click');
    await flushPromises();
    const box = document.querySelector('.el-message-box')!;
    expect(box.textContent).toContain('“赢单”无法撤销，确定继续吗？');
    [...box.querySelectorAll('button')].find((b) => b.textContent?.includes('取消'))!.click();
    await flushPromises();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    w.unmount();
  });
});
