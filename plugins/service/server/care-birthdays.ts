import { createRecord, daysBetween, listRecords, localeOfWork, withSystemRights, type BeforeHook, type RecordContext } from '../../../core/index.js';
import { dateOf, nextAnniversary, todayOf } from './dates.js';

const DEFAULT_DAYS_AHEAD = 14;

/**
 * Birthday care (生日关怀): each contact whose birthday comes within `daysAhead` days gets a
 * birthday care plan on that day for its customer's owner (the care plan reminder then
 * notifies them its remind days before). One per contact and year: the plan's `care_key`
 * is `birthday:<contact>:<year>` (unique), and a deleted plan is not made again. System
 * rights: the tenant's schedule plans for every owner.
 */
export const planBirthdays = async (daysAhead: number, ctx: RecordContext): Promise<number> => {
  const sys = withSystemRights(ctx);
  const today = todayOf(ctx);
  const birthdayCare = (await localeOfWork(ctx)) === 'zh-CN' ? '生日关怀' : 'Birthday care';
  let planned = 0;
  let cursor: string | undefined;
  do {
    const page = await listRecords('contact', { filter: { '!!': [{ var: 'birthday' }] }, fields: ['id', 'name', 'birthday', 'customer', 'customer.owner_id'], sort: 'name', limit: 500, cursor }, sys);
    for (const contact of page.data) {
      const birthday = dateOf(contact.birthday);
      if (!birthday || !contact.customer) continue;
      const date = nextAnniversary(birthday, today);
      if (daysBetween(today, date) > daysAhead) continue;
      const key = `birthday:${contact.id}:${date.slice(0, 4)}`;
      const { data: existing } = await listRecords('care_plan', { filter: { '==': [{ var: 'care_key' }, key] }, fields: ['id'], limit: 1, includeDeleted: true }, sys);
      if (existing.length) continue;
      const owner = (contact as Record<string, unknown>)['customer.owner_id'];
      await createRecord('care_plan', { customer: contact.customer, contact: contact.id, kind: 'birthday', subject: `${birthdayCare} · ${contact.name}`, date, care_key: key, ...(owner ? { owner_id: owner } : {}) }, sys);
      planned++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return planned;
};

/** A care_sweep record (made by the daily schedule, or by a manager) plans the coming birthdays and keeps its count. */
export const beforeCareSweep: BeforeHook = async (event, ctx) => {
  const days = Number(event.data.days_ahead ?? DEFAULT_DAYS_AHEAD);
  event.data.days_ahead = Number.isInteger(days) && days > 0 ? days : DEFAULT_DAYS_AHEAD;
  event.data.planned = await planBirthdays(Number(event.data.days_ahead), ctx);
};
