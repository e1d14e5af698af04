import type { EntityDocument, Label } from '../api/types.js';

/** The text of a metadata label in `locale`, falling back to English, then to `fallback`. */
export const labelOf = (label: Label | undefined, locale: string, fallback = ''): string =>
  (label && (label[locale as keyof Label] || label.en)) || fallback;

/** "credit_rating" → "Credit rating": a readable name when metadata has no label. */
export const humanize = (name: string): string => {
  const s = name.replace(/_/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const fieldLabel = (entity: EntityDocument | undefined, name: string, locale: string): string =>
  labelOf(entity?.fields?.[name]?.label, locale, humanize(name));

export const entityLabel = (entity: EntityDocument | undefined, locale: string, plural = false): string =>
  labelOf(plural ? (entity?.pluralLabel ?? entity?.label) : entity?.label, locale, humanize(entity?.name ?? ''));
