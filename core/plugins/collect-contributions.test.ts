import { describe, expect, it } from 'vitest';
import type { RecordContext } from '../records/types.js';
import { collectContributions } from './collect-contributions.js';
import { definePlugin } from './define-plugin.js';
import type { PluginContributions, RecordEvent } from './plugin-api.js';
import { tenantRuntime } from './tenant-runtime.js';

const noop = () => undefined;

describe('what a plugin contributes', () => {
  it('takes hooks only on the changes the record service announces', () => {
    const ok = collectContributions('shop', definePlugin({ setup: (api) => ['create', 'update', 'delete', 'restore'].forEach((a) => api.before(`order.${a}`, noop)) }));
    expect([...ok.before.keys()]).toEqual(['order.create', 'order.update', 'order.delete', 'order.restore']);
    expect(() => collectContributions('shop', definePlugin({ setup: (api) => api.after('order.ship', noop) }))).toThrow(/hook key "order.ship" must end in one of: create, update, delete, restore/);
    expect(() => collectContributions('shop', definePlugin({ setup: (api) => api.before('Order.create', noop) }))).toThrow(/must be <entity>.<action>/);
    const actions = collectContributions('shop', definePlugin({ setup: (api) => api.action('order.ship', { run: async () => 'shipped' }) }));
    expect([...actions.actions.keys()]).toEqual(['order.ship']);
  });

  it('runs the hooks of the tenant plugins only, dependencies first', async () => {
    const calls: string[] = [];
    const plugin = (name: string): PluginContributions =>
      collectContributions(name, definePlugin({ setup: (api) => api.before('order.create', (e) => void calls.push(`${name}:${e.entity}.${e.action}`)) }));
    const runtime = { plugins: new Map(['base', 'addon', 'other'].map((n) => [n, plugin(n)])) };
    const event: RecordEvent = { entity: 'order', action: 'create', data: {} };
    await tenantRuntime(runtime, ['base', 'addon']).hooks.before(event, {} as RecordContext);
    await tenantRuntime(runtime, ['base', 'addon']).hooks.before({ ...event, action: 'update' }, {} as RecordContext);
    expect(calls).toEqual(['base:order.create', 'addon:order.create']);
  });
});
