import { FIELD_PROBLEMS, PROBLEMS, type ProblemText } from '../../../../core/errors/registry.js';
import { defineMessages } from './define.js';

type Lang = keyof ProblemText;

/** A registry text as a vue-i18n message: `{placeholders}` stay, its special characters are quoted. */
const asMessage = (text: string): string => text.replace(/[@|$%]/g, (c) => `{'${c}'}`);

const wordings = (table: Readonly<Record<string, ProblemText>>, lang: Lang): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([key, entry]) => [key, asMessage(entry[lang])]));

/**
 * Server refusals and errors, worded by the engine's problem registry (core/errors/registry.ts):
 * `problem.<KEY>` for problems, `field.<KEY>` for field errors; the rest composes them.
 */
export default defineMessages({
  en: {
    problems: {
      problem: {
        ...wordings(PROBLEMS, 'en'),
        invalidInput: 'Some values are not valid: {fields}.',
        fieldItem: '{field}: {message}',
        listSeparator: '; ',
      },
      field: wordings(FIELD_PROBLEMS, 'en'),
    },
  },
  'zh-CN': {
    problems: {
      problem: {
        ...wordings(PROBLEMS, 'zh-CN'),
        invalidInput: '部分值无效：{fields}。',
        fieldItem: '{field}：{message}',
        listSeparator: '；',
      },
      field: wordings(FIELD_PROBLEMS, 'zh-CN'),
    },
  },
});
