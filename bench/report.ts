import type { LoadResult } from './load.js';

export interface Measurement {
  scenario: string;
  connections: number;
  api: LoadResult;
  /** Absent for a scenario measured on the API only. */
  raw?: LoadResult;
  target?: number;
  /** A permission scenario: the same requests by the tenant admin on the API (api is then the restricted user). */
  admin?: LoadResult;
  /** Its target: the restricted user's mean latency at most this × the admin's. */
  maxTimeRatio?: number;
}

const fixed = (n: number, digits = 0) => n.toFixed(digits);
const failures = (r: LoadResult) => Object.entries(r.failures).map(([k, v]) => `${k}×${v}`).join(' ');

const table = (head: string[], body: string[][], textColumns: number): string[] => {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
};

/** One line per scenario and concurrency: both servers' figures, the API/raw ratio and its target. */
export const formatTable = (rows: Measurement[]): string => {
  const head = ['scenario', 'conns', 'API req/s', 'API p50', 'API p99', 'raw req/s', 'raw p50', 'raw p99', 'API/raw', 'target', ''];
  const body = rows.map((m) => {
    const ratio = m.raw && m.raw.rps > 0 ? m.api.rps / m.raw.rps : 0;
    const verdict = m.target === undefined ? '' : ratio >= m.target ? 'met' : 'MISSED';
    return [
      m.scenario,
      String(m.connections),
      fixed(m.api.rps),
      `${fixed(m.api.p50, 1)} ms`,
      `${fixed(m.api.p99, 1)} ms`,
      m.raw ? fixed(m.raw.rps) : '-',
      m.raw ? `${fixed(m.raw.p50, 1)} ms` : '-',
      m.raw ? `${fixed(m.raw.p99, 1)} ms` : '-',
      m.raw ? `${fixed(ratio, 2)}×` : '-',
      m.target === undefined ? '-' : `≥ ${fixed(m.target, 1)}×`,
      verdict,
    ];
  });
  const notes = rows.flatMap((m) =>
    [['API', m.api] as const, ...(m.raw ? [['raw', m.raw] as const] : []), ...(m.admin ? [['API as admin', m.admin] as const] : [])]
      .filter(([, r]) => Object.keys(r.failures).length)
      .map(([who, r]) => `  ${m.scenario} @${m.connections}, ${who}: not 2xx: ${failures(r)}`),
  );
  return [...table(head, body, 2), ...(notes.length ? ['', 'Failed requests (not counted in req/s):', ...notes] : [])].join('\n');
};

/**
 * The permission scenarios, one line per concurrency: the same requests on the API by
 * the tenant admin and by the restricted user, and the ratio of their mean latencies.
 */
export const formatPermissionTable = (rows: Measurement[]): string => {
  const head = ['scenario', 'conns', 'admin req/s', 'admin p50', 'admin p99', 'admin mean', 'own req/s', 'own p50', 'own p99', 'own mean', 'own/admin time', 'target', ''];
  const body = rows.flatMap((m) => {
    if (!m.admin) return [];
    const ratio = m.admin.mean > 0 ? m.api.mean / m.admin.mean : 0;
    const verdict = m.maxTimeRatio === undefined ? '' : ratio <= m.maxTimeRatio ? 'met' : 'MISSED';
    return [[
      m.scenario,
      String(m.connections),
      fixed(m.admin.rps),
      `${fixed(m.admin.p50, 1)} ms`,
      `${fixed(m.admin.p99, 1)} ms`,
      `${fixed(m.admin.mean, 2)} ms`,
      fixed(m.api.rps),
      `${fixed(m.api.p50, 1)} ms`,
      `${fixed(m.api.p99, 1)} ms`,
      `${fixed(m.api.mean, 2)} ms`,
      `${fixed(ratio, 2)}×`,
      m.maxTimeRatio === undefined ? '-' : `≤ ${fixed(m.maxTimeRatio, 1)}×`,
      verdict,
    ]];
  });
  return table(head, body, 2).join('\n');
};
