import { addDays, createRecord, runTransition, type RecordContext, type RecordData } from '../../../core/index.js';

type Row = RecordData & { id: string };

/** 演示商机报备: per partner, what it registers and how the partner manager decided (none: still waiting). */
const REGISTRATIONS: { partner: number; name: string; product: string; amount: number; days: number; decision?: 'approve' | 'reject'; reason?: string }[] = [
  { partner: 0, name: '苏州工业园区智造中心', product: '服务器与存储扩容', amount: 380_000, days: 60 },
  { partner: 0, name: '无锡新吴精密机械有限公司', product: '车间网络改造', amount: 160_000, days: 45, decision: 'approve' },
  { partner: 1, name: '天津滨海物流集团', product: '仓储管理终端', amount: 220_000, days: 75 },
  { partner: 1, name: '大连港湾贸易有限公司', product: '门店收银设备', amount: 90_000, days: 30, decision: 'reject', reason: '该客户已由直销团队跟进' },
  { partner: 3, name: '洛阳中州装备制造', product: '年度维保服务', amount: 120_000, days: 50, decision: 'approve' },
  { partner: 6, name: '合肥长丰新能源科技', product: '数据中心备件', amount: 450_000, days: 90 },
  { partner: 7, name: '东莞松湖电子有限公司', product: '产线工控机', amount: 260_000, days: 40, decision: 'reject', reason: '报备信息不完整，请补充客户联系人后重新报备' },
];

/**
 * Deal registrations of the demo partners (商机报备): some waiting for the partner manager,
 * some approved (their approval makes the partner's deal and, for a new name, the
 * customer) and some rejected with the reason — through the registration's own transitions.
 */
export const seedDealRegistrations = async (partners: Row[], ctx: RecordContext, today: string): Promise<number> => {
  if (!ctx.meta.entities.deal_registration) return 0;
  let n = 0;
  for (const plan of REGISTRATIONS) {
    const partner = partners[plan.partner];
    if (!partner) continue;
    const registration = await createRecord('deal_registration', {
      partner: partner.id, customer_name: plan.name, amount: plan.amount, expected_close_date: addDays(today, plan.days), product_interest: plan.product, next_step: '约客户做方案交流',
    }, ctx);
    n++;
    if (plan.decision === 'approve') await runTransition({ entity: 'deal_registration', id: String(registration.id), transition: 'approve' }, ctx);
    if (plan.decision === 'reject') await runTransition({ entity: 'deal_registration', id: String(registration.id), transition: 'reject', set: { rejection_reason: plan.reason } }, ctx);
  }
  return n;
};
