import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Latency percentiles in milliseconds, over all responses. */
  p50: number;
  p99: number;
  /** Answers other than 2xx, by status, and connection errors or timeouts. */
  failures: Record<string, number>;
}

/** Runs autocannon against `url` with `connections` connections for `seconds`. */
export const runLoad = (url: string, requests: autocannon.Request[], connections: number, seconds: number): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 10, requests }, (err, r) => {
      if (err) return reject(err);
      const failures: Record<string, number> = Object.fromEntries(
        Object.entries(r.statusCodeStats).filter(([code]) => !code.startsWith('2')).map(([code, s]) => [code, s.count]),
      );
      if (r.errors > r.timeouts) failures.errors = r.errors - r.timeouts;
      if (r.timeouts) failures.timeouts = r.timeouts;
      resolve({ rps: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, failures });
    });
  });
