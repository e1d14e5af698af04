/**
 * Prometheus metrics: one registry per process and the engine's instruments. Modules
 * import the instrument they count with; GET /api/metrics renders the registry.
 */
export { registry } from './registry.js';
export * from './instruments.js';
