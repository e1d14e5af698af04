import { useI18n } from 'vue-i18n';
import type { FieldDefinition } from '../api/types.js';
import { useMetaStore } from '../stores/meta.js';
import { useSettingsStore } from '../stores/settings.js';
import { useUsersStore } from '../stores/users.js';
import { formatInstant, formatValue } from './format-value.js';

/** formatValue bound to the current language, dictionaries, known users and the tenant's time zone. */
export const useFormat = () => {
  const { t, locale } = useI18n();
  const metaStore = useMetaStore();
  const users = useUsersStore();
  const settings = useSettingsStore();
  return (field: FieldDefinition | undefined, value: unknown): string =>
    formatValue(field, value, {
      locale: locale.value,
      dictionaries: metaStore.meta?.dictionaries ?? {},
      yes: t('common.yes'),
      no: t('common.no'),
      userName: users.nameOf,
      timeZone: settings.settings?.timeZone,
    });
};

/** An instant (history entry, e-mail, notification) in the current language on the tenant's clock: the one formatter of datetime fields. */
export const useWhen = () => {
  const { locale } = useI18n();
  const settings = useSettingsStore();
  return (at: string | null | undefined): string => (at ? formatInstant(at, locale.value, settings.settings?.timeZone) : '');
};
