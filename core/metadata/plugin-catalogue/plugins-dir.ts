import { fileURLToPath } from 'node:url';
import { config } from '../../config/index.js';

/** <repo>/plugins: where the plugins shipped with the engine live. */
export const BUNDLED_PLUGINS_DIR = fileURLToPath(new URL('../../../plugins/', import.meta.url));

/**
 * The folder plugins are discovered in: CRM_PLUGINS_DIR when set (tests point it at a
 * scratch folder of fixture plugins), otherwise <repo>/plugins.
 */
export const pluginsDir = (): string => config().CRM_PLUGINS_DIR ?? BUNDLED_PLUGINS_DIR;
