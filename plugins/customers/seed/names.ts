/** Word lists for demo data that reads like a real Chinese CRM. */

/** City, its region (dictionary value), phone area code and districts. */
export const CITIES = [
  { name: '北京', province: '110000', city: '110100', region: 'north', area: '010', districts: ['朝阳区', '海淀区', '东城区', '丰台区'] },
  { name: '天津', province: '120000', city: '120100', region: 'north', area: '022', districts: ['和平区', '南开区', '滨海新区'] },
  { name: '石家庄', province: '130000', city: '130100', region: 'north', area: '0311', districts: ['长安区', '裕华区'] },
  { name: '上海', province: '310000', city: '310100', region: 'east', area: '021', districts: ['浦东新区', '徐汇区', '静安区', '闵行区'] },
  { name: '杭州', province: '330000', city: '330100', region: 'east', area: '0571', districts: ['西湖区', '滨江区', '余杭区'] },
  { name: '南京', province: '320000', city: '320100', region: 'east', area: '025', districts: ['鼓楼区', '建邺区', '江宁区'] },
  { name: '苏州', province: '320000', city: '320500', region: 'east', area: '0512', districts: ['工业园区', '姑苏区', '吴中区'] },
  { name: '宁波', province: '330000', city: '330200', region: 'east', area: '0574', districts: ['鄞州区', '海曙区'] },
  { name: '合肥', province: '340000', city: '340100', region: 'east', area: '0551', districts: ['蜀山区', '包河区'] },
  { name: '济南', province: '370000', city: '370100', region: 'east', area: '0531', districts: ['历下区', '高新区'] },
  { name: '青岛', province: '370000', city: '370200', region: 'east', area: '0532', districts: ['市南区', '崂山区', '黄岛区'] },
  { name: '广州', province: '440000', city: '440100', region: 'south', area: '020', districts: ['天河区', '越秀区', '番禺区'] },
  { name: '深圳', province: '440000', city: '440300', region: 'south', area: '0755', districts: ['南山区', '福田区', '龙岗区', '宝安区'] },
  { name: '东莞', province: '440000', city: '441900', region: 'south', area: '0769', districts: ['南城街道', '松山湖'] },
  { name: '厦门', province: '350000', city: '350200', region: 'south', area: '0592', districts: ['思明区', '湖里区'] },
  { name: '福州', province: '350000', city: '350100', region: 'south', area: '0591', districts: ['鼓楼区', '仓山区'] },
  { name: '武汉', province: '420000', city: '420100', region: 'central', area: '027', districts: ['江汉区', '洪山区', '东湖高新区'] },
  { name: '长沙', province: '430000', city: '430100', region: 'central', area: '0731', districts: ['岳麓区', '芙蓉区'] },
  { name: '郑州', province: '410000', city: '410100', region: 'central', area: '0371', districts: ['金水区', '郑东新区'] },
  { name: '成都', province: '510000', city: '510100', region: 'southwest', area: '028', districts: ['高新区', '锦江区', '武侯区'] },
  { name: '重庆', province: '500000', city: '500100', region: 'southwest', area: '023', districts: ['渝中区', '江北区', '两江新区'] },
  { name: '昆明', province: '530000', city: '530100', region: 'southwest', area: '0871', districts: ['五华区', '盘龙区'] },
  { name: '西安', province: '610000', city: '610100', region: 'northwest', area: '029', districts: ['雁塔区', '高新区', '未央区'] },
  { name: '兰州', province: '620000', city: '620100', region: 'northwest', area: '0931', districts: ['城关区', '七里河区'] },
  { name: '沈阳', province: '210000', city: '210100', region: 'northeast', area: '024', districts: ['和平区', '浑南区'] },
  { name: '大连', province: '210000', city: '210200', region: 'northeast', area: '0411', districts: ['中山区', '高新园区'] },
  { name: '哈尔滨', province: '230000', city: '230100', region: 'northeast', area: '0451', districts: ['南岗区', '道里区'] },
] as const;

