/** Demo catalogue: warehouses, products (one bundle), lots and serial numbers, and the moves that stock them. */

export const WAREHOUSES = [
  { code: 'BJ01', name: '北京总仓', address: '北京市大兴区经济技术开发区科创十三街18号' },
  { code: 'SH01', name: '上海仓', address: '上海市嘉定区安亭镇墨玉路185号' },
  { code: 'GZ01', name: '广州仓', address: '广州市黄埔区开创大道2501号' },
];

/** sku, name, category, specification, model, unit, price, tracking (lot | serial). */
export const PRODUCTS: [string, string, string, string, string, string, number, ('lot' | 'serial')?][] = [
  ['HW-SRV-2U', '机架式服务器', 'hardware', '2×至强银牌 4314 / 128GB / 4×1.92TB SSD', 'R750', 'unit', 48600, 'serial'],
  ['HW-SRV-1U', '入门级服务器', 'hardware', '1×至强 E-2336 / 32GB / 2×960GB SSD', 'R250', 'unit', 15800, 'serial'],
  ['HW-SW-48', '千兆交换机', 'hardware', '48口千兆电口 + 4口万兆光口', 'S5735-L48T4X', 'unit', 6200, 'serial'],
  ['HW-FW-200', '下一代防火墙', 'hardware', '吞吐 4Gbps，8个千兆口', 'USG6525E', 'unit', 21800, 'serial'],
  ['HW-NB-14', '商用笔记本电脑', 'hardware', '14英寸 i7 / 16GB / 512GB', 'ThinkPad T14', 'unit', 8999, 'serial'],
  ['HW-MON-27', '27英寸显示器', 'hardware', '2560×1440 IPS，Type-C 供电', 'P27h', 'unit', 2399],
  ['HW-PRN-A4', '黑白激光打印机', 'hardware', 'A4 双面，40页/分钟', 'M404dn', 'unit', 2680],
  ['HW-UPS-3K', '在线式UPS电源', 'hardware', '3kVA / 2.7kW，标配电池', 'C3KS', 'unit', 4580],
  ['SW-CRM-STD', 'CRM软件标准版', 'software', '按用户订阅，1年', 'CRM-STD', 'license', 1200],
  ['SW-CRM-ENT', 'CRM软件企业版', 'software', '按用户订阅，1年，含工作流与报表', 'CRM-ENT', 'license', 2400],
  ['SW-DB-ENT', '数据库企业版许可', 'software', '按处理器核心授权', 'DB-ENT', 'license', 36000],
  ['SW-AV-100', '终端杀毒软件', 'software', '100点，1年', 'AV-100', 'license', 9800],
  ['SV-IMPL-D', '实施服务', 'service', '驻场实施，按人天计', 'IMPL', 'hour', 1800],
  ['SV-TRAIN', '用户培训', 'service', '标准课程，每期20人', 'TRAIN', 'hour', 6000],
  ['SV-MAINT-Y', '年度维保服务', 'service', '7×24 响应，4小时到场', 'MAINT', 'set', 12000],
  ['CS-TONER-88', '原装硒鼓', 'consumable', '约2500页', 'CF288A', 'piece', 420, 'lot'],
  ['CS-PAPER-A4', 'A4复印纸', 'consumable', '70g，500张/包，5包/箱', 'A4-70', 'box', 135, 'lot'],
  ['CS-INK-BK', '黑色墨水', 'consumable', '70ml', 'INK-BK', 'piece', 59, 'lot'],
  ['AC-MOUSE', '无线鼠标', 'accessory', '2.4G 无线，静音', 'M330', 'piece', 99],
  ['AC-KB', '无线键盘', 'accessory', '全尺寸，104键', 'K295', 'piece', 149],
  ['AC-DOCK', 'USB-C 扩展坞', 'accessory', 'HDMI / 网口 / 3×USB', 'D-UC8', 'piece', 399],
  ['AC-CABLE-6', '六类网线', 'accessory', '305米/箱', 'CAT6-305', 'box', 680],
];

/** The office bundle (办公套装): a laptop with its peripherals. */
export const BUNDLE = {
  sku: 'BD-OFFICE',
  name: '办公套装',
  category: 'hardware',
  specification: '笔记本 + 显示器 + 键鼠 + 扩展坞',
  model: 'OFFICE-KIT',
  unit: 'set',
  price: 11599,
  components: [['HW-NB-14', 1], ['HW-MON-27', 1], ['AC-MOUSE', 1], ['AC-KB', 1], ['AC-DOCK', 1]] as [string, number][],
};
