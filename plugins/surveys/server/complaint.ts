import { createRecord, getRecord, localeOfWork, updateRecord, withSystemRights, type AfterHook } from '../../../core/index.js';

/** Whether an answered response is low against its survey's thresholds (CSAT ≤ low_csat, default 2; NPS ≤ low_nps, default 6). */
export const isLowScore = (response: Record<string, unknown>, survey: Record<string, unknown>): boolean => {
  const csat = response.csat === null || response.csat === undefined ? null : Number(response.csat);
  const nps = response.nps === null || response.nps === undefined ? null : Number(response.nps);
  return (csat !== null && csat <= Number(survey.low_csat ?? 2)) || (nps !== null && nps <= Number(survey.low_nps ?? 6));
};

/**
 * 低分投诉: when a response becomes answered with a low score, a complaint case (type
 * `complaint`, high priority) is opened for its customer, contact and product and linked
 * from the response — once: a response that already names a complaint case opens none.
 */
export const complainOnLowScore: AfterHook = async (event, ctx) => {
  const r = event.data;
  if (event.old?.status === 'answered' || r.status !== 'answered' || r.complaint_case) return;
  const sys = withSystemRights(ctx);
  const survey = await getRecord('survey', String(r.survey), sys);
  if (!isLowScore(r, survey)) return;
  const about = r.service_case ? await getRecord('service_case', String(r.service_case), sys).catch(() => undefined) : undefined;
  const order = r.sales_order ? await getRecord('sales_order', String(r.sales_order), sys).catch(() => undefined) : undefined;
  const scores = [r.csat !== null && r.csat !== undefined ? `CSAT ${r.csat}` : '', r.nps !== null && r.nps !== undefined ? `NPS ${r.nps}` : ''].filter(Boolean).join(', ');
  const zh = (await localeOfWork(ctx)) === 'zh-CN';
  const source = about ? `${zh ? '服务' : 'case'} ${about.code}` : order ? `${zh ? '订单' : 'order'} ${order.code}` : '';
  const subject = zh ? `满意度调查低分 ${r.code}${source ? `（${source}）` : ''}` : `Low survey score ${r.code}${source ? ` (${source})` : ''}`;
  const complaint = await createRecord('service_case', {
    subject: subject.slice(0, 200),
    customer: r.customer,
    contact: r.contact ?? null,
    product: r.product ?? null,
    type: 'complaint',
    priority: 'high',
    description: [`${survey.name}: ${scores}`, typeof r.comment === 'string' ? r.comment : ''].filter(Boolean).join('\n\n'),
  }, sys);
  await updateRecord('survey_response', String(r.id), { complaint_case: complaint.id }, sys);
};
