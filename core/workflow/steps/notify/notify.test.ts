import { describe, expect, it } from 'vitest';
import type { EntityDocument } from '../../../metadata/types.js';
import { createRecord, type RecordContext } from '../../../records/index.js';
import { addUser, settle, stepHarness } from '../../test-support/step-harness.js';
import { person } from '../../test-support/workflow-tenant.js';
import { listNotifications, markNotificationRead } from './list-notifications.js';

const ticket: EntityDocument = { kind: 'entity', name: 'ticket', titleField: 'subject', fields: { subject: { type: 'text', required: true } } };

describe('notify step', () => {
  const h = stepHarness();

  it("notifies role holders and the record's owner in the app, with templates", async () => {
    const t = await h.tenants.add([ticket], [{
      name: 'bell', entity: 'ticket', trigger: { on: 'create' },
      steps: [{ id: 'tell', type: 'notify', to: { roles: ['support'], field: 'owner_id' }, title: 'New ticket: {{subject}}', body: 'Opened by {{$run.trigger}}' }],
    }]);
    const agent = await addUser(h.db, t.tenant, 'Agent', { roles: ['support'] });
    const owner = await addUser(h.db, t.tenant, 'Owner');
    await t.write((ctx) => createRecord('ticket', { subject: '打印机卡纸', owner_id: owner.id }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const as = (id: string) => <T>(fn: (ctx: RecordContext) => Promise<T>) => t.write(fn, person({ id, isAdmin: false }));
    const mine = await as(agent.id)((ctx) => listNotifications({}, ctx));
    expect(mine).toMatchObject({ unread: 1, data: [{ title: 'New ticket: 打印机卡纸', body: 'Opened by create', entity: 'ticket', run_id: run.id }] });
    await as(agent.id)((ctx) => markNotificationRead(mine.data[0].id, ctx));
    expect((await as(agent.id)((ctx) => listNotifications({ unread: true }, ctx))).unread).toBe(0);
    expect((await as(owner.id)((ctx) => listNotifications({}, ctx))).unread).toBe(1);
    await expect(as(owner.id)((ctx) => markNotificationRead(mine.data[0].id, ctx))).rejects.toMatchObject({ status: 404 });
  });

  it('writes each user the title and body in their language when the step gives both', async () => {
    const t = await h.tenants.add([ticket], [{
      name: 'bell2', entity: 'ticket', trigger: { on: 'create' },
      steps: [{
        id: 'tell', type: 'notify', to: { roles: ['support'], field: 'owner_id' },
        title: { en: 'New ticket: {{subject}}', 'zh-CN': '新工单：{{subject}}' },
        body: { en: 'Please look at it', 'zh-CN': '请及时处理' },
      }],
    }]);
    const li = await addUser(h.db, t.tenant, 'Li', { roles: ['support'], locale: 'zh-CN' });
    const ann = await addUser(h.db, t.tenant, 'Ann');
    await t.write((ctx) => createRecord('ticket', { subject: 'printer', owner_id: ann.id }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const of = (id: string) => t.write((ctx) => listNotifications({}, ctx), person({ id, isAdmin: false }));
    expect((await of(li.id)).data).toMatchObject([{ title: '新工单：printer', body: '请及时处理' }]);
    expect((await of(ann.id)).data).toMatchObject([{ title: 'New ticket: printer', body: 'Please look at it' }]);
  });

  it('fills templates from own data only: {{constructor}} renders nothing', async () => {
    const t = await h.tenants.add([ticket], [{
      name: 'probe', entity: 'ticket', trigger: { on: 'create' },
      steps: [{ id: 'tell', type: 'notify', to: { field: 'owner_id' }, title: '[{{constructor}}][{{__proto__}}][{{subject.constructor}}][{{$run.toString}}]{{subject}}' }],
    }]);
    const owner = await addUser(h.db, t.tenant, 'Reader');
    await t.write((ctx) => createRecord('ticket', { subject: 'jam', owner_id: owner.id }, ctx));
    const [run] = await t.runs();
    await settle(t, run.id);
    const mine = await t.write((ctx) => listNotifications({}, ctx), person({ id: owner.id, isAdmin: false }));
    expect(mine.data.map((n: { title: string }) => n.title)).toEqual(['[][][][]jam']);
  });
});
