import type { Knex } from 'knex';
import type { FieldProblem } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What is wrong with `manager` as the manager of user `userId` (undefined for a new user):
 * it must be null or the id of an active person of the same tenant, not the user, and not
 * one of the user's reports (no cycle: walking up from the manager never meets the user).
 */
export const managerProblem = async (trx: Knex, tenantId: string, userId: string | undefined, manager: unknown): Promise<FieldProblem | undefined> => {
  if (manager === null || manager === undefined) return undefined;
  if (typeof manager !== 'string' || !UUID.test(manager)) return { field: 'manager', message: 'must be a user id or null' };
  if (manager === userId) return { field: 'manager', message: 'cannot be the user themselves' };
  const found = await trx('crm_system.users').where({ tenant_id: tenantId, id: manager, kind: 'person', active: true }).first('id');
  if (!found) return { field: 'manager', message: 'no active user with this id' };
  if (!userId) return undefined;
  const { rows } = await trx.raw(
    `with recursive up(id) as (select cast(? as uuid) union select u.manager_id from crm_system.users as u join up on u.id = up.id where u.tenant_id = ? and u.manager_id is not null)
     select exists(select 1 from up where id = ?) as cycle`,
    [manager, tenantId, userId],
  );
  return rows[0]?.cycle ? { field: 'manager', message: 'reports to this user already (a cycle)' } : undefined;
};
