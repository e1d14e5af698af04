import { computed, ref } from 'vue';
import type { EntityDocument, FieldDefinition, LifecycleDocument } from '../api/types.js';
import { useUndoHistory } from '../editor-kit/use-undo-history.js';
import { useCoalescedEdits } from '../editor-kit/use-coalesced-edits.js';
import { enumChoices } from '../forms/enum-options.js';
import { useMetaStore } from '../stores/meta.js';
import { useStudioStore } from '../stores/studio.js';
import { draftEntityOf } from '../studio-editors/entity-draft.js';
import type { LifecycleModel, StateOption } from './lifecycle-model.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The choices as the entity document stores them (no `active: true`, no empty colour). */
const asOptions = (states: StateOption[]) =>
  states.map((s) => ({ value: s.value, ...(s.label ? { label: s.label } : {}), ...(s.color ? { color: s.color } : {}), ...(s.active === false ? { active: false } : {}) }));

/**
 * The lifecycle being edited with its state field's choices: loaded from the tenant's drafts
 * (or the published metadata, or new), changed only by replacing the model (so undo keeps
 * snapshots), dirty while it differs from what was saved. Saving stores the lifecycle and, when
 * the states changed, the field's choices in the tenant's overlay of the entity, in an order the
 * server's in-context check accepts at every step (new choices first, removed ones last).
 */
export const useLifecycleEditor = (name: () => string, entityName: () => string, fieldHint: () => string | undefined) => {
  const studio = useStudioStore();
  const metaStore = useMetaStore();
  const history = useUndoHistory<LifecycleModel | null>(null);
  const model = history.state;
  const entity = ref<EntityDocument | undefined>();
  const saved = ref('');
  const savedStates = ref<StateOption[]>([]);
  const loading = ref(false);
  const loadError = ref<unknown>(null);
  const edits = useCoalescedEdits(history);

  const field = computed<FieldDefinition | undefined>(() => (model.value ? entity.value?.fields?.[model.value.lifecycle.field] : undefined));
  /** Choices kept in a dictionary are edited in the dictionary editor, not here. */
  const fromDictionary = computed(() => Boolean(field.value && 'dictionary' in field.value && field.value.dictionary));
  const enumFields = computed(() => Object.entries(entity.value?.fields ?? {}).filter(([, f]) => f.type === 'enum').map(([n]) => n));

  const load = async (): Promise<void> => {
    loading.value = true;
    loadError.value = null;
    try {
      const [found, ownEntity] = await Promise.all([studio.tenantDocument('lifecycle', name()), studio.ownDocument<Partial<EntityDocument>>('entity', entityName())]);
      entity.value = draftEntityOf(entityName(), metaStore.entity(entityName()), ownEntity as never);
      const published = metaStore.meta?.lifecycles?.[name()];
      const lifecycle: LifecycleDocument = found
        ? ({ ...(published ? clone(published) : {}), ...clone(found.doc) } as unknown as LifecycleDocument)
        : { kind: 'lifecycle', name: name(), entity: entityName(), field: fieldHint() ?? enumFields.value[0] ?? '', initial: '', transitions: [] };
      const def = entity.value.fields?.[lifecycle.field];
      const states: StateOption[] = def ? enumChoices(def, metaStore.meta?.dictionaries ?? {}).map((c) => ({ value: c.value, label: c.label, color: c.color, ...(c.active ? {} : { active: false }) })) : [];
      history.reset({ lifecycle, states });
      savedStates.value = clone(states);
      saved.value = found ? JSON.stringify(model.value) : '';
      edits.forget();
    } catch (e) {
      loadError.value = e;
    } finally {
      loading.value = false;
    }
  };

  const { change, undo, redo } = edits;
  const dirty = computed(() => model.value !== null && JSON.stringify(model.value) !== saved.value);

  /** Stores the states (when they changed) and the lifecycle as the tenant's drafts; throws what the server refused. */
  const save = async (): Promise<void> => {
    const m = model.value;
    if (!m) return;
    const { entity: entityOf, field: fieldName } = m.lifecycle;
    const statesChanged = !fromDictionary.value && JSON.stringify(asOptions(m.states)) !== JSON.stringify(asOptions(savedStates.value));
    const removed = savedStates.value.filter((s) => !m.states.some((x) => x.value === s.value));
    if (statesChanged) {
      // every old choice the lifecycle may still name stays until the lifecycle no longer does
      const union = [...m.states, ...removed];
      await studio.mergeField(entityOf, fieldName, { options: asOptions(union) } as Partial<FieldDefinition>);
    }
    const { final, ...rest } = m.lifecycle;
    await studio.saveDocument('lifecycle', name(), { ...rest, ...(final?.length ? { final } : {}) } as unknown as Record<string, unknown>);
    if (statesChanged && removed.length) await studio.mergeField(entityOf, fieldName, { options: asOptions(m.states) } as Partial<FieldDefinition>);
    savedStates.value = clone(m.states);
    saved.value = JSON.stringify(m);
  };

  return { model, entity, field, fromDictionary, enumFields, loading, loadError, dirty, canUndo: history.canUndo, canRedo: history.canRedo, load, change, undo, redo, save };
};
