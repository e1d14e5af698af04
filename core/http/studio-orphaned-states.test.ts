import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const option = (value: string, en: string, zh: string) => ({ value, label: { en, 'zh-CN': zh } });
const ticket = (states: ReturnType<typeof option>[]) => ({
  kind: 'entity',
  name: 'ticket',
  label: { en: 'Ticket', 'zh-CN': '工单' },
  titleField: 'subject',
  fields: { subject: { type: 'text' }, status: { type: 'enum', options: states } },
});
const OPEN = option('open', 'Open', '打开');
const WAITING = option('waiting', 'Waiting', '等待');
const CLOSED = option('closed', 'Closed', '关闭');

describe('publish preview: records whose lifecycle state disappears', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  it('lists them per removed state in the plan and the publish, and leaves their state alone', async () => {
    const a = api(url, (await tenantWithAdmin(db, url, 'orphans')).token);
    expect((await a('PUT', '/api/studio/entity/ticket', ticket([OPEN, WAITING, CLOSED]))).status).toBe(200);
    const flow = {
      kind: 'lifecycle',
      name: 'ticket_flow',
      entity: 'ticket',
      field: 'status',
      initial: 'open',
      final: ['closed'],
      transitions: [
        { name: 'wait', from: ['open'], to: 'waiting' },
        { name: 'close', from: ['open', 'waiting'], to: 'closed' },
      ],
    };
    expect((await a('PUT', '/api/studio/lifecycle/ticket_flow', flow)).status).toBe(200);
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);
    const ids: string[] = [];
    for (const subject of ['Printer jam', 'No paper', 'Stays open']) ids.push((await a('POST', '/api/records/ticket', { subject })).body.id);
    for (const id of ids.slice(0, 2)) expect((await a('POST', `/api/records/ticket/${id}/transitions/wait`, {})).status).toBe(200);

    expect((await a('POST', '/api/studio/plan')).body.orphanedStates).toEqual([]);
    expect((await a('PUT', '/api/studio/lifecycle/ticket_flow', { ...flow, transitions: [{ name: 'close', from: ['open'], to: 'closed' }] })).status).toBe(200);
    expect((await a('PUT', '/api/studio/entity/ticket', ticket([OPEN, CLOSED]))).status).toBe(200);

    const expected = [
      {
        lifecycle: 'ticket_flow',
        entity: 'ticket',
        field: 'status',
        state: 'waiting',
        count: 2,
        records: ids
          .slice(0, 2)
          .map((id, i) => ({ id, title: ['Printer jam', 'No paper'][i] }))
          .sort((x, y) => x.id.localeCompare(y.id)),
      },
    ];
    const plan = await a('POST', '/api/studio/plan');
    expect(plan.status).toBe(200);
    expect(plan.body.orphanedStates).toEqual(expected);
    const published = await a('POST', '/api/studio/publish', {});
    expect(published.status).toBe(200);
    expect(published.body.orphanedStates).toEqual(expected);
    expect((await a('GET', `/api/records/ticket/${ids[0]}`)).body.status).toBe('waiting');
    expect((await a('GET', `/api/records/ticket/${ids[2]}`)).body.status).toBe('open');
    expect((await a('POST', '/api/studio/plan')).body.orphanedStates).toEqual([]);
  });
});
