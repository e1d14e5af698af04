import type { Knex } from 'knex';

export const version = 8;
export const name = 'step-measures';
export const description = "what a workflow step cost beside its output (_wf_steps.measures: a script's CPU and wall time, host calls), read by core/workflow";

export const up = async (trx: Knex.Transaction): Promise<void> => {
  await trx.raw('alter table _wf_steps add column if not exists measures jsonb');
};
