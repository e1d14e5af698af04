import type { LoadResult } from './load.js';

export interface Measurement {
  scenario: string;
  connections: number;
  api: LoadResult;
  raw: LoadResult;
  target?: number;
}

const fixed = (n: number, digits = 0) => n.toFixed(digits);
const failures = (r: LoadResult) => Object.entries(r.failures).map(([k, v]) => `${k}×${v}`).join(' ');

/** One line per scenario and concurrency: both servers' figures, the API/raw ratio and its target. */
export const formatTable = (rows: Measurement[]): string => {
  const head = ['scenario', 'conns', 'API req/s', 'API p50', 'API p99', 'raw req/s', 'raw p50', 'raw p99', 'API/raw', 'target', ''];
  const body = rows.map((m) => {
    const ratio = m.raw.rps > 0 ? m.api.rps / m.raw.rps : 0;
    const verdict = m.target === undefined ? '' : ratio >= m.target ? 'met' : 'MISSED';
    return [
      m.scenario,
      String(m.connections),
      fixed(m.api.rps),
      `${fixed(m.api.p50)} ms`,
      `${fixed(m.api.p99)} ms`,
      fixed(m.raw.rps),
      `${fixed(m.raw.p50)} ms`,
      `${fixed(m.raw.p99)} ms`,
      `${fixed(ratio, 2)}×`,
      m.target === undefined ? '-' : `≥ ${fixed(m.target, 1)}×`,
      verdict,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const notes = rows.flatMap((m) =>
    [['API', m.api] as const, ['raw', m.raw] as const].filter(([, r]) => Object.keys(r.failures).length).map(([who, r]) => `  ${m.scenario} @${m.connections}, ${who}: not 2xx: ${failures(r)}`),
  );
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), ...(notes.length ? ['', 'Failed requests (not counted in req/s):', ...notes] : [])].join('\n');
};
