import { defineStep } from '../../types.js';
import { recipientIds, resolveFixed, type Recipients } from '../recipients.js';
import { renderTemplate } from '../render-template.js';
import { insertNotifications } from './insert-notifications.js';
import { schema } from './schema.js';

/** Notifies users in the app (GET /api/notifications), in the run's transaction. */
export const notifyStep = defineStep({
  type: 'notify',
  kind: 'tx',
  schema,
  prepare: (step, ctx) => resolveFixed(step.to as Recipients, ctx.lookup),
  async run(step, ctx) {
    const users = recipientIds(step.to as Recipients, ctx.prepared, ctx.data);
    const title = renderTemplate(step.title as string, ctx.data);
    const body = step.body ? renderTemplate(step.body as string, ctx.data) : null;
    await insertNotifications(ctx.db!, users, { title, body, entity: ctx.run.entity, recordId: ctx.run.record_id, runId: ctx.run.id });
    return { output: { users, title } };
  },
});
