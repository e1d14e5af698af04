import type { SecurityCtx } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ActorName {
  name: string;
  kind: 'person' | 'service';
}

/** The names of a tenant's users and service accounts by id (for history), in one query. */
export const actorNames = async (input: { tenantId: string; ids: (string | null)[] }, { knex }: SecurityCtx): Promise<Map<string, ActorName>> => {
  const ids = [...new Set(input.ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)))];
  if (!ids.length) return new Map();
  const rows: { id: string; name: string; kind: ActorName['kind'] }[] = await knex('crm_system.users').where({ tenant_id: input.tenantId }).whereIn('id', ids).select('id', 'name', 'kind');
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
};
