/** The demo field team: name, territories (region dictionary), skills with levels, home base. */
export interface DemoEngineer {
  name: string;
  phone: string;
  territories: string[];
  skills: [string, number][];
  homeBase: string;
}

/**
 * Three engineers, created in this order on purpose: the demo users who own engineers
 * (plugin.json: engineer, engineer2, engineer3) are shared out round robin by id, so
 * 林芳's record goes to `engineer2`, 郭强's to `engineer3` and 马超's to `engineer`.
 */
export const ENGINEERS: DemoEngineer[] = [
  { name: '林芳', phone: '+8613800000202', territories: ['south', 'central', 'southwest'], skills: [['repair', 4], ['network', 5], ['installation', 3]], homeBase: '广州市天河区' },
  { name: '郭强', phone: '+8613800000303', territories: ['north', 'northeast', 'northwest'], skills: [['electrical', 5], ['repair', 3], ['calibration', 4]], homeBase: '北京市海淀区' },
  { name: '马超', phone: '+8613800000101', territories: ['east', 'north', 'central'], skills: [['installation', 5], ['repair', 3], ['network', 2]], homeBase: '上海市浦东新区' },
];

/** Work order subjects by skill, Chinese as the demo customers speak. */
export const SUBJECTS: Record<string, string[]> = {
  installation: ['新服务器上架安装', '交换机安装调试', 'UPS 电源安装', '会议室显示器安装'],
  repair: ['打印机卡纸维修', '服务器硬盘故障更换', '笔记本无法开机', '显示器花屏检修'],
  electrical: ['机房配电检查', 'UPS 电池更换', '机柜电源改造'],
  network: ['办公室网络故障排查', '无线网络覆盖优化', '防火墙策略调整'],
  calibration: ['打印机色彩校准', '设备年度校准'],
};

/** Parts the demo vans carry (products without lots), restocked before the demo jobs use them. */
export const PARTS = ['AC-CABLE-6', 'AC-KB', 'AC-DOCK', 'AC-MOUSE'];

/** Start hours (local) of the day's slots and each slot's length in hours. */
export const SLOTS: [number, number][] = [[9, 2], [13, 2], [15.5, 1.5]];
