import { addDays } from '../time/index.js';

/**
 * The demo tenant's settings: Beijing time, yuan, Chinese, and a sample of China's
 * business calendar (working hours with a lunch break, a few 2026/2027 public holidays and
 * the make-up workdays that come with them). A sample to edit, not an official calendar.
 */
const day = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

const spans = (from: string, to: string, name: string) => {
  const out: { date: string; name: string }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ date: d, name });
  return out;
};

export const DEMO_SETTINGS = {
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  locale: 'zh-CN',
  weekStart: 'mon',
  fiscalYearStart: 1,
  businessCalendar: {
    workingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: [
      { date: '2026-01-01', name: '元旦' },
      ...spans('2026-02-15', '2026-02-23', '春节'),
      ...spans('2026-10-01', '2026-10-07', '国庆节'),
      { date: '2027-01-01', name: '元旦' },
    ],
    adjustedWorkdays: [
      { date: '2026-02-14', name: '春节调休上班', as: 'mon' },
      { date: '2026-02-28', name: '春节调休上班', as: 'mon' },
      { date: '2026-10-10', name: '国庆节调休上班', as: 'mon' },
    ],
  },
};
