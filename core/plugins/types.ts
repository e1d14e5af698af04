import type { Knex } from 'knex';
import type { Tenant } from '../db/tenant.js';
import type { PluginManifest } from '../metadata/types.js';
import type { Actor } from '../records/types.js';

export type { PluginManifest };
/** The plugin catalogue (what is on disk, what a tenant installed) sits below metadata's tenant layering. */
export type { AvailablePlugin, InstalledPlugin, InstallStatus } from '../metadata/plugin-catalogue/types.js';

/**
 * Who runs a lifecycle operation or a plugin route: the author of tenant-layer versions,
 * and the actor seeds and routes read and write records as. Pass the signed-in user's
 * whole Actor; a caller that knows only id and name gets a record actor with no roles
 * (see recordActor).
 */
export type PluginActor = Pick<Actor, 'id' | 'name'> & Partial<Omit<Actor, 'id' | 'name'>>;

/** What the lifecycle services need: the engine connection and who acts. */
export interface PluginLifecycleCtx {
  knex: Knex;
  actor: PluginActor;
}

/** One problem that stops an upgrade (or a reinstall at a newer version). */
export interface UpgradeConflict {
  /** `<kind>/<name>` of the tenant document concerned. */
  document: string;
  field?: string;
  message: string;
}

export interface LifecycleResult {
  tenant: Tenant['slug'];
  /** Every plugin the operation changed, in the order it changed them. */
  changes: { plugin: string; version: string; change: 'installed' | 'reinstalled' | 'upgraded' | 'uninstalled' | 'purged' }[];
  /** What happened to the tenant's customisations (renamed fields followed, dropped overlays…). */
  notes: string[];
  /** Descriptions of the schema steps applied. */
  schemaSteps: string[];
  /** Records the seeds created, by entity. */
  seeded: Record<string, number>;
}
