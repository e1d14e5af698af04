/**
 * Paths outside /api that monitoring tools probe by habit (Kubernetes' /healthz, Prometheus'
 * /metrics, …). The app must not answer them with its index.html: a probe would read the
 * 200 as "healthy" and a scraper would choke on HTML. They get a 404 problem instead; the
 * real probes are /api/health/live, /api/health/ready and /api/metrics.
 */
const PROBES = new Set(['health', 'healthz', 'livez', 'readyz', 'live', 'ready', 'readiness', 'liveness', 'metrics', 'status', 'ping', 'actuator', 'server-status']);

/** Whether the path is a probe's (its first segment is one of the habitual names). */
export const isProbePath = (path: string): boolean => PROBES.has(path.split('/')[1]?.toLowerCase() ?? '');
