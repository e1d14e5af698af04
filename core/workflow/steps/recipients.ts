import type { Lookup } from '../runner/lookup.js';

/** Who a step addresses: users by id, holders of roles, a team, and/or the user in a field of the record. */
export const recipientsSchema = {
  type: 'object',
  properties: {
    users: { type: 'array', items: { type: 'string' } },
    roles: { type: 'array', items: { type: 'string' } },
    team: { type: 'string' },
    field: { type: 'string', description: 'a user field of the record (owner_id, a user field)' },
  },
  additionalProperties: false,
};

export interface Recipients {
  users?: string[];
  roles?: string[];
  team?: string;
  field?: string;
}

/** The fixed part (users, roles, team) resolved before the transaction. */
export const resolveFixed = async (to: Recipients | undefined, lookup: Lookup) =>
  to && (to.users?.length || to.roles?.length || to.team) ? lookup.users({ ids: to.users, roles: to.roles, team: to.team }) : [];

/** User ids: the fixed ones plus the record's field, in order, once each. */
export const recipientIds = (to: Recipients | undefined, fixed: { id: string }[], data: Record<string, unknown>): string[] => {
  const fromField = to?.field ? data[to.field] : undefined;
  const ids = [...fixed.map((u) => u.id), ...(typeof fromField === 'string' ? [fromField] : [])];
  return [...new Set(ids)];
};
