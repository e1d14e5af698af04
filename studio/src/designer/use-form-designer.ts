import { computed, ref, shallowRef, type Ref } from 'vue';
import { ApiError } from '../api/http.js';
import { useUndoHistory } from '../editor-kit/use-undo-history.js';
import type { FormDocument, Label, MetaEntity } from '../api/types.js';
import { useMetaStore } from '../stores/meta.js';
import { designProblems, type DesignProblem } from './design-problems.js';
import { cloneJson, fromFormDocument, keepRemovedSections, overlayForm, sectionNames, toFormDocument, unplacedFields, withoutKeptSections, type FormDesign } from './form-design.js';
import { getStudioDocument, saveDraft } from './studio-api.js';

const clone = cloneJson;
const empty = (): FormDesign => ({ sections: [], tabs: [] });

/**
 * The state of the form designer of one entity: the design being edited (which drag and drop
 * changes in place), undo and redo of whole steps, whether it differs from what was saved,
 * and saving it as the tenant's draft form document.
 */
export const useFormDesigner = (entityName: Ref<string>) => {
  const metaStore = useMetaStore();
  const loading = ref(true);
  const loadError = ref('');
  const saving = ref(false);
  const saveErrors = ref<string[]>([]);
  const problems = ref<DesignProblem[]>([]);
  const entity = shallowRef<MetaEntity | undefined>();
  const formName = ref('');
  const formMeta = ref<{ label?: Label; id?: string }>({});
  const history = useUndoHistory<FormDesign>(empty());
  const design = ref<FormDesign>(empty());
  const saved = ref(JSON.stringify(empty()));
  /** The sections of the published form (from the layers below the draft): they can be emptied but not taken away. */
  const below = ref<string[]>([]);
  const relatedBelow = ref<string[]>([]);

  /** The design shown is a copy of the history's present step (drag and drop changes it in place). */
  const sync = () => {
    design.value = clone(history.state.value);
  };
  /** Records a designer step (the result of one of the form-ops functions). */
  const apply = (next: FormDesign) => {
    history.push(clone(next));
    sync();
  };
  /** Records what a drag and drop changed in the design in place. */
  const commitDrag = () => {
    const now = clone(design.value);
    if (JSON.stringify(now) !== JSON.stringify(history.state.value)) history.push(now);
    sync();
  };
  const current = () => history.state.value;
  const undo = () => {
    history.undo();
    sync();
  };
  const redo = () => {
    history.redo();
    sync();
  };
  const dirty = computed(() => JSON.stringify(design.value) !== saved.value);
  const palette = computed(() => unplacedFields(design.value, Object.keys(entity.value?.fields ?? {})));
  const document = computed(() =>
    keepRemovedSections(toFormDocument(design.value, { name: formName.value || entityName.value, entity: entityName.value, label: formMeta.value.label ?? entity.value?.label, id: formMeta.value.id }), below.value),
  );
  /** Whether a section may be removed: not a related list the form below defines. */
  const removable = (name: string) => !relatedBelow.value.includes(name);

  const load = async () => {
    loading.value = true;
    loadError.value = '';
    try {
      await metaStore.load();
      entity.value = metaStore.document(entityName.value);
      if (!entity.value) throw new ApiError({ title: 'Not found', status: 404 });
      const base = metaStore.formOf(entityName.value);
      formName.value = base?.name ?? entityName.value;
      const draft = await getStudioDocument<FormDocument>('form', formName.value);
      const doc = draft?.own ? overlayForm(base, draft.doc) : base;
      formMeta.value = { label: doc?.label, id: doc?.id };
      below.value = sectionNames(base);
      relatedBelow.value = [...(base?.sections ?? []), ...(base?.tabs ?? []).flatMap((t) => t.sections)].filter((x) => x.relatedList).map((x) => x.name);
      history.reset(withoutKeptSections(fromFormDocument(doc), below.value));
      sync();
      saved.value = JSON.stringify(design.value);
    } catch (e) {
      loadError.value = e instanceof ApiError && e.status === 404 ? 'notFound' : e instanceof Error ? e.message : String(e);
    } finally {
      loading.value = false;
    }
  };

  /** Saves the design as a draft; answers whether it was saved. */
  const save = async (): Promise<boolean> => {
    problems.value = designProblems(design.value);
    saveErrors.value = [];
    if (problems.value.length) return false;
    saving.value = true;
    try {
      await saveDraft('form', formName.value, document.value);
      saved.value = JSON.stringify(design.value);
      return true;
    } catch (e) {
      saveErrors.value = e instanceof ApiError && e.problem.errors?.length ? e.problem.errors.map((x) => `${x.field}: ${x.message}`) : [e instanceof Error ? e.message : String(e)];
      return false;
    } finally {
      saving.value = false;
    }
  };

  return { loading, loadError, saving, saveErrors, problems, entity, formName, design, document, palette, dirty, removable, canUndo: history.canUndo, canRedo: history.canRedo, apply, commitDrag, current, undo, redo, load, save };
};
