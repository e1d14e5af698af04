/** 演示合作伙伴: three of each kind, one per tier, each with the territories it sells in. */
export interface DemoPartner {
  name: string;
  kind: 'reseller' | 'agent' | 'distributor';
  tier: 'gold' | 'silver' | 'registered';
  territories: string[];
  contact: string;
  phone: string;
  email: string;
  address: string;
  /** Where its demo deals end, in order. */
  deals: string[];
}

export const PARTNERS: DemoPartner[] = [
  { name: '华信科技经销有限公司', kind: 'reseller', tier: 'gold', territories: ['east'], contact: '周建国', phone: '13801230001', email: 'partner@demo.local', address: '上海市浦东新区张江路 88 号', deals: ['won', 'won', 'won', 'lost', 'negotiation', 'proposal', 'qualification'] },
  { name: '北辰商贸有限公司', kind: 'reseller', tier: 'silver', territories: ['north', 'northeast'], contact: '刘畅', phone: '13801230002', email: 'sales@beichen-trade.example', address: '北京市朝阳区望京街 9 号', deals: ['won', 'lost', 'lost', 'proposal', 'prospecting'] },
  { name: '粤达系统集成', kind: 'reseller', tier: 'registered', territories: ['south'], contact: '陈晓东', phone: '13801230003', email: 'info@yueda-si.example', address: '广州市天河区体育西路 101 号', deals: ['won', 'lost', 'qualification'] },
  { name: '中原智联代理', kind: 'agent', tier: 'gold', territories: ['central', 'north'], contact: '赵磊', phone: '13801230004', email: 'zhaolei@zhongyuan-agent.example', address: '郑州市金水区花园路 66 号', deals: ['won', 'won', 'lost', 'negotiation', 'proposal'] },
  { name: '蜀信商务代理', kind: 'agent', tier: 'silver', territories: ['southwest'], contact: '李雪', phone: '13801230005', email: 'lixue@shuxin.example', address: '成都市高新区天府大道 500 号', deals: ['won', 'lost', 'qualification', 'prospecting'] },
  { name: '西域通达代理', kind: 'agent', tier: 'registered', territories: ['northwest'], contact: '马俊', phone: '13801230006', email: 'majun@xiyu.example', address: '西安市雁塔区科技路 10 号', deals: ['lost', 'proposal'] },
  { name: '长江供应链分销', kind: 'distributor', tier: 'gold', territories: ['east', 'central'], contact: '孙悦', phone: '13801230007', email: 'sunyue@changjiang-scm.example', address: '武汉市江汉区解放大道 688 号', deals: ['won', 'won', 'won', 'won', 'lost', 'negotiation'] },
  { name: '南海渠道分销', kind: 'distributor', tier: 'silver', territories: ['south', 'hmt'], contact: '黄志强', phone: '13801230008', email: 'huang@nanhai-dist.example', address: '深圳市南山区科技园 3 栋', deals: ['won', 'lost', 'proposal'] },
  { name: '黑土地分销中心', kind: 'distributor', tier: 'registered', territories: ['northeast'], contact: '王东', phone: '13801230009', email: 'wangdong@heitudi.example', address: '沈阳市和平区南京北街 20 号', deals: ['prospecting'] },
];

export const DEAL_TOPICS = ['渠道集采项目', '门店升级项目', '区域代理采购', '年度框架采购', '分销补货计划', '新品首批铺货'];
export const LOSS_REASONS = ['价格高于竞争对手', '客户预算冻结', '交付周期不满足要求'];
export const NEXT_STEPS = ['约客户技术交流', '提交报价单', '安排样机试用', '确认采购流程', '商务条款谈判'];
