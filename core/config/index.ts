export { CONFIG_VARIABLES, type Config, type ConfigName } from './variables.js';
export { commaList, config, ConfigError, isConfigError, loadConfig } from './load-config.js';
export { LruMap, tenantCacheSize } from './lru-map.js';
export { DEFAULT_LIMITS, limits, parseLimits, type LimitName, type Limits } from './limits.js';
