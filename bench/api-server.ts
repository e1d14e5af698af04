/**
 * The project's real API server (core/http) over the bench database, as a child process
 * of bench/run.ts. Sends { url } when listening; stops on the message "stop".
 */
import type { AddressInfo } from 'node:net';
import { connect } from '../core/db/connect.js';
import { createLogger } from '../core/http/logger.js';
import { startServer } from '../core/http/server.js';

const db = connect({ databaseUrl: process.env.BENCH_DB_URL, poolMax: Number(process.env.BENCH_POOL ?? 10) });
const running = await startServer({ db, port: 0, host: '127.0.0.1', log: createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }) });
process.send?.({ url: `http://127.0.0.1:${(running.server.address() as AddressInfo).port}` });
process.on('message', (m) => {
  if (m === 'stop') void running.close({ graceMs: 1_000 }).finally(() => process.exit(0));
});
