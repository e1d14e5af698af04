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
  /**
   * The group the app's menu lists the plugin's entities under (a module's menu group, kept by its export); unset: the plugin's label.
   */
  menuGroup?: string;
  author?: string;
  license?: string;
  /**
   * Users the demo tenant gets with this plugin's demo data: e-mail <login>@<tenant>.local, the admin's password.
   *
   * @maxItems 50
   */
  demoUsers?: DemoUser[];
}
/**
 * A text in English and in Simplified Chinese.
 */
export interface Label {
  en: string;
  'zh-CN': string;
}
export interface DemoUser {
  login: string;
  name: string;
  roles: string[];
  team?: string;
  /**
   * Entities whose demo records are shared out among the demo users that own them (owner_id, round robin).
   */
  owns?: string[];
}
