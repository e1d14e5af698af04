import { ElMessage } from 'element-plus';
import { computed, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { ApiError } from '../api/http.js';
import { useUnsavedGuard } from '../editor-kit/use-unsaved-guard.js';
import { errorText } from '../lib/error-text.js';
import { useMetaStore } from '../stores/meta.js';
import { useStudioStore } from '../stores/studio.js';

/** A design read from its document: the part the designer edits and the parts it keeps as they were. */
export interface ReadDesign<D, K> {
  design: D;
  kept: K;
}

export interface DesignDocumentOptions<D, K> {
  kind: 'report' | 'dashboard';
  name: () => string;
  /** The tenant's stored document (its draft, else the published one), or undefined for a new design. */
  fetch: () => Promise<unknown>;
  read: (doc: unknown) => ReadDesign<D, K>;
  fresh: () => ReadDesign<D, K>;
  /** The document to save, or undefined while the design cannot make one. */
  write: (design: D, kept: K) => Record<string, unknown> | undefined;
  /** Whether the designer's own checks still find something to fix. */
  hasProblems: () => boolean;
  afterPublish?: () => void;
}

/**
 * The life of a studio design document, shared by the report and dashboard designers: load it
 * (or start a new one), know when it has unsaved changes (and guard leaving), save it as a
 * draft, publish it. Server refusals come back as `error` and `serverProblems`.
 */
export const useDesignDocument = <D, K>(opts: DesignDocumentOptions<D, K>) => {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const metaStore = useMetaStore();
  const studio = useStudioStore();

  const design = ref<D | null>(null) as Ref<D | null>;
  const kept = ref({}) as Ref<K>;
  const saved = ref('');
  const stored = ref(false);
  const loading = ref(true);
  const loadError = ref<unknown>(null);
  const error = ref('');
  const serverProblems = ref<{ field: string; message: string }[]>([]);
  const busy = ref<'' | 'save' | 'publish'>('');
  const attempted = ref(false);

  const dirty = computed(() => design.value !== null && JSON.stringify(design.value) !== saved.value);
  useUnsavedGuard(dirty, { title: 'reportDesigner.leaveTitle', message: 'reportDesigner.leaveMessage' });

  const refused = (e: unknown) => {
    error.value = errorText(e, t);
    serverProblems.value = e instanceof ApiError ? (e.problem.errors ?? []) : [];
  };

  const load = async () => {
    loading.value = true;
    loadError.value = null;
    attempted.value = false;
    try {
      const doc = await opts.fetch();
      stored.value = doc !== undefined;
      const read = doc !== undefined ? opts.read(JSON.parse(JSON.stringify(doc))) : opts.fresh();
      design.value = read.design;
      kept.value = read.kept;
      saved.value = doc !== undefined ? JSON.stringify(read.design) : '';
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  };
  watch(opts.name, load, { immediate: true });

  const save = async (): Promise<boolean> => {
    attempted.value = true;
    error.value = '';
    serverProblems.value = [];
    const doc = design.value === null ? undefined : opts.write(design.value, kept.value);
    if (!doc || opts.hasProblems()) return false;
    busy.value = 'save';
    try {
      await studio.saveDocument(opts.kind, opts.name(), doc);
      saved.value = JSON.stringify(design.value);
      stored.value = true;
      ElMessage.success(t('reportDesigner.saved'));
      if (route.query.new) await router.replace({ query: {} });
      return true;
    } catch (e) {
      refused(e);
      return false;
    } finally {
      busy.value = '';
    }
  };

  const publish = async () => {
    if ((dirty.value || !stored.value) && !(await save())) return;
    busy.value = 'publish';
    error.value = '';
    try {
      await studio.publish(false);
      await metaStore.load(true);
      opts.afterPublish?.();
      ElMessage.success(t('reportDesigner.publishedOk'));
    } catch (e) {
      refused(e);
    } finally {
      busy.value = '';
    }
  };

  return { design, kept, stored, loading, loadError, error, serverProblems, busy, attempted, dirty, load, save, publish };
};
