import pino, { type Logger } from 'pino';
import { config } from '../config/index.js';

/** Structured logs: JSON in production, pretty in a terminal during development (the tests set LOG_LEVEL=silent). */
export const createLogger = (opts: { level?: string } = {}): Logger => {
  const c = config();
  const level = opts.level ?? c.LOG_LEVEL ?? 'info';
  const pretty = c.NODE_ENV !== 'production' && process.stdout.isTTY;
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
};
