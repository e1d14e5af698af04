import { problem } from '../../../errors.js';
import { defineStep } from '../../types.js';
import { recipientIds, resolveFixed, type Recipients } from '../recipients.js';
import { renderTemplate } from '../render-template.js';
import { mailerOf } from './mailer.js';
import { schema } from './schema.js';

/**
 * Sends an e-mail with nodemailer. The idempotency key is the Message-ID and the
 * X-Idempotency-Key header: a message repeated after a crash carries the same id.
 */
export const emailStep = defineStep({
  type: 'email',
  kind: 'effect',
  schema,
  async run(step, ctx) {
    if (ctx.dryRun) return { output: { wouldSend: { to: step.to ?? null, addresses: ((step.addresses as string[] | undefined) ?? []).map((a) => renderTemplate(a, ctx.data)), subject: renderTemplate(step.subject as string, ctx.data) } } };
    const fixed = await resolveFixed(step.to as Recipients | undefined, ctx.lookup);
    const ids = recipientIds(step.to as Recipients | undefined, fixed, ctx.data);
    const extra = ids.filter((id) => !fixed.some((u) => u.id === id));
    const users = [...fixed, ...(extra.length ? await ctx.lookup.users({ ids: extra }) : [])];
    const to = [...new Set([...users.map((u) => u.email), ...((step.addresses as string[] | undefined) ?? []).map((a) => renderTemplate(a, ctx.data))])].filter(Boolean);
    if (!to.length) return { output: { to: [], skipped: 'no recipients' } };
    const subject = renderTemplate(step.subject as string, ctx.data);
    const messageId = `<${ctx.idempotencyKey}@workflow.crm>`;
    if (!ctx.services.mail) throw problem('MAIL_NOT_CONFIGURED');
    const info = await mailerOf(ctx.services.mail).sendMail({
      from: ctx.services.mail.from,
      to,
      subject,
      text: step.text ? renderTemplate(step.text as string, ctx.data) : undefined,
      html: step.html ? renderTemplate(step.html as string, ctx.data) : undefined,
      messageId,
      headers: { 'X-Idempotency-Key': ctx.idempotencyKey },
    });
    return { output: { to, subject, messageId, accepted: info.accepted } };
  },
});
