/** The demo year of campaigns: name, type, channel, region, month offset (from a year ago), length in days, budget, segment. */
export interface DemoCampaign {
  name: string;
  type: string;
  channel: string;
  region?: string;
  month: number;
  days: number;
  budget: number;
  segment: string;
  expected: [responses: number, revenue: number];
  programme?: boolean;
}

export const PROGRAMME = { name: '年度品牌推广计划', description: '全年品牌与获客推广的总计划：展会、研讨会、线上投放与直邮。' };

export const DEMO_CAMPAIGNS: DemoCampaign[] = [
  { name: '上海工业博览会', type: 'trade_show', channel: 'event', region: 'east', month: 0, days: 5, budget: 180000, segment: 'manufacturing', expected: [120, 900000] },
  { name: '春季新品发布邮件', type: 'email', channel: 'email', month: 1, days: 14, budget: 8000, segment: 'all_contacts', expected: [60, 200000] },
  { name: '华南客户答谢研讨会', type: 'seminar', channel: 'event', region: 'south', month: 2, days: 1, budget: 45000, segment: 'south_customers', expected: [40, 300000] },
  { name: '重点客户电话回访', type: 'telemarketing', channel: 'phone', month: 3, days: 30, budget: 20000, segment: 'key_customers', expected: [50, 400000] },
  { name: '搜索引擎关键词投放', type: 'online_ad', channel: 'web', month: 4, days: 60, budget: 60000, segment: 'open_leads', expected: [80, 350000] },
  { name: '北京金融科技峰会', type: 'trade_show', channel: 'event', region: 'north', month: 5, days: 3, budget: 150000, segment: 'finance', expected: [90, 800000] },
  { name: '年中促销直邮', type: 'direct_mail', channel: 'mail', month: 6, days: 21, budget: 25000, segment: 'key_customers', expected: [30, 150000] },
  { name: '制造业数字化研讨会', type: 'seminar', channel: 'event', region: 'east', month: 7, days: 1, budget: 38000, segment: 'manufacturing', expected: [45, 420000] },
  { name: '秋季产品邮件营销', type: 'email', channel: 'email', month: 8, days: 14, budget: 6000, segment: 'all_contacts', expected: [70, 180000] },
  { name: '社交媒体品牌活动', type: 'online_ad', channel: 'social', month: 9, days: 45, budget: 40000, segment: 'open_leads', expected: [100, 260000] },
  { name: '西南区域渠道推介会', type: 'seminar', channel: 'event', region: 'southwest', month: 10, days: 1, budget: 30000, segment: 'southwest_customers', expected: [25, 200000] },
  { name: '年终客户关怀电话', type: 'telemarketing', channel: 'phone', month: 11, days: 30, budget: 15000, segment: 'key_customers', expected: [40, 250000] },
  { name: '新年展会筹备', type: 'trade_show', channel: 'event', region: 'east', month: 12, days: 4, budget: 200000, segment: 'manufacturing', expected: [130, 1000000] },
];

/** Segments of the demo (name, source, filter). */
export const DEMO_SEGMENTS: Record<string, { name: string; source: string; filter?: unknown; description: string }> = {
  all_contacts: { name: '全部联系人', source: 'contact', description: '所有客户的全部联系人。' },
  manufacturing: { name: '制造业客户联系人', source: 'contact', filter: { '==': [{ var: 'customer.industry' }, 'manufacturing'] }, description: '所属客户行业为制造业的联系人。' },
  finance: { name: '金融行业联系人', source: 'contact', filter: { '==': [{ var: 'customer.industry' }, 'finance'] }, description: '所属客户行业为金融业的联系人。' },
  south_customers: { name: '华南客户', source: 'customer', filter: { '==': [{ var: 'region' }, 'south'] }, description: '地区为华南的客户。' },
  southwest_customers: { name: '西南客户', source: 'customer', filter: { '==': [{ var: 'region' }, 'southwest'] }, description: '地区为西南的客户。' },
  key_customers: { name: '重点客户', source: 'customer', filter: { in: [{ var: 'grade' }, ['major', 'strategic', 'partner']] }, description: '等级为重要、战略或合作伙伴的客户。' },
  golden_customers: { name: '黄金客户', source: 'customer', filter: { '==': [{ var: 'golden' }, true] }, description: '高价值且稳定的客户（RFM 计划任务每晚刷新）。' },
  open_leads: { name: '未转化线索', source: 'lead', filter: { in: [{ var: 'status' }, ['new', 'contacted', 'qualified']] }, description: '尚未转化或放弃的潜在客户。' },
};

export const COST_LINES: Record<string, [category: string, share: number, text: string][]> = {
  trade_show: [['venue', 0.45, '展位租赁'], ['printing', 0.1, '展台物料与宣传册'], ['staff', 0.2, '参展人员差旅'], ['gifts', 0.1, '现场礼品']],
  seminar: [['venue', 0.4, '会场与茶歇'], ['printing', 0.1, '会议资料'], ['staff', 0.2, '讲师与人员差旅'], ['gifts', 0.15, '伴手礼']],
  email: [['agency', 0.6, '邮件设计与发送服务'], ['other', 0.2, '名单清洗']],
  telemarketing: [['staff', 0.7, '外呼坐席'], ['other', 0.15, '通话费']],
  online_ad: [['advertising', 0.85, '广告投放'], ['agency', 0.1, '投放代理服务']],
  direct_mail: [['printing', 0.4, '信函与目录印刷'], ['postage', 0.45, '邮寄费']],
};

export const CHECKLIST = ['确认预算与目标', '完成营销资料', '确认目标名单', '发送邀请/触达', '活动执行', '效果复盘'];
export const CONTENT: Record<string, [kind: string, title: string][]> = {
  trade_show: [['brochure', '展会产品手册'], ['presentation', '展台演示文稿']],
  seminar: [['presentation', '研讨会主题演讲'], ['landing_page', '报名落地页']],
  email: [['email', '营销邮件正文']],
  telemarketing: [['call_script', '电话回访脚本']],
  online_ad: [['landing_page', '广告落地页']],
  direct_mail: [['brochure', '直邮产品目录']],
};
export const PEOPLE = ['陈静', '刘洋', '张伟', '王芳', '李娜', '赵磊', '周婷', '吴强', '郑丽', '孙浩'];
export const COMPANIES = ['杭州云栖数据有限公司', '苏州精工机械有限公司', '深圳前海金融服务有限公司', '成都天府软件园', '南京智造科技有限公司', '广州南沙物流有限公司'];
