import { conflict, invalidInput, todayIn, updateRecord, type RecordActionDef, type RecordContext } from '../../../core/index.js';

/** Today in the tenant's zone (the record context's clock when it has one). */
const today = (ctx: RecordContext): string => todayIn(ctx.time?.timeZone ?? 'UTC', ctx.now ?? new Date());

const requiredText = (params: Record<string, unknown>, name: string): string => {
  const value = params[name];
  if (typeof value !== 'string' || !value.trim()) throw invalidInput(`"${name}" is required`, [{ field: name, message: 'is required' }]);
  return value.trim();
};

/** The version the action read: a churn changed meanwhile (say, confirmed by someone else) is a 409, not overwritten. */
const loaded = (record: Record<string, unknown>) => ({ ifMatch: Number(record.version) });

/** 暂缓流失: the account manager records the measures taken to keep the customer (more can be added later). */
export const pauseChurn: RecordActionDef = {
  label: { en: 'Pause churn', 'zh-CN': '暂缓流失' },
  input: { measures: { type: 'long_text', label: { en: 'Measures to stop the churn', 'zh-CN': '暂缓措施' }, required: true } },
  when: { '!=': [{ var: 'status' }, 'confirmed'] },
  async run({ id, record, params }, ctx) {
    const measures = requiredText(params, 'measures');
    if (record.status === 'confirmed') throw conflict('This churn is already confirmed');
    const previous = typeof record.pause_measures === 'string' && record.pause_measures ? `${record.pause_measures}\n` : '';
    return updateRecord('customer_loss', id, { status: 'paused', pause_measures: `${previous}[${today(ctx)}] ${measures}` }, ctx, loaded(record));
  },
};

/** 确认流失: the churn is final; the reason is recorded and the customer marked lost. */
export const confirmChurn: RecordActionDef = {
  label: { en: 'Confirm churn', 'zh-CN': '确认流失' },
  input: { reason: { type: 'long_text', label: { en: 'Reason for the churn', 'zh-CN': '流失原因' }, required: true } },
  when: { '!=': [{ var: 'status' }, 'confirmed'] },
  async run({ id, record, params }, ctx) {
    const reason = requiredText(params, 'reason');
    if (record.status === 'confirmed') throw conflict('This churn is already confirmed');
    const loss = await updateRecord('customer_loss', id, { status: 'confirmed', reason, confirmed_on: today(ctx) }, ctx, loaded(record));
    await updateRecord('customer', String(record.customer), { status: 'lost' }, ctx);
    return loss;
  },
};
