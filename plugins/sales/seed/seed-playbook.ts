import { createRecord, type RecordContext } from '../../../core/index.js';

/** The sales playbook every tenant starts with: what to do in each stage of a deal. */
const ENTRIES: [stage: string, titleEn: string, titleZh: string, adviceEn: string, adviceZh: string][] = [
  ['prospecting', 'Find the need', '发现需求', 'Call the contact within two days, learn what problem they want solved and who else is involved. Log the call.', '两天内联系对方，弄清对方要解决的问题以及还有哪些人参与决策，并记录通话。'],
  ['prospecting', 'Check the fit', '判断匹配度', 'Check the industry, size and region against our best customers before spending more time.', '投入更多时间前，对照优质客户的行业、规模和地区判断是否匹配。'],
  ['qualification', 'Budget, authority, need, timing', '预算、决策人、需求、时间', 'Confirm the budget, who signs, the need in their words and when they must decide; write them in the description.', '确认预算、签字人、客户原话描述的需求以及决策时间，并写入机会描述。'],
  ['qualification', 'Plan the next steps', '制定下一步计划', 'Add the development plan steps up to the proposal and agree a date for the demonstration.', '添加到方案阶段为止的开发计划步骤，并约定演示日期。'],
  ['proposal', 'Tailor the proposal', '定制方案', 'Build the proposal on the needs confirmed in qualification; show the return in their figures and set the amount.', '基于需求确认阶段的结论编写方案，用客户自己的数据说明回报，并填写预计金额。'],
  ['proposal', 'Offer what goes with it', '推荐关联产品', 'Look at the cross-sell suggestions on the customer: products often bought together make the offer complete.', '查看客户页面上的交叉销售建议：经常一起购买的产品能让方案更完整。'],
  ['negotiation', 'Protect the margin', '守住毛利', 'Trade concessions for commitments (volume, term, references); a discount beyond 10 % needs the director.', '以让步换取承诺（数量、期限、案例推荐）；超过 10% 的折扣需主管同意。'],
  ['negotiation', 'Set the close date', '确定成交日期', 'Agree the signing date and the steps of their purchasing; keep the expected close date true.', '约定签约日期和客户的采购流程，保持预计成交日期准确。'],
  ['won', 'Hand over and thank', '交接与致谢', 'Create the order, introduce the service team and thank the customer; ask for a reference in three months.', '创建订单，介绍服务团队并感谢客户；三个月后请客户提供案例推荐。'],
  ['lost', 'Learn from the loss', '总结输单原因', 'Write the real reason for the loss and plan a check-in in six months.', '如实记录输单原因，并计划六个月后回访。'],
];

/** Seeds the playbook (runs once, on a fresh install). */
export const seedPlaybook = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const position = new Map<string, number>();
  for (const [stage, title_en, title_zh, advice_en, advice_zh] of ENTRIES) {
    const n = (position.get(stage) ?? 0) + 1;
    position.set(stage, n);
    await createRecord('playbook_entry', { stage, position: n, title_en, title_zh, advice_en, advice_zh }, ctx);
  }
  return { playbook_entry: ENTRIES.length };
};
