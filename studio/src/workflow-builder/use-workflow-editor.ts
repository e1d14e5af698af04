import { computed, ref } from 'vue';
import { api } from '../api/http.js';
import type { WorkflowDocument } from '../api/workflows.js';
import { newWorkflow } from '../lib/workflow-graph.js';
import { useStudioStore } from '../stores/studio.js';
import { useUndoHistory } from '../editor-kit/use-undo-history.js';
import { useCoalescedEdits } from '../editor-kit/use-coalesced-edits.js';

/**
 * The workflow being edited: loaded from the tenant's drafts (or new), changed only by
 * replacing the document (so undo keeps snapshots), dirty while it differs from what was saved.
 */
export const useWorkflowEditor = (name: () => string, entityHint: () => string | undefined) => {
  const studio = useStudioStore();
  const history = useUndoHistory<WorkflowDocument | null>(null);
  const doc = history.state;
  const saved = ref('');
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  const edits = useCoalescedEdits(history);

  const load = async (): Promise<void> => {
    loading.value = true;
    loadError.value = null;
    try {
      const found = await studio.tenantDocument('workflow', name());
      history.reset(found ? (JSON.parse(JSON.stringify(found.doc)) as WorkflowDocument) : newWorkflow(name(), entityHint()));
      saved.value = found ? JSON.stringify(doc.value) : '';
      edits.forget();
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  };

  const { change, undo, redo } = edits;
  const dirty = computed(() => doc.value !== null && JSON.stringify(doc.value) !== saved.value);

  /** Stores the document as the tenant's draft; throws what the server refused. */
  const save = async (): Promise<void> => {
    if (!doc.value) return;
    const sent = doc.value;
    await api.put(`/api/studio/workflow/${encodeURIComponent(name())}`, sent);
    saved.value = JSON.stringify(sent);
  };

  return { doc, loading, loadError, dirty, canUndo: history.canUndo, canRedo: history.canRedo, load, change, undo, redo, save };
};
