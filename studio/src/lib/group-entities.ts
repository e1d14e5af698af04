import type { EntityDocument, Label, PluginInfo } from '../api/types.js';

/** A module's menu group (GET /api/meta menuGroups): its title and the module's entities. */
export interface MenuGroup {
  module: string;
  group: string;
  entities: string[];
}

export interface EntityGroup {
  key: string;
  label?: Label;
  /** i18n key when the group has no metadata label. */
  labelKey?: string;
  entities: string[];
}

const pluginOf = (e: EntityDocument): string | undefined => {
  const p = (e as unknown as { plugin?: unknown }).plugin;
  return typeof p === 'string' ? p : undefined;
};

const references = (e: EntityDocument): string[] =>
  Object.values(e.fields ?? {}).flatMap((f) => (f.type === 'reference' && f.entity !== e.name ? [f.entity] : []));

/** A group's entities: by `menuOrder` (a plugin's main entity 0), then the group's root entity, then as they came. */
const inMenuOrder = (g: EntityGroup, entities: Record<string, EntityDocument>, rootOf: Map<string, string>): string[] => {
  const rank = (name: string): number => entities[name]?.menuOrder ?? (rootOf.get(name) === name ? 500 : 1000);
  return g.entities.map((name, i) => ({ name, i })).sort((a, b) => rank(a.name) - rank(b.name) || a.i - b.i).map((x) => x.name);
};

/**
 * Groups entities for navigation. An entity that names its plugin goes under that plugin;
 * the others are grouped by the references between them (an entity joins the group of the
 * entity it refers to), and a group whose root entity is named like an installed plugin
 * ("customer" ↔ "customers") takes the plugin's label. Lone entities end up in `other`.
 * The entities of a module built in the studio go under the module's menu group, and those
 * of a plugin whose manifest names a menu group (an exported module) under that group
 * (modules and plugins naming the same group share it), before any of that.
 */
export const groupEntities = (entities: Record<string, EntityDocument>, plugins: PluginInfo[], menuGroups: MenuGroup[] = []): EntityGroup[] => {
  // Internal child entities (`menu: false`: order lines, stock moves) are reached from their parent, not the menu.
  const names = Object.keys(entities).filter((n) => entities[n].menu !== false);
  const installed = plugins.filter((p) => p.status === 'installed');
  const rootOf = new Map<string, string>();
  const findRoot = (name: string, seen = new Set<string>()): string => {
    if (rootOf.has(name)) return rootOf.get(name)!;
    seen.add(name);
    const e = entities[name];
    const parent = e ? references(e).find((r) => entities[r] && !seen.has(r)) : undefined;
    const root = parent ? findRoot(parent, seen) : name;
    rootOf.set(name, root);
    return root;
  };
  const groups = new Map<string, EntityGroup>();
  const add = (key: string, make: () => EntityGroup, entity: string) => {
    if (!groups.has(key)) groups.set(key, make());
    groups.get(key)!.entities.push(entity);
  };
  const addToMenuGroup = (group: string, entity: string) => add(`menu:${group}`, () => ({ key: `menu:${group}`, label: { en: group, 'zh-CN': group }, entities: [] }), entity);
  const menuGroupOf = new Map(menuGroups.flatMap((g) => g.entities.map((e) => [e, g.group] as const)));
  for (const name of names) {
    const group = menuGroupOf.get(name);
    if (group) {
      addToMenuGroup(group, name);
      continue;
    }
    const declared = pluginOf(entities[name]);
    const plugin = declared ? installed.find((p) => p.name === declared) : undefined;
    if (plugin?.menuGroup) {
      addToMenuGroup(plugin.menuGroup, name);
      continue;
    }
    if (declared) {
      add(`plugin:${declared}`, () => ({ key: `plugin:${declared}`, label: plugin?.label, labelKey: plugin ? undefined : 'nav.other', entities: [] }), name);
      continue;
    }
    const root = findRoot(name);
    const match = installed.find((p) => p.name === root || p.name === `${root}s` || p.name === `${root}es` || p.name.replace(/s$/, '') === root);
    if (match) add(`plugin:${match.name}`, () => ({ key: `plugin:${match.name}`, label: match.label, entities: [] }), name);
    else add(`root:${root}`, () => ({ key: `root:${root}`, label: entities[root]?.pluralLabel ?? entities[root]?.label, entities: [] }), name);
  }
  const all = [...groups.values()].map((g) => ({ ...g, entities: inMenuOrder(g, entities, rootOf) }));
  const lone = all.filter((g) => g.key.startsWith('root:') && g.entities.length === 1);
  const rest = all.filter((g) => !lone.includes(g));
  if (lone.length) rest.push({ key: 'other', labelKey: 'nav.other', entities: lone.flatMap((g) => g.entities) });
  return rest;
};
