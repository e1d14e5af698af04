import { getRecord, invalidInput, ruleViolation, updateRecord, type RecordActionDef } from '../../../core/index.js';
import { isUuid, takeTransition } from './transition.js';

/**
 * 分配: POST /api/records/service_case/<id>/actions/assign {"handler": "<user id>"} (right
 * `service_case.assign`). A new case gets its handler and takes the `assign` transition
 * (roles: sales director or service manager) in one transaction; an assigned case is
 * handed to another handler. The handler must be an active user of the tenant (422); a
 * case changed meanwhile is a 409.
 */
export const assignCase: RecordActionDef = {
  label: { en: 'Assign', 'zh-CN': '分配' },
  input: { handler: { type: 'user', label: { en: 'Handler', 'zh-CN': '处理人' }, required: true } },
  when: { in: [{ var: 'status' }, ['new', 'assigned']] },
  async run({ id, record, params }, ctx) {
    const handler = params.handler;
    if (!isUuid(handler)) throw invalidInput('"handler" must be the id of a user', [{ field: 'handler', message: 'is required (a user id)' }]);
    const user = await ctx.db('_users').where({ id: handler }).first('active');
    if (!user?.active) {
      throw ruleViolation('The handler must be an active user of this tenant', { errors: [{ field: 'handler', message: 'is not an active user', code: 'UNKNOWN_USER' }] });
    }
    const loaded = { ifMatch: Number(record.version) };
    if (record.status === 'assigned') {
      if (record.handler === handler) return getRecord('service_case', id, ctx);
      return updateRecord('service_case', id, { handler }, ctx, loaded);
    }
    return takeTransition('service_case', id, 'assign', ctx, { ...loaded, set: { handler } });
  },
};
