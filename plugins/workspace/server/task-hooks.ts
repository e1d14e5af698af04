import type { BeforeHook } from '../../../core/index.js';
import { taskReminder } from './reminders.js';
import { same } from './shared.js';

/** Sets a task's reminder time from its due time and reminder minutes. */
export const remindTask: BeforeHook = (event) => {
  const t = { ...(event.old ?? {}), ...event.data };
  const at = taskReminder(t);
  if (!same(at, event.old?.remind_at)) event.data.remind_at = at;
};
