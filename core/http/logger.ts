import pino, { type Logger } from 'pino';

/** Structured logs: JSON in production, pretty in a terminal during development, quiet in tests. */
export const createLogger = (opts: { level?: string } = {}): Logger => {
  const level = opts.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  const pretty = process.env.NODE_ENV !== 'production' && process.stdout.isTTY && !process.env.VITEST;
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password'],
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
};
