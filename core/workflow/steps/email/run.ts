import { v7 as uuidv7 } from 'uuid';
import { problem } from '../../../errors.js';
import { fromHeader, messageIdFor, renderParts, renderTemplateDoc, templateOf, deliverMail, type MailParts } from '../../../mail/index.js';
import type { Locale } from '../../../metadata/types.js';
import { defineStep, type StepContext } from '../../types.js';
import type { WorkflowStep } from '../../../metadata/types.js';
import { recipientIds, resolveFixed, type Recipients } from '../recipients.js';
import { renderTemplate } from '../render-template.js';
import { schema } from './schema.js';

const partsOf = (step: WorkflowStep, ctx: StepContext): MailParts =>
  step.template
    ? renderTemplateDoc(templateOf(ctx.meta, step.template as string), (step.locale as Locale | undefined) ?? 'en', ctx.data)
    : renderParts({ subject: step.subject as string, text: step.text as string | undefined, html: step.html as string | undefined }, ctx.data);

/**
 * Sends an e-mail with nodemailer, from the tenant's sending identity, and stores it
 * linked to the run's record. Values are put in with mustache: escaped in the HTML part.
 * The idempotency key is in the Message-ID and the X-Idempotency-Key header: a message
 * repeated after a crash carries the same id.
 */
export const emailStep = defineStep({
  type: 'email',
  kind: 'effect',
  schema,
  async run(step, ctx) {
    const addresses = ((step.addresses as string[] | undefined) ?? []).map((a) => renderTemplate(a, ctx.data).trim());
    if (ctx.dryRun) return { output: { wouldSend: { to: step.to ?? null, addresses, subject: partsOf(step, ctx).subject } } };
    const fixed = await resolveFixed(step.to as Recipients | undefined, ctx.lookup);
    const ids = recipientIds(step.to as Recipients | undefined, fixed, ctx.data);
    const extra = ids.filter((id) => !fixed.some((u) => u.id === id));
    const users = [...fixed, ...(extra.length ? await ctx.lookup.users({ ids: extra }) : [])];
    const to = [...new Set([...users.map((u) => u.email), ...addresses])].filter(Boolean);
    if (!to.length) return { output: { to: [], skipped: 'no recipients' } };
    const parts = partsOf(step, ctx);
    if (!ctx.services.mail) throw problem('MAIL_NOT_CONFIGURED');
    const from = fromHeader(await ctx.lookup.mailSettings(), ctx.services.mail.from);
    const messageId = messageIdFor(ctx.idempotencyKey, from);
    const attachments = ((step.attach as { field: string; filename: string; contentType: string }[] | undefined) ?? [])
      .map((a) => ({ filename: a.filename, contentType: a.contentType, content: ctx.data[a.field] }))
      .filter((a): a is { filename: string; contentType: string; content: string } => typeof a.content === 'string' && a.content !== '');
    const sent = await deliverMail({ from, to, ...parts, messageId, headers: { 'X-Idempotency-Key': ctx.idempotencyKey }, ...(attachments.length && { attachments }) }, ctx.services.mail);
    const links = ctx.run.entity && ctx.run.record_id ? [{ entity: ctx.run.entity, id: ctx.run.record_id }] : [];
    await ctx.lookup.storeMail({
      id: uuidv7(),
      direction: 'out',
      status: sent.ok ? 'sent' : 'failed',
      from: typeof from === 'string' ? { address: from } : from,
      to,
      ...parts,
      messageId,
      problem: sent.error ?? null,
      links,
    });
    if (!sent.ok) throw problem('MAIL_NOT_SENT', { reason: sent.error ?? '' });
    return { output: { to, subject: parts.subject, messageId, accepted: sent.accepted } };
  },
});
