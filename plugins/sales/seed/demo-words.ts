/** Word lists for demo leads, opportunities and expenses that read like a Chinese CRM. */

/** City, its region (dictionary value) and the area code of its phones. */
export const LEAD_CITIES = [
  ['北京', 'north', '010'], ['天津', 'north', '022'], ['上海', 'east', '021'], ['杭州', 'east', '0571'], ['南京', 'east', '025'],
  ['苏州', 'east', '0512'], ['广州', 'south', '020'], ['深圳', 'south', '0755'], ['武汉', 'central', '027'], ['长沙', 'central', '0731'],
  ['成都', 'southwest', '028'], ['重庆', 'southwest', '023'], ['西安', 'northwest', '029'], ['沈阳', 'northeast', '024'],
] as const;

export const LEAD_BRANDS = ['瀚海', '新程', '正元', '华拓', '腾跃', '云帆', '智联', '锐思', '宏图', '天翼', '青禾', '远航', '恒信', '凌云', '德胜', '万博'] as const;

/** Industry dictionary value → a word of a company name of that trade. */
export const LEAD_TRADES: [string, string][] = [
  ['it', '信息科技'], ['manufacturing', '智能制造'], ['finance', '投资管理'], ['retail', '商贸'], ['education', '教育科技'],
  ['healthcare', '医疗科技'], ['logistics', '物流'], ['energy', '新能源'], ['real_estate', '置业'], ['public', '城市建设'],
];

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '林', '何'] as const;
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '杰', '涛', '明', '超', '霞', '平', '婷', '鹏', '晨', '思远', '雨桐'] as const;
export const JOB_TITLES = ['总经理', 'IT经理', '采购经理', '信息中心主任', '行政主管', '技术总监', '财务经理'] as const;

export const NEEDS = [
  '计划年内更换办公电脑约50台，并统一采购显示器。',
  '新建数据中心，需要服务器、交换机和防火墙整体方案。',
  '现有客户管理系统老旧，希望上线CRM并培训销售团队。',
  '分支机构网络改造，关注安全与运维服务。',
  '需要年度维保服务，要求4小时到场。',
  '采购终端杀毒软件，覆盖约100个终端。',
] as const;

export const DISQUALIFY_REASONS = ['预算未落实，项目暂缓。', '需求与我司产品不匹配。', '客户已与其他供应商签约。', '联系人离职，无法继续跟进。'] as const;

export const PROJECTS = ['数据中心扩容项目', '办公电脑集中采购', 'CRM系统升级', '网络安全改造', '年度维保续约', '分支机构IT建设', '终端安全软件采购', '服务器虚拟化项目'] as const;

export const LOSS_REASONS = ['价格高于竞争对手报价。', '客户预算削减，项目取消。', '技术方案未通过评审。', '客户选择了原有供应商。'] as const;

/** Development plan steps in the order a deal goes through them, with a result each. */
export const PLAN_STEPS: [string, string][] = [
  ['电话沟通需求，确认预算与决策人', '已确认预算范围和项目负责人。'],
  ['上门拜访，演示产品与解决方案', '客户对方案整体认可，提出若干定制需求。'],
  ['提交技术方案与报价单', '报价已提交，客户进入内部比选。'],
  ['商务谈判，确认付款与交付条件', '双方就付款方式达成一致。'],
  ['签订合同并安排交付', '合同已签订。'],
];

/** Expense type (dictionary value) → subjects and an amount range in yuan. */
export const EXPENSES: Record<string, [string[], number, number]> = {
  travel: [['出差拜访客户往返机票及住宿', '赴客户现场调研差旅'], 800, 6000],
  entertainment: [['商务宴请客户', '客户来访接待'], 300, 3000],
  gift: [['节日客户礼品', '签约纪念品'], 200, 2000],
  transport: [['市内拜访客户打车', '送样品快递与交通'], 30, 300],
  communication: [['客户沟通电话费'], 50, 200],
  exhibition: [['行业展会展位费分摊'], 2000, 12000],
};
