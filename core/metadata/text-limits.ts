/**
 * How long a text value may be (browser-safe: the studio shows the default a field gets,
 * the app checks a value before sending it, the record service again when it is written).
 * A field's own `maxLength` overrides the default, up to MAX_TEXT_LENGTH, which the entity
 * JSON Schema enforces when the field is saved.
 */

/** The most characters any text field may declare. */
export const MAX_TEXT_LENGTH = 1_000_000;

/** The maximum length of a text field that declares none, by type. */
export const DEFAULT_MAX_LENGTH = {
  text: 1_000,
  email: 1_000,
  phone: 1_000,
  url: 2_048,
  long_text: 100_000,
} as const;

export type TextFieldType = keyof typeof DEFAULT_MAX_LENGTH;

const isTextType = (type: string): type is TextFieldType => Object.prototype.hasOwnProperty.call(DEFAULT_MAX_LENGTH, type);

/** The characters a field takes: its own maxLength, else its type's default; undefined for other types. */
export const maxLengthOf = (field: { type: string; maxLength?: number }): number | undefined =>
  isTextType(field.type) ? (field.maxLength ?? DEFAULT_MAX_LENGTH[field.type]) : undefined;
