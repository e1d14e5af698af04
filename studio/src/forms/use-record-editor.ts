import { computed, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/http.js';
import { createRecord, getRecord, updateRecord } from '../api/records.js';
import type { EntityDocument, FormDocument, RecordData } from '../api/types.js';
import { errorText } from '../lib/error-text.js';
import { humanize, labelOf } from '../lib/label.js';
import { stateFieldsOf } from '../lib/lifecycles.js';
import { useMetaStore } from '../stores/meta.js';
import { useSessionStore } from '../stores/session.js';
import { useSettingsStore } from '../stores/settings.js';
import { buildFormLayout, layoutItems } from './build-form.js';
import { changedFields, createPayload, patchPayload } from './save-payload.js';
import { mapServerErrors } from './server-errors.js';
import { fieldErrorText } from '../lib/problem-text.js';
import type { FieldMessage, WidgetRegistry } from './types.js';
import { validateRecord } from './validate-record.js';

export interface Conflict {
  latest: RecordData;
  rows: { name: string; label: string; mine: unknown; theirs: unknown }[];
}

export interface EditorInput {
  entityName: string;
  entity: Ref<EntityDocument | undefined>;
  form: Ref<FormDocument | undefined>;
  registry: WidgetRegistry;
  /** The record id when editing; undefined when creating. */
  id?: string;
}

/**
 * State of a create/edit form: values, the generated layout, client validation, saving
 * with If-Match, server errors mapped onto fields, and 409 conflicts to resolve.
 */
export const useRecordEditor = (input: EditorInput) => {
  const { t, locale } = useI18n();
  const session = useSessionStore();
  const settings = useSettingsStore();
  const metaStore = useMetaStore();
  const stateFields = computed(() => stateFieldsOf(metaStore.meta?.lifecycles, input.entityName));
  const mode = input.id ? ('edit' as const) : ('create' as const);
  const stored = shallowRef<RecordData>({});
  const values = ref<RecordData>({});
  const errors = ref<Record<string, string>>({});
  const general = ref<string[]>([]);
  const conflict = shallowRef<Conflict | null>(null);
  const saving = ref(false);
  const loadError = ref<Error | null>(null);

  const layout = computed(() =>
    input.entity.value ? buildFormLayout({ entity: input.entity.value, form: input.form.value, record: values.value, registry: input.registry, mode, stateFields: stateFields.value }) : undefined,
  );
  const items = computed(() => (layout.value ? layoutItems(layout.value) : []));
  const dirty = computed(() => Boolean(input.entity.value && changedFields(input.entity.value, values.value, stored.value, stateFields.value).length));
  const labelFor = (name: string) => labelOf(input.entity.value?.fields[name]?.label, locale.value, humanize(name));

  const messageText = (m: FieldMessage): string =>
    m.key ? t(m.key, { field: labelFor(m.field), ...m.params }) : typeof m.text === 'string' ? m.text : labelOf(m.text, locale.value);

  /** Loads the record (edit), or starts from the fields' defaults and `prefill` (create). */
  const start = async (prefill: Record<string, unknown> = {}) => {
    const entity = input.entity.value;
    if (!entity) return;
    loadError.value = null;
    if (input.id) {
      try {
        stored.value = await getRecord(input.entityName, input.id);
        values.value = { ...stored.value };
      } catch (e) {
        loadError.value = new Error(errorText(e, t));
      }
      return;
    }
    const initial: RecordData = {};
    for (const [name, f] of Object.entries(entity.fields)) if (f.default !== undefined) initial[name] = f.default;
    for (const [name, v] of Object.entries(prefill)) if (entity.fields[name] && typeof v === 'string') initial[name] = v;
    stored.value = {};
    values.value = { ...initial };
  };

  const validate = (): boolean => {
    const entity = input.entity.value!;
    const now = new Date();
    const u = session.user;
    const context = { $user: u ? { id: u.id, name: u.name, roles: u.roles, team: u.team, isAdmin: u.isAdmin } : null, $now: now.toISOString(), $today: settings.today(now), $time: settings.time, $old: mode === 'edit' ? stored.value : null };
    const found = validateRecord({ entity, items: items.value, values: values.value, context });
    const byField: Record<string, string> = {};
    const other: string[] = [];
    const shown = new Set(items.value.map((i) => i.name));
    for (const m of found) {
      if (shown.has(m.field)) byField[m.field] ??= messageText(m);
      else other.push(messageText(m));
    }
    errors.value = byField;
    general.value = other.length || found.length ? [t('record.fixErrors'), ...other] : [];
    return found.length === 0;
  };

  /** A server field error in the user's language, led by the field's label. */
  const describeServer = (name: string, e: { field: string; message: string; code?: string }) =>
    e.code === 'REQUIRED' ? t('validation.required', { field: labelFor(name) }) : `${labelFor(name)} ${fieldErrorText(e, t)}`;

  const showConflict = async (mine: RecordData) => {
    const entity = input.entity.value!;
    const latest = await getRecord(input.entityName, input.id!);
    const names = changedFields(entity, mine, stored.value, stateFields.value);
    conflict.value = { latest, rows: names.map((n) => ({ name: n, label: labelFor(n), mine: mine[n], theirs: latest[n] })) };
  };

  /** Validates and saves; returns the saved record, or undefined when something stopped it. */
  const save = async (): Promise<RecordData | undefined> => {
    const entity = input.entity.value;
    if (!entity || saving.value) return undefined;
    conflict.value = null;
    if (!validate()) return undefined;
    saving.value = true;
    try {
      const saved =
        mode === 'create'
          ? await createRecord(input.entityName, createPayload(entity, values.value, stateFields.value))
          : await updateRecord(input.entityName, input.id!, Number(stored.value.version), patchPayload(entity, values.value, stored.value, stateFields.value));
      stored.value = saved;
      values.value = { ...saved };
      errors.value = {};
      general.value = [];
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && mode === 'edit') await showConflict(values.value).catch(() => undefined);
      else if (e instanceof ApiError && e.status === 400) {
        const mapped = mapServerErrors(e.problem, new Set(items.value.map((i) => i.name)), describeServer);
        errors.value = mapped.fields;
        general.value = [t('record.serverError'), ...mapped.other];
      } else general.value = [errorText(e, t)];
      return undefined;
    } finally {
      saving.value = false;
    }
  };

  /**
   * Opens a change the outbox could not send (studio/src/offline): the record as the user
   * saw it, with the queued values on top; made against an older version, the conflict
   * panel compares it with the server's record field by field; refused, the server's
   * field errors show on the fields.
   */
  const resumeQueued = async (change: { base?: RecordData; values?: RecordData; state?: string; problem?: { status: number; title: string; detail?: string; errors?: { field: string; message: string }[] } }) => {
    stored.value = change.base ?? {};
    values.value = { ...change.base, ...change.values };
    if (change.state === 'conflict' && mode === 'edit') await showConflict(values.value).catch((e: unknown) => (general.value = [errorText(e, t)]));
    else if (change.problem) {
      const mapped = mapServerErrors(change.problem as never, new Set(items.value.map((i) => i.name)), describeServer);
      errors.value = mapped.fields;
      general.value = [change.problem.detail ?? change.problem.title, ...mapped.other];
    }
  };

  /** Conflict: drop my changes and take the saved record. */
  const takeTheirs = () => {
    if (!conflict.value) return;
    stored.value = conflict.value.latest;
    values.value = { ...conflict.value.latest };
    conflict.value = null;
    general.value = [];
  };

  /** Conflict: keep my changes on top of the saved record and save again. */
  const keepMine = async (): Promise<RecordData | undefined> => {
    if (!conflict.value) return undefined;
    const mine = Object.fromEntries(conflict.value.rows.map((r) => [r.name, r.mine]));
    stored.value = conflict.value.latest;
    values.value = { ...conflict.value.latest, ...mine };
    conflict.value = null;
    return save();
  };

  return { mode, values, stored, errors, general, conflict, saving, loadError, layout, dirty, start, save, takeTheirs, keepMine, resumeQueued };
};
