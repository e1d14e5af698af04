import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api/http.js';
import type { FormDocument, Meta, MetaEntity, PluginInfo, ViewDocument } from '../api/types.js';
import { groupEntities } from '../lib/group-entities.js';
import { entitiesForPeople } from '../lib/people-view.js';
import { currentLocale } from '../i18n/index.js';

/** The effective metadata (GET /api/meta) and the tenant's plugins: what the app is drawn from. */
export const useMetaStore = defineStore('meta', () => {
  const meta = ref<Meta | null>(null);
  const plugins = ref<PluginInfo[]>([]);
  const error = ref<unknown>(null);
  let loading: Promise<Meta> | undefined;

  const load = (force = false): Promise<Meta> => {
    if (meta.value && !force) return Promise.resolve(meta.value);
    if (loading && !force) return loading;
    loading = Promise.all([api.get<Meta>('/api/meta'), api.get<{ data: PluginInfo[] }>('/api/plugins').catch(() => ({ data: [] }))])
      .then(([m, p]) => {
        meta.value = m;
        plugins.value = p.data;
        error.value = null;
        return m;
      })
      .catch((e: unknown) => {
        error.value = e;
        throw e;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };

  const reset = () => {
    meta.value = null;
    plugins.value = [];
  };

  /** The entities as people see them in the app's language: titled in it, without internal keys. */
  const entities = computed<Record<string, MetaEntity>>(() => entitiesForPeople(meta.value?.entities ?? {}, currentLocale()));
  const groups = computed(() => groupEntities(entities.value, plugins.value, meta.value?.menuGroups ?? []));

  /** The entities as published, internal keys and all: what the studio's designers edit. */
  const documents = computed<Record<string, MetaEntity>>(() => meta.value?.entities ?? {});

  const entity = (name: string): MetaEntity | undefined => entities.value[name];
  const document = (name: string): MetaEntity | undefined => documents.value[name];

  /** The entity's form layout: the form named like the entity, else any form of it. */
  const formOf = (name: string): FormDocument | undefined => {
    const forms = Object.values(meta.value?.forms ?? {}).filter((f) => f.entity === name);
    return forms.find((f) => f.name === name) ?? forms[0];
  };

  /** The entity's list view: its default list view, else its first list view. */
  const listViewOf = (name: string): ViewDocument | undefined => {
    const views = Object.values(meta.value?.views ?? {}).filter((v) => v.entity === name && (v.type ?? 'list') === 'list');
    return views.find((v) => v.default) ?? views[0];
  };

  return { meta, plugins, error, load, reset, entities, documents, groups, entity, document, formOf, listViewOf };
});
