/* Generated from metadata/schemas/lifecycle.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;

/**
 * A state machine over an enum field: the field changes only through these transitions.
 */
export interface LifecycleDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'lifecycle';
  id?: string;
  name: string;
  label?: Label;
  entity: string;
  /**
   * The enum field holding the state.
   */
  field: string;
  /**
   * The state of a new record.
   */
  initial: string;
  /**
   * States where a record's life ends. Declaring them asks the metadata check to refuse an unreachable state and a state with no way out that is not final.
   */
  final?: string[];
  transitions: Transition[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface Transition {
  name: string;
  label?: Label;
  /**
   * @minItems 1
   */
  from: [string, ...string[]];
  to: string;
  /**
   * Roles allowed to take the transition; default: anyone who may update the record.
   */
  roles?: string[];
  guard?: JsonLogic;
  /**
   * An irreversible step (ship, pay, archive): the app asks before taking it.
   */
  confirm?: boolean;
  /**
   * Fields of the record the transition asks for: the app's dialog shows them (with the record's values), and the values given are written in the transition's own update, where its guard sees them. A `required` field must have a value once the transition is taken.
   */
  fields?: TransitionField[];
  /**
   * A manual workflow of the same entity that the transition starts for the record, in the transition's transaction, by the user who took it (the transition's roles and guard are what admit it).
   */
  workflow?: string;
}
export interface TransitionField {
  field: string;
  required?: boolean;
}
