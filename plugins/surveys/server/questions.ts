import type { Locale, RecordData } from '../../../core/index.js';

export type QuestionKind = 'rating' | 'nps' | 'choice' | 'text';

export interface ChoiceOption {
  value: string;
  label: string;
}

/** A question as the visitor sees it, in one language. */
export interface PublicQuestion {
  id: string;
  kind: QuestionKind;
  label: string;
  required: boolean;
  options?: ChoiceOption[];
}

/** A choice question's options from its `options` text: one a line, `code|English|中文` (a line without `|` is its own code and label). */
export const parseOptions = (text: unknown, locale: Locale): ChoiceOption[] =>
  String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [value, en, zh] = line.split('|').map((s) => s.trim());
      return { value, label: (locale === 'zh-CN' ? zh || en : en || zh) || value };
    });

/** A stored question in the visitor's language. */
export const publicQuestion = (q: RecordData, locale: Locale): PublicQuestion => {
  const kind = q.kind as QuestionKind;
  return {
    id: String(q.id),
    kind,
    label: String((locale === 'zh-CN' ? q.label_zh : q.label_en) ?? q.label_en ?? ''),
    required: q.required === true,
    ...(kind === 'choice' && { options: parseOptions(q.options, locale) }),
  };
};
