import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's one metrics registry. Every counter of the engine registers here
 * (core/metrics/instruments.ts); GET /api/metrics renders it. The process metrics
 * (CPU, memory, event-loop lag, handles) come with it.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });
