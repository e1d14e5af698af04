import type { Knex } from 'knex';
import type { ReceivedMail } from '../../mail/index.js';
import type { EffectiveMeta } from '../../metadata/types.js';
import { ruleAccepts } from '../../rules/index.js';
import { workflowsOf } from '../definitions.js';
import { startRuns } from '../runs/start-runs.js';

/**
 * A received message starts every enabled `email_received` workflow whose `mailbox` (when
 * given) is the one it was sent to and whose condition holds for `{$payload: message}`, in
 * the transaction that stored the message. A message that could not be parsed, or one
 * received before (same Message-ID), starts none.
 * Each run is keyed by message and workflow, so a redelivery starts no second run.
 */
export const startEmailReceivedRuns = async (trx: Knex.Transaction, tenantId: string, meta: EffectiveMeta, mail: ReceivedMail): Promise<string[]> => {
  if (mail.status !== 'received' || mail.duplicate) return [];
  const data = { $payload: mail };
  const workflows = workflowsOf(meta).filter(
    (w) => w.trigger.on === 'email_received' && (w.trigger.mailbox === undefined || w.trigger.mailbox.toLowerCase() === mail.mailbox) && (w.trigger.condition === undefined || ruleAccepts(w.trigger.condition as never, data)),
  );
  return startRuns(
    trx,
    tenantId,
    workflows.map((w) => ({ workflow: w.name, trigger: 'email_received', entity: w.entity ?? null, input: { payload: mail }, depth: 0, dedupeKey: `email:${w.name}:${mail.id}` })),
  );
};
