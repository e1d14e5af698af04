import type { Actor } from '../actor.js';
import type { EffectiveMeta, EntityDocument } from '../../metadata/types.js';
import { entityRights, hasActionRight } from './entity-rights.js';
import { hiddenFields } from './hidden-fields.js';

/** Where an entity comes from: a plugin's name, `system` or `tenant`. */
const pluginOf = (meta: EffectiveMeta, entity: string): string => {
  const owner = meta.owner?.[`entity/${entity}`] ?? 'tenant';
  return owner.startsWith('plugin:') ? owner.slice('plugin:'.length) : owner;
};

/**
 * The entities an actor may read, each without the fields hidden from it, with the
 * actor's rights on it (`access`), its record actions with whether the actor may run
 * each (`actions`) and its origin (`plugin`): what GET /api/meta shows
 * and the app draws.
 */
export const visibleEntities = (meta: EffectiveMeta, actor: Actor, actionsOf: (entity: string) => { name: string }[] = () => []): Record<string, EntityDocument & { plugin: string; actions: { name: string; allowed: boolean }[]; access: { create: boolean; update: boolean; delete: boolean; assign: boolean; fields: Record<string, string> } }> => {
  const out: Record<string, EntityDocument & { plugin: string; actions: { name: string; allowed: boolean }[]; access: { create: boolean; update: boolean; delete: boolean; assign: boolean; fields: Record<string, string> } }> = {};
  for (const [name, doc] of Object.entries(meta.entities)) {
    const rights = entityRights(doc, actor, meta);
    if (!rights.scopes.read.length) continue;
    const hidden = hiddenFields(doc, rights);
    const fields = Object.fromEntries(Object.entries(doc.fields ?? {}).filter(([f]) => !hidden.has(f)));
    out[name] = {
      ...doc,
      plugin: pluginOf(meta, name),
      fields,
      actions: actionsOf(name).map((a) => ({ ...a, allowed: hasActionRight(rights, `${name}.${a.name}`) })),
      access: {
        create: rights.create,
        update: rights.scopes.update.length > 0,
        delete: rights.scopes.delete.length > 0,
        /** Whether the actor may hand records on to someone else (`<entity>.assign`): the "Change owner" action. */
        assign: rights.scopes.update.length > 0 && hasActionRight(rights, `${name}.assign`),
        fields: Object.fromEntries(Object.keys(fields).map((f) => [f, rights.fields[f] ?? 'write'])),
      },
    };
  }
  return out;
};
