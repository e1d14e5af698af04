import type { Knex } from 'knex';

export const version = 20;
export const name = 'approval-delegation';
export const description = "out-of-office delegates of approvers (_wf_delegations), who decided a vote on whose behalf (_wf_votes.decided_by) an approval's reassignments and title (_wf_approvals.reassigned, .title)";

/**
 * - `_wf_delegations`: one out-of-office delegate per user, for the days `starts_on` to
 *   `ends_on` (inclusive, in the tenant's time zone); `set_by` is who set it (the user or an admin).
 * - `_wf_votes.decided_by`: the delegate who cast the vote for the approver in `user_id`
 *   (null when the approver answered in person).
 * - `_wf_approvals.reassigned`: `[{ from, to, by, at }]`, each reassignment of an approver's place.
 * - `_wf_approvals.title`: the approval's title in each language (`{ en, zh-CN }`), for notices
 *   sent after the step ran (a delegate's decision, a reassignment).
 * `if not exists`, as a climb from an earlier recorded version runs the rungs after it again.
 */
export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw(`create table if not exists _wf_delegations (
    user_id uuid primary key,
    delegate_id uuid not null,
    starts_on date not null,
    ends_on date not null,
    set_by uuid,
    created_at timestamptz not null default now(),
    check (starts_on <= ends_on),
    check (user_id <> delegate_id)
  )`);
  await trx.raw('create index if not exists _wf_delegations_delegate on _wf_delegations (delegate_id)');
  await trx.raw('alter table _wf_votes add column if not exists decided_by uuid');
  await trx.raw('alter table _wf_approvals add column if not exists reassigned jsonb');
  await trx.raw('alter table _wf_approvals add column if not exists title jsonb');
};
