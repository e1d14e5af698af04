import type { LocalText } from '../../../errors/locale.js';
import { defineStep } from '../../types.js';
import { byLocale, localesFor, renderIn } from '../local-text.js';
import { recipientIds, resolveFixed, type Recipients } from '../recipients.js';
import { insertNotifications } from './insert-notifications.js';
import { schema } from './schema.js';

/**
 * Notifies users in the app (GET /api/notifications), in the run's transaction. A title or
 * body given per language reaches each user in theirs.
 */
export const notifyStep = defineStep({
  type: 'notify',
  kind: 'tx',
  schema,
  prepare: async (step, ctx) => ({ fixed: await resolveFixed(step.to as Recipients, ctx.lookup), locales: await localesFor([step.title, step.body], ctx.lookup) }),
  async run(step, ctx) {
    const users = recipientIds(step.to as Recipients, ctx.prepared.fixed, ctx.data);
    const texts = (locale: Parameters<typeof renderIn>[1]) => ({
      title: renderIn(step.title as LocalText, locale, ctx.data),
      body: step.body ? renderIn(step.body as LocalText, locale, ctx.data) : null,
    });
    for (const [locale, group] of byLocale(users, ctx.prepared.locales)) {
      await insertNotifications(ctx.db!, group, { ...texts(locale), entity: ctx.run.entity, recordId: ctx.run.record_id, runId: ctx.run.id });
    }
    return { output: { users, title: texts('en').title } };
  },
});
