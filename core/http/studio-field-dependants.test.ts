import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.js';
import type { RunningServer } from './server.js';
import { api, startTestServer, tenantWithAdmin } from './test-server.js';

const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const ticket = (withPriority: boolean) => ({
  kind: 'entity',
  name: 'ticket',
  label: label('Ticket', '工单'),
  titleField: 'subject',
  fields: { subject: { type: 'text' }, ...(withPriority ? { priority: { type: 'integer' } } : {}) },
});
const view = (columns: string[]) => ({ kind: 'view', name: 'ticket_list', label: label('Tickets', '工单'), entity: 'ticket', columns });
const role = (fields: Record<string, string>) => ({ kind: 'role', name: 'desk', label: label('Desk', '前台'), entities: { ticket: { read: 'all', fields } } });

describe('the automation map in the studio', () => {
  let db: Db;
  let server: RunningServer;
  let url: string;

  beforeAll(async () => {
    ({ db, server, url } = await startTestServer());
  });
  afterAll(async () => server?.close());

  it('lists what uses a field and refuses to remove it while the draft still uses it', async () => {
    const a = api(url, (await tenantWithAdmin(db, url, 'fieldmap')).token);
    for (const [path, doc] of [['entity/ticket', ticket(true)], ['view/ticket_list', view(['subject', 'priority'])], ['role/desk', role({ priority: 'read' })]] as const) {
      expect((await a('PUT', `/api/studio/${path}`, doc)).status).toBe(200);
    }
    expect((await a('POST', '/api/studio/publish', {})).status).toBe(200);

    const map = await a('GET', '/api/studio/entities/ticket/fields/priority/dependants');
    expect(map.status).toBe(200);
    expect(map.body).toEqual({
      entity: 'ticket',
      field: 'priority',
      data: [
        { kind: 'view', name: 'ticket_list', entity: 'ticket', label: label('Tickets', '工单'), usage: 'view_column', access: 'read' },
        { kind: 'role', name: 'desk', label: label('Desk', '前台'), usage: 'role_field', access: 'read', item: 'ticket' },
      ],
    });
    expect((await a('GET', '/api/studio/entities/ticket/fields/nothing/dependants')).status).toBe(404);

    const refused = await a('PUT', '/api/studio/entity/ticket', ticket(false));
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'FIELD_IN_USE', fieldsInUse: [{ entity: 'ticket', field: 'priority', dependants: [{ kind: 'view', name: 'ticket_list' }, { kind: 'role', name: 'desk' }] }] });
    expect(refused.body.detail).toBe('“ticket.priority” is still used by 2 part(s) of the metadata (view ticket_list, role desk (ticket)). Change or remove them in the same draft first.');
    expect((await a('GET', '/api/studio/entity/ticket')).body.fields.priority).toEqual({ type: 'integer' });

    // The draft changes the view first: the role still holds the field.
    expect((await a('PUT', '/api/studio/view/ticket_list', view(['subject']))).status).toBe(200);
    expect((await a('PUT', '/api/studio/entity/ticket', ticket(false))).body.fieldsInUse[0].dependants).toEqual([{ kind: 'role', name: 'desk', usage: 'role_field', access: 'read', item: 'ticket' }]);
    expect((await a('PUT', '/api/studio/role/desk', role({ subject: 'read' }))).status).toBe(200);
    expect((await a('PUT', '/api/studio/entity/ticket', ticket(false))).status).toBe(200);
    const published = await a('POST', '/api/studio/publish', {});
    expect(published.status).toBe(200);
    expect((await a('GET', '/api/studio/entities/ticket/fields/priority/dependants')).status).toBe(404);
  });
});
