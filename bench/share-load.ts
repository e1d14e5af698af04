import type { Knex } from 'knex';
import { ENTITY } from './entity.js';

/**
 * Fills the tenant's share table for the deal in one statement, then ANALYZEs it: `shares`
 * rows (at most one per deal, deals picked at random), every fourth one with a team (the
 * `teams` in turn), the others with a user (the `users` in turn), a quarter of them to edit.
 * Run inside withTenant (the tenant's role and search_path).
 */
export const bulkLoadShares = async (trx: Knex.Transaction, input: { shares: number; users: string[]; teams: string[]; createdBy: string }): Promise<number> => {
  const ids = [...input.users, ...input.teams];
  if (!input.users.length || !input.teams.length || ids.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) throw new Error('shares need users and teams (uuids)');
  const { rowCount } = await trx.raw(
    `insert into _shares (id, entity, record_id, user_id, team_id, access, created_by)
     select gen_random_uuid(), ?, d.id,
            case when d.k % 4 <> 0 then (?::uuid[])[1 + (d.k / 4 * 3 + d.k % 4 - 1) % ?] end,
            case when d.k % 4 = 0 then (?::uuid[])[1 + (d.k / 4) % ?] end,
            case when d.k % 4 = 1 then 'edit' else 'read' end, ?::uuid
     from (select id, row_number() over (order by random()) as k from ${ENTITY}) as d
     where d.k <= ?`,
    [ENTITY, `{${input.users.join(',')}}`, input.users.length, `{${input.teams.join(',')}}`, input.teams.length, input.createdBy, input.shares],
  );
  await trx.raw('analyze _shares');
  return rowCount ?? input.shares;
};
