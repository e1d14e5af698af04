/* Generated from metadata/schemas/role.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * Who the right covers: none, own, team, all, or a json-logic rule over the record.
 */
export type Scope = ('none' | 'own' | 'team' | 'all') | Record<string, unknown>;

/**
 * A role: per-entity rights with row scopes, field access and named actions.
 */
export interface RoleDocument {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'role';
  id?: string;
  name: string;
  label: Label;
  description?: Label;
  entities?: {
    [k: string]: EntityAccess;
  };
  /**
   * Holders of the role sign in with two factors: one who has not enrolled is sent to enrolment at sign-in and reaches nothing else until enrolled, and cannot turn it off.
   */
  requireTwoFactor?: boolean;
  /**
   * Named actions the role may run, `<entity>.<action>`.
   */
  actions?: string[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface EntityAccess {
  create?: boolean;
  read?: Scope;
  update?: Scope;
  delete?: Scope;
  /**
   * The manager hierarchy: the role's holders also read (`read`), or read and update (`edit`), the records owned by the people who report to them, directly or through others.
   */
  hierarchy?: 'read' | 'edit';
  /**
   * Field access; fields not listed have `otherFields` access (writable where the record is, by default).
   */
  fields?: {
    [k: string]: 'write' | 'read' | 'hidden';
  };
  /**
   * Access to the fields `fields` does not list, default `write`. An outside role (portal, partners) says `hidden`, so a field another plugin or the tenant adds later stays out of its sight until granted.
   */
  otherFields?: 'write' | 'read' | 'hidden';
}
