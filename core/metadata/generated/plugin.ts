/* Generated from metadata/schemas/plugin.schema.json by core/cli/generate-types.ts. Do not edit: change the schema and run npm run metadata:types. */

export type PluginName = string;

/**
 * plugins/<name>/plugin.json: what the plugin is and which plugins it needs.
 */
export interface PluginManifest {
  /**
   * Relative path to this document's JSON Schema, so editors validate it.
   */
  $schema?: string;
  id?: string;
  name: PluginName;
  /**
   * Semantic version of the plugin.
   */
  version: string;
  label: Label;
  description?: Label;
  /**
   * Plugins this one needs, each with a semver range of accepted versions.
   */
  requires?: {
    [k: string]: string;
  };
  /**
   * Semver range of engine versions the plugin works with.
   */
  engine?: string;
  icon?: string;
  author?: string;
  license?: string;
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
