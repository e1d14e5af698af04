import { computed, ref } from 'vue';
import { ApiError } from '../api/http.js';
import { useCoalescedEdits } from '../editor-kit/use-coalesced-edits.js';
import { useUndoHistory } from '../editor-kit/use-undo-history.js';
import { loadMenu, saveMenu } from './ivr-api.js';
import { graphToMenu, menuToGraph, type IvrGraph } from './ivr-graph.js';

/** The node a refused save's field error points at (`definition/nodes/<node>/…`). */
const nodeOfPointer = (field: string): string | undefined => /^(?:definition|menu)\/nodes\/([^/]+)/.exec(field)?.[1];

/**
 * The IVR menu being edited: loaded from the tenant's record (or the shipped menu, or new),
 * changed only by replacing the graph (undo keeps snapshots), dirty while its menu differs
 * from what was saved. Saving writes the tenant's record with its version (409 when someone
 * saved meanwhile); a refusal names the nodes it is about (`serverFaults`).
 */
export const useIvrEditor = (name: () => string) => {
  const history = useUndoHistory<IvrGraph | null>(null);
  const edits = useCoalescedEdits(history);
  const graph = history.state;
  const at = ref<{ id: string | null; version: number | null }>({ id: null, version: null });
  const saved = ref('');
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  const serverFaults = ref<string[]>([]);
  const isNew = ref(false);

  const load = async (): Promise<void> => {
    loading.value = true;
    loadError.value = null;
    try {
      const found = await loadMenu(name());
      isNew.value = !found.doc;
      const doc = found.doc ?? { name: name(), label: { en: '', 'zh-CN': '' }, start: '', nodes: {} };
      history.reset(menuToGraph(doc));
      at.value = { id: found.id, version: found.version };
      saved.value = found.id ? JSON.stringify(graphToMenu(graph.value as IvrGraph)) : '';
      serverFaults.value = [];
      edits.forget();
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  };

  const dirty = computed(() => graph.value !== null && JSON.stringify(graphToMenu(graph.value)) !== saved.value);

  /** Saves the menu as the tenant's record under `title`; throws what the server refused (its nodes kept in `serverFaults`). */
  const save = async (title: string): Promise<void> => {
    if (!graph.value) return;
    const doc = graphToMenu(graph.value);
    try {
      at.value = await saveMenu(doc, title, at.value);
      saved.value = JSON.stringify(doc);
      isNew.value = false;
      serverFaults.value = [];
    } catch (e) {
      serverFaults.value = e instanceof ApiError ? [...new Set((e.problem.errors ?? []).map((x) => nodeOfPointer(x.field)).filter((n): n is string => Boolean(n)))] : [];
      throw e;
    }
  };

  return { graph, loading, loadError, dirty, isNew, serverFaults, canUndo: history.canUndo, canRedo: history.canRedo, load, save, change: edits.change, undo: edits.undo, redo: edits.redo };
};
