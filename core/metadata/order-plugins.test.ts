import { describe, expect, it } from 'vitest';
import { orderPlugins, pluginDependencies } from './order-plugins.js';
import { label } from './test-fixtures.js';

const plugin = (name: string, version: string, requires: Record<string, string> = {}) => ({
  file: `plugins/${name}/plugin.json`,
  manifest: { name, version, label: label(name, name), requires },
});

describe('orderPlugins', () => {
  it('puts every plugin after the plugins it requires', () => {
    const { ordered, problems } = orderPlugins([plugin('service', '1.0.0', { sales: '^1.0.0', base: '>=1' }), plugin('sales', '1.2.0', { base: '1.x' }), plugin('base', '1.0.0')]);
    expect(problems).toEqual([]);
    expect(ordered.map((p) => p.manifest.name)).toEqual(['base', 'sales', 'service']);
    expect(pluginDependencies(ordered, 'service').map((p) => p.manifest.name)).toEqual(['base', 'sales']);
  });

  it('reports missing plugins, bad ranges, unmet versions and cycles', () => {
    const { ordered, problems } = orderPlugins([
      plugin('a', '1.0.0', { ghost: '^1', b: '^2.0.0' }),
      plugin('b', '1.0.0', { c: 'not a range' }),
      plugin('c', '1.0.0', { a: '*' }),
    ]);
    expect(ordered).toHaveLength(3);
    expect(problems).toEqual([
      { file: 'plugins/a/plugin.json', pointer: '/requires/ghost', message: 'plugin "ghost" does not exist' },
      { file: 'plugins/a/plugin.json', pointer: '/requires/b', message: '"b" is at version 1.0.0, outside ^2.0.0' },
      { file: 'plugins/b/plugin.json', pointer: '/requires/c', message: '"not a range" is not a semver range' },
      { file: 'plugins/a/plugin.json', pointer: '/requires', message: 'plugins require each other in a cycle: a → b → c → a' },
    ]);
  });
});
