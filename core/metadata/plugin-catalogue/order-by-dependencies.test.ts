import { describe, expect, it } from 'vitest';
import { orderByDependencies, withDependencies } from './order-by-dependencies.js';
import type { AvailablePlugin } from './types.js';

const plugin = (name: string, version = '1.0.0', requires?: Record<string, string>): AvailablePlugin => ({
  manifest: { name, version, label: { en: name, 'zh-CN': name }, requires },
  dir: `/plugins/${name}`,
  documents: [],
  files: {},
});

const names = (ps: AvailablePlugin[]) => ps.map((p) => p.manifest.name);

describe('orderByDependencies', () => {
  it('puts every plugin after the plugins it requires', () => {
    const ordered = orderByDependencies([plugin('orders', '1.0.0', { customers: '^1.0.0', products: '>=1.0.0' }), plugin('products'), plugin('customers', '1.2.0')]);
    expect(names(ordered)).toEqual(['customers', 'products', 'orders']);
  });

  it('names both plugins when a dependency is missing or out of range', () => {
    expect(() => orderByDependencies([plugin('orders', '1.0.0', { customers: '^1.0.0' })])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_DEPENDENCY_MISSING', message: 'Plugin "orders" requires plugin "customers", which does not exist' }),
    );
    expect(() => orderByDependencies([plugin('orders', '1.0.0', { customers: '^2.0.0' }), plugin('customers', '1.4.0')])).toThrow(
      expect.objectContaining({ code: 'PLUGIN_DEPENDENCY_VERSION', message: 'Plugin "orders" requires "customers" ^2.0.0, but "customers" is at version 1.4.0' }),
    );
  });

  it('names the whole cycle', () => {
    const cyclic = [plugin('a', '1.0.0', { b: '*' }), plugin('b', '1.0.0', { c: '*' }), plugin('c', '1.0.0', { a: '*' })];
    expect(() => orderByDependencies(cyclic)).toThrow(expect.objectContaining({ code: 'PLUGIN_DEPENDENCY_CYCLE', message: 'Plugins require each other in a cycle: a → b → c → a' }));
  });

  it('withDependencies picks a plugin and what it needs, dependencies first', () => {
    const all = [plugin('orders', '1.0.0', { customers: '^1.0.0' }), plugin('customers'), plugin('service')];
    expect(names(withDependencies(all, 'orders'))).toEqual(['customers', 'orders']);
    expect(() => withDependencies(all, 'nope')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
