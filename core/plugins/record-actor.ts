import type { Actor } from '../records/types.js';
import type { PluginActor } from './types.js';

/**
 * The record service's Actor for plugin work: the caller's own roles, team and admin flag
 * when it gives them; otherwise no roles, and `isAdmin` as the operation implies (lifecycle
 * operations are for tenant admins and the command line, routes are for anyone signed in).
 */
export const recordActor = (actor: PluginActor, defaults: { isAdmin: boolean }): Actor => ({
  id: actor.id,
  name: actor.name,
  roles: actor.roles ?? [],
  team: actor.team ?? null,
  isAdmin: actor.isAdmin ?? defaults.isAdmin,
});
