import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/http.js';
import type { PluginInfo } from '../api/types.js';
import { useMetaStore } from './meta.js';

export type PluginOperation = 'install' | 'upgrade' | 'uninstall';

/** What an install, upgrade or uninstall changed. */
export interface PluginResult {
  changes: { plugin: string; version: string; change: string }[];
  notes: string[];
  schemaSteps: string[];
  seeded: Record<string, number>;
}

/** The plugin manager: every available plugin with the tenant's install state, and the lifecycle operations. */
export const usePluginsStore = defineStore('plugins', () => {
  const metaStore = useMetaStore();
  const list = ref<PluginInfo[]>([]);
  /** Plugin folders the server set aside because their metadata is invalid. */
  const broken = ref<{ folder: string; problems: number }[]>([]);

  const load = async (): Promise<PluginInfo[]> => {
    const answer = await api.get<{ data: PluginInfo[]; broken?: { folder: string; problems: number }[] }>('/api/plugins');
    list.value = answer.data;
    broken.value = answer.broken ?? [];
    return list.value;
  };

  /** Runs an operation, then reloads the list and the metadata the app is drawn from. */
  const run = async (name: string, op: PluginOperation, body: { withDemoData?: boolean; confirmDestructive?: boolean } = {}): Promise<PluginResult> => {
    const result = await api.post<PluginResult>(`/api/plugins/${encodeURIComponent(name)}/${op}`, body);
    await Promise.all([load(), metaStore.load(true)]);
    return result;
  };

  /** The plugins installing `name` brings along: what it requires, recursively, that is not installed. */
  const missingRequirements = (name: string, seen = new Set<string>()): string[] => {
    const plugin = list.value.find((p) => p.name === name);
    const out: string[] = [];
    for (const dep of Object.keys(plugin?.requires ?? {})) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      const found = list.value.find((p) => p.name === dep);
      if (found?.status === 'installed') continue;
      out.push(...missingRequirements(dep, seen), dep);
    }
    return [...new Set(out)];
  };

  return { list, broken, load, run, missingRequirements };
});
