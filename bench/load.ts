import autocannon from 'autocannon';

/** What one or more load runs measured. */
export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Latencies in milliseconds over all responses: percentiles and mean, from each response's own time. */
  p50: number;
  p99: number;
  mean: number;
  /** Answers other than 2xx, by status, and connection errors or timeouts. */
  failures: Record<string, number>;
}

/** One autocannon run as measured: its length, its 2xx answers and every response's time. */
export interface LoadSample {
  seconds: number;
  ok: number;
  /** Milliseconds, one per response (any status). */
  times: number[];
  failures: Record<string, number>;
}

/** Runs autocannon against `url` with `connections` connections for `seconds`. */
export const runLoad = (url: string, requests: autocannon.Request[], connections: number, seconds: number): Promise<LoadSample> =>
  new Promise((resolve, reject) => {
    const times: number[] = [];
    const run = autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 10, requests }, (err, r) => {
      if (err) return reject(err);
      const failures: Record<string, number> = Object.fromEntries(
        Object.entries(r.statusCodeStats).filter(([code]) => !code.startsWith('2')).map(([code, s]) => [code, s.count]),
      );
      if (r.errors > r.timeouts) failures.errors = r.errors - r.timeouts;
      if (r.timeouts) failures.timeouts = r.timeouts;
      resolve({ seconds: r.duration, ok: r['2xx'], times, failures });
    });
    run.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: Float64Array, p: number): number => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : 0);

/** The figures of one run, or of several runs of the same requests taken together. */
export const summarize = (samples: LoadSample[]): LoadResult => {
  const sorted = Float64Array.from(samples.flatMap((s) => s.times)).sort();
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  const failures: Record<string, number> = {};
  for (const s of samples) for (const [k, v] of Object.entries(s.failures)) failures[k] = (failures[k] ?? 0) + v;
  return {
    rps: seconds > 0 ? samples.reduce((n, s) => n + s.ok, 0) / seconds : 0,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0,
    failures,
  };
};
