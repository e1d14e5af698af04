import { definePlugin } from '../../../core/index.js';
import { seedDemoWorkspace } from '../seed/seed-demo.js';
import { afterAppointment, afterAppointmentRemoval, checkAppointment } from './appointment-hooks.js';
import { appointmentRoutes } from './appointment-routes.js';
import { afterAttendee, checkAttendee } from './attendee-hooks.js';
import { calendarRoutes } from './calendar-routes.js';
import { feedRoutes, newFeedSecret } from './feed-routes.js';
import { remindTask } from './task-hooks.js';

/** 日程与任务: appointments and their busy time, conflicts, free/busy and team calendars, reminders, the iCalendar feed and invitations, and the demo data. */
export default definePlugin({
  setup(api) {
    api.errors({
      SCHEDULE_CONFLICT: { status: 409, en: 'Some attendees are busy then ({count} conflicts).', 'zh-CN': '部分参与人在该时间已有安排（{count} 处冲突）。' },
    });
    api.before('appointment.create', checkAppointment);
    api.before('appointment.update', checkAppointment);
    api.after('appointment.create', afterAppointment);
    api.after('appointment.update', afterAppointment);
    api.after('appointment.delete', afterAppointmentRemoval);
    api.after('appointment.restore', afterAppointmentRemoval);
    api.before('appointment_attendee.create', checkAttendee);
    api.before('appointment_attendee.update', checkAttendee);
    api.after('appointment_attendee.create', afterAttendee);
    api.after('appointment_attendee.update', afterAttendee);
    api.after('appointment_attendee.delete', afterAttendee);
    api.after('appointment_attendee.restore', afterAttendee);
    api.before('calendar_feed.create', newFeedSecret);
    api.before('calendar_feed.update', newFeedSecret);
    api.before('task.create', remindTask);
    api.before('task.update', remindTask);
    for (const route of [...appointmentRoutes, ...calendarRoutes, ...feedRoutes]) api.route(route);
    api.seed({ name: 'demo-workspace', demo: true, run: seedDemoWorkspace });
  },
});
