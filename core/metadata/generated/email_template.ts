/* Generated from metadata/schemas/email-template.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

/**
 * An e-mail template: subject, text and HTML in English and Chinese, rendered with mustache ({{field}} escaped in HTML; the HTML is sanitised).
 */
export type EmailTemplateDocument = {
  [k: string]: unknown;
} & {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  kind: 'email_template';
  id?: string;
  name: string;
  label?: Label;
  /**
   * The entity whose records fill the template (optional).
   */
  entity?: string;
  subject: EmailTemplateTexts;
  text?: EmailTemplateTexts;
  html?: EmailTemplateTexts;
};

/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
/**
 * One text per language.
 */
export interface EmailTemplateTexts {
  en: string;
  'zh-CN': string;
}
