import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { call } from './portal-api.js';

type Label = Record<string, string>;
type Option = { value: string; label: Label };
type Field = { type: string; label?: Label; options?: Option[]; dictionary?: string };

/** Field and choice labels in the visitor's language, from the portal's meta and the plugin's dictionary labels. */
export const useLabels = (tenant: string) => {
  const { locale } = useI18n();
  const entities = ref<Record<string, { fields: Record<string, Field>; access: { create: boolean } }>>({});
  const dictionaries = ref<Record<string, Option[]>>({});
  const text = (l: Label | undefined, fallback = ''): string => (l ? (l[locale.value] ?? l.en ?? fallback) : fallback);
  const load = async () => {
    const [meta, dicts] = await Promise.all([call('GET', '/api/portal/meta'), call('GET', `/api/public/${encodeURIComponent(tenant)}/x/portal/dictionaries`).catch(() => ({ dictionaries: {} }))]);
    entities.value = meta.entities;
    dictionaries.value = dicts.dictionaries;
  };
  const field = (entity: string, name: string): Field | undefined => entities.value[entity]?.fields[name];
  const options = (entity: string, name: string): Option[] => {
    const f = field(entity, name);
    return f?.options ?? (f?.dictionary ? (dictionaries.value[f.dictionary] ?? []) : []);
  };
  const choice = (entity: string, name: string, value: unknown): string => text(options(entity, name).find((o) => o.value === value)?.label, value == null ? '' : String(value));
  const has = (entity: string): boolean => Boolean(entities.value[entity]);
  const canCreate = (entity: string): boolean => Boolean(entities.value[entity]?.access?.create);
  const when = (v: unknown): string => (v ? new Date(String(v)).toLocaleString(locale.value) : '');
  return { load, options, choice, has, canCreate, text, when, entities };
};
