import { describe, expect, it } from 'vitest';
import type { EntityDocument, PluginInfo } from '../api/types.js';
import { groupEntities } from './group-entities.js';

const entity = (name: string, refs: string[] = [], extra: Record<string, unknown> = {}): EntityDocument =>
  ({ kind: 'entity', name, fields: Object.fromEntries(refs.map((r) => [r, { type: 'reference', entity: r }])), ...extra }) as EntityDocument;
const plugin = (name: string): PluginInfo => ({ name, label: { en: name, 'zh-CN': name }, status: 'installed', installedVersion: '1.0.0', availableVersion: '1.0.0' });

describe('groupEntities', () => {
  it('groups entities by the entity they refer to and names the group after a matching plugin', () => {
    const entities = {
      team: entity('team', ['team']),
      customer: entity('customer'),
      contact: entity('contact', ['customer']),
      activity: entity('activity', ['customer', 'contact']),
      product: entity('product'),
      lot: entity('lot', ['product']),
    };
    const groups = groupEntities(entities, [plugin('customers'), plugin('products')]);
    expect(groups.map((g) => [g.key, g.entities])).toEqual([
      ['plugin:customers', ['customer', 'contact', 'activity']],
      ['plugin:products', ['product', 'lot']],
      ['other', ['team']],
    ]);
  });

  it('leaves internal child entities out of the menu and puts the main entity of a group first', () => {
    const entities = {
      order: entity('order', ['customer']),
      order_line: entity('order_line', ['order'], { menu: false }),
      contact: entity('contact', ['customer']),
      customer: entity('customer'),
      opportunity: entity('opportunity', [], { plugin: 'sales' }),
      quote: entity('quote', [], { plugin: 'sales' }),
      deal: entity('deal', [], { plugin: 'sales', menuOrder: 0 }),
    };
    const groups = groupEntities(entities, [plugin('customers'), plugin('sales')]);
    expect(groups.map((g) => [g.key, g.entities])).toEqual([
      ['plugin:customers', ['customer', 'order', 'contact']],
      ['plugin:sales', ['deal', 'opportunity', 'quote']],
    ]);
  });

  it('uses the plugin an entity names, when metadata carries it', () => {
    const groups = groupEntities({ a: entity('a', [], { plugin: 'sales' }), b: entity('b', ['a']) }, [plugin('sales')]);
    expect(groups.find((g) => g.key === 'plugin:sales')?.entities).toEqual(['a']);
  });

  it('puts the entities of a module under its menu group, shared by modules naming the same group', () => {
    const entities = { property: entity('property'), lease: entity('lease', ['property']), payment: entity('payment', ['lease']), parking: entity('parking'), customer: entity('customer') };
    const groups = groupEntities(entities, [plugin('customers')], [
      { module: 'rentals', group: 'Property', entities: ['property', 'lease', 'payment'] },
      { module: 'parking', group: 'Property', entities: ['parking'] },
    ]);
    expect(groups.map((g) => [g.key, g.label?.en, g.entities])).toEqual([
      ['menu:Property', 'Property', ['property', 'lease', 'payment', 'parking']],
      ['plugin:customers', 'customers', ['customer']],
    ]);
  });

  it('puts the entities of a plugin that names a menu group (an exported module) under that group', () => {
    const entities = { lease: entity('lease', [], { plugin: 'rentals' }), payment: entity('payment', ['lease'], { plugin: 'rentals' }), customer: entity('customer') };
    const rentals = { ...plugin('rentals'), label: { en: 'Property rentals', 'zh-CN': '房产租赁' }, menuGroup: 'Property' };
    const groups = groupEntities(entities, [rentals, plugin('customers')]);
    expect(groups.map((g) => [g.key, g.label?.en, g.entities])).toEqual([
      ['menu:Property', 'Property', ['lease', 'payment']],
      ['plugin:customers', 'customers', ['customer']],
    ]);
  });
});
