import { addDays, createRecord, listRecords, startOfDayIn, todayIn, type RecordContext, type RecordData } from '../../../core/index.js';

const SUBJECTS = [
  ['拜访客户：需求沟通', '客户现场'],
  ['电话回访', ''],
  ['产品演示', '公司会议室 A'],
  ['合同条款确认', '腾讯会议'],
  ['技术交流会', '客户现场'],
  ['报价评审', '公司会议室 B'],
  ['售后巡检', '客户工厂'],
] as const;
const TASKS = ['整理拜访纪要', '发送报价单', '跟进回款', '准备投标材料', '更新客户联系人', '安排售后工程师', '提交费用报销'];
const PRIORITIES = ['low', 'normal', 'normal', 'high', 'urgent'];

/** A small deterministic sequence, so the demo is the same each time. */
const pick = <T>(list: readonly T[], n: number): T => list[Math.abs(n) % list.length];

/**
 * A few weeks of calendar around today for the tenant's users: visits and calls on
 * weekdays, a weekly sales meeting everyone attends (so the calendar shows conflicts),
 * tasks with due times and reminders, and notes on customers.
 */
export const seedDemoWorkspace = async (ctx: RecordContext): Promise<Record<string, number>> => {
  const zone = ctx.time?.timeZone ?? 'UTC';
  const users = (await ctx.db('_users').where({ active: true }).orderBy('id').limit(6).select('id')).map((r) => String(r.id));
  if (!users.length) return { appointments: 0, tasks: 0, notes: 0 };
  const customers = (await listRecords('customer', { fields: ['id', 'owner_id'], limit: 50, sort: 'id' }, ctx)).data;
  const customerOf = (n: number): RecordData => (customers.length ? { customer: pick(customers, n).id } : {});
  const today = todayIn(zone, ctx.now ?? new Date());
  const at = (date: string, hour: number, minute = 0) => new Date(startOfDayIn(date, zone).getTime() + (hour * 60 + minute) * 60_000).toISOString();
  const count = { appointments: 0, tasks: 0, notes: 0 };

  // The weekly sales meeting: Mondays 09:30–10:30 for six weeks from two weeks ago.
  const mondayOffset = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const firstMonday = addDays(today, -mondayOffset - 14);
  const meeting = await createRecord('appointment', { subject: '销售周例会 Weekly sales meeting', starts_at: at(firstMonday, 9, 30), ends_at: at(firstMonday, 10, 30), recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=6', location: '公司会议室 A', reminder_minutes: 15, owner_id: users[0] }, ctx);
  count.appointments++;
  for (const u of users.slice(1)) await createRecord('appointment_attendee', { appointment: meeting.id, staff: u, response: pick(['accepted', 'accepted', 'tentative', 'needs_action'], u.charCodeAt(0)) }, ctx);

  let n = 0;
  for (let day = -14; day <= 21; day++) {
    const date = addDays(today, day);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [i, u] of users.entries()) {
      n++;
      if ((n + i) % 3 === 0) continue;
      const [subject, location] = pick(SUBJECTS, n * 7 + i);
      const hour = pick([9, 10, 13, 14, 15, 16], n + i * 2);
      await createRecord('appointment', { subject, location: location || null, starts_at: at(date, hour), ends_at: at(date, hour + 1, 30), reminder_minutes: 30, owner_id: u, ...customerOf(n) }, ctx);
      count.appointments++;
      if (n % 2 === 0) {
        // Past tasks are done but those of the last few days and a few older ones, so the home page has overdue work to show;
        // their customers alternate, so every demo rep who gets customers gets tasks too.
        const done = day < -5 && n % 4 !== 0;
        await createRecord('task', { title: pick(TASKS, n + i), due: at(date, 18), priority: pick(PRIORITIES, n), assignee: u, owner_id: u, status: done ? 'done' : 'open', reminder_minutes: 60, ...customerOf(n / 2 + i) }, ctx);
        count.tasks++;
      }
    }
  }
  // An all-day trade fair for the first user, and notes on some customers.
  await createRecord('appointment', { subject: '行业展会 Trade fair', all_day: true, starts_at: at(addDays(today, 9), 0), ends_at: at(addDays(today, 11), 0), location: '上海国家会展中心', owner_id: users[0] }, ctx);
  count.appointments++;
  for (const [i, c] of customers.slice(0, 8).entries()) {
    await createRecord('note', { subject: '客户备忘', body: pick(['客户关注交期，下次拜访带上样品。', '采购负责人下月调岗，需要认识新的联系人。', '对价格敏感，可考虑年度框架协议。'], i), customer: c.id, owner_id: c.owner_id ?? users[0] }, ctx);
    count.notes++;
  }
  return count;
};
