import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { saveProblems, type ProblemPlaces } from './server-problems.js';

/**
 * The save of an editor dialog: the client's check first, then `save`; a refusal lands on the
 * inputs `places` names (pointers under `prefix`, see `problemsAt`) and the rest in `messages`.
 */
export const useEditorSave = (where: { prefix: string | (() => string); places: ProblemPlaces }) => {
  const { t } = useI18n();
  /** Input name → what is wrong with it (the client's check or the server's). */
  const errors = ref<Record<string, string>>({});
  /** The server's refusal: its message, then what no input shows. */
  const messages = ref<string[]>([]);
  const busy = ref(false);

  const reset = () => {
    errors.value = {};
    messages.value = [];
  };
  /** Answers whether it saved; `check` fills `errors` and answers whether the input may be sent. */
  const submit = async (check: () => boolean, save: () => Promise<unknown>): Promise<boolean> => {
    messages.value = [];
    if (!check()) return false;
    busy.value = true;
    try {
      await save();
      return true;
    } catch (e) {
      const prefix = typeof where.prefix === 'function' ? where.prefix() : where.prefix;
      const found = saveProblems(e, t, prefix, where.places);
      errors.value = found.fields;
      messages.value = found.messages;
      return false;
    } finally {
      busy.value = false;
    }
  };
  return { errors, messages, busy, reset, submit };
};