/** Trade-name words with a pinyin spelling for web and mail domains. */
export const BRANDS = [
  ['华信', 'huaxin'], ['恒通', 'hengtong'], ['金盛', 'jinsheng'], ['天成', 'tiancheng'], ['宏达', 'hongda'],
  ['盛世', 'shengshi'], ['鼎新', 'dingxin'], ['瑞丰', 'ruifeng'], ['博远', 'boyuan'], ['中拓', 'zhongtuo'],
  ['东方', 'dongfang'], ['新锐', 'xinrui'], ['联创', 'lianchuang'], ['嘉禾', 'jiahe'], ['永泰', 'yongtai'],
  ['汇智', 'huizhi'], ['星辰', 'xingchen'], ['远景', 'yuanjing'], ['德润', 'derun'], ['启明', 'qiming'],
  ['泰和', 'taihe'], ['众诚', 'zhongcheng'], ['安信', 'anxin'], ['广源', 'guangyuan'], ['立达', 'lida'],
  ['华夏', 'huaxia'], ['九州', 'jiuzhou'], ['同创', 'tongchuang'], ['锦程', 'jincheng'], ['百川', 'baichuan'],
  ['凯越', 'kaiyue'], ['卓越', 'zhuoyue'], ['明辉', 'minghui'], ['润泽', 'runze'], ['海纳', 'haina'],
] as const;

/** Industry dictionary value → the word a company of that trade puts in its name, and its domain suffix. */
export const INDUSTRY_WORDS: Record<string, readonly (readonly [string, string])[]> = {
  it: [['科技', 'tech'], ['信息技术', 'it'], ['软件', 'soft'], ['网络科技', 'net']],
  manufacturing: [['机械制造', 'machinery'], ['电子', 'electronics'], ['精密制造', 'precision'], ['新材料', 'materials']],
  finance: [['投资', 'invest'], ['融资租赁', 'leasing'], ['资产管理', 'capital']],
  retail: [['商贸', 'trade'], ['连锁超市', 'mart'], ['电子商务', 'ecommerce']],
  education: [['教育科技', 'edu'], ['培训', 'training']],
  healthcare: [['医疗器械', 'medical'], ['医药', 'pharma'], ['健康科技', 'health']],
  real_estate: [['置业', 'properties'], ['物业服务', 'pm']],
  logistics: [['物流', 'logistics'], ['供应链管理', 'scm'], ['国际货运代理', 'freight']],
  energy: [['新能源', 'energy'], ['电力工程', 'power'], ['环保科技', 'eco']],
  public: [['市政工程', 'municipal'], ['公用事业', 'utility']],
  other: [['文化传媒', 'media'], ['咨询', 'consulting'], ['餐饮管理', 'catering']],
};

export const COMPANY_SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'] as const;

export const SURNAMES = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'], ['梁', 'liang'],
] as const;

/** Given names with their pinyin and the gender they usually go with. */
export const GIVEN_NAMES = [
  ['伟', 'wei', 'male'], ['娜', 'na', 'female'], ['敏', 'min', 'female'], ['静', 'jing', 'female'], ['丽', 'li', 'female'],
  ['强', 'qiang', 'male'], ['磊', 'lei', 'male'], ['军', 'jun', 'male'], ['洋', 'yang', 'male'], ['勇', 'yong', 'male'],
  ['艳', 'yan', 'female'], ['杰', 'jie', 'male'], ['娟', 'juan', 'female'], ['涛', 'tao', 'male'], ['明', 'ming', 'male'],
  ['超', 'chao', 'male'], ['秀英', 'xiuying', 'female'], ['霞', 'xia', 'female'], ['平', 'ping', 'male'], ['刚', 'gang', 'male'],
  ['建华', 'jianhua', 'male'], ['晓东', 'xiaodong', 'male'], ['志强', 'zhiqiang', 'male'], ['海燕', 'haiyan', 'female'],
  ['婷', 'ting', 'female'], ['鹏', 'peng', 'male'], ['辉', 'hui', 'male'], ['芳', 'fang', 'female'], ['雪梅', 'xuemei', 'female'],
  ['文博', 'wenbo', 'male'], ['佳怡', 'jiayi', 'female'], ['子涵', 'zihan', 'female'], ['浩然', 'haoran', 'male'],
] as const;

export const JOB_TITLES = ['总经理', '副总经理', '采购经理', '技术总监', '财务主管', '销售经理', '行政主管', 'IT经理', '项目经理', '董事长助理', '运营总监', '采购专员'] as const;

export const ROADS = ['人民路', '中山路', '解放路', '建设路', '科技园路', '长江路', '黄河路', '新华路', '滨江大道', '世纪大道', '创业路', '学院路'] as const;

export const BUILDINGS = ['国际大厦', '科技大厦', '金融中心', '商务广场', '创新园', '产业园'] as const;
