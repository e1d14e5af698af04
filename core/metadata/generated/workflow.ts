/* Generated from metadata/schemas/workflow.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic = unknown;
/**
 * A json-logic rule; checked by core/rules when the metadata is validated.
 */
export type JsonLogic1 = unknown;

/**
 * A trigger and the steps it runs. Each step type defines its own options.
 */
export interface WorkflowDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'workflow';
  id?: string;
  name: string;
  label?: Label;
  description?: Label;
  /**
   * The entity whose records trigger it (all triggers but schedule and webhook).
   */
  entity?: string;
  /**
   * Default: true.
   */
  enabled?: boolean;
  trigger: WorkflowTrigger;
  steps: WorkflowStep[];
  layout?: WorkflowLayout;
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface WorkflowTrigger {
  on: 'create' | 'update' | 'delete' | 'schedule' | 'date' | 'manual' | 'webhook' | 'email_received';
  /**
   * email_received: only messages to this mailbox (the part before @).
   */
  mailbox?: string;
  condition?: JsonLogic;
  /**
   * update: run only when one of these fields changed.
   */
  fields?: string[];
  /**
   * schedule: a cron expression.
   */
  cron?: string;
  timezone?: string;
  /**
   * date: the date or datetime field.
   */
  field?: string;
  /**
   * date: days after the field's date (negative: before).
   */
  offsetDays?: number;
  /**
   * date: time of day.
   */
  at?: string;
  label?: Label;
  /**
   * manual: the right the starter needs on each record (default: update; with runAs "workflow": read).
   */
  requires?: 'read' | 'update' | 'delete';
  /**
   * manual: the workflow runs with its own rights, so the starter needs only `requires` on the record and one of `roles`.
   */
  runAs?: 'workflow';
  /**
   * manual: who may start it (tenant admins always may); required with runAs "workflow".
   *
   * @minItems 1
   */
  roles?: [string, ...string[]];
}
/**
 * One step; properties beyond id, type, label and next belong to the step type.
 */
export interface WorkflowStep {
  id: string;
  type: string;
  label?: Label;
  /**
   * The step after this one (default: the following step); null ends the run.
   */
  next?: string | null;
  condition?: JsonLogic1;
  [k: string]: unknown;
}
/**
 * Where the studio's canvas draws each node: a step id (or "$trigger" for the trigger) → its position. Presentation only; the engine ignores it.
 */
export interface WorkflowLayout {
  [k: string]: WorkflowNodePosition;
}
export interface WorkflowNodePosition {
  x: number;
  y: number;
}
