import { AppError, isAppError, problem, PROBLEMS } from '../errors.js';
import { translatePgError } from '../records/translate-pg-error.js';

/** An RFC 9457 problem document, as every error answer carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string; code?: string }[];
  requestId?: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 428: 'Precondition Required',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Errors from Koa's own stack (body parser, raw-body) that carry a status and may be shown. */
interface HttpishError { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string }

const fromHttpError = (e: HttpishError): AppError | undefined => {
  const status = e.status ?? e.statusCode;
  if (!status || status < 400 || status >= 500) return undefined;
  if (status === 413) return problem('PAYLOAD_TOO_LARGE', { limit: 'the server’s limit' });
  if (status === 415) return problem('UNSUPPORTED_MEDIA_TYPE', { expected: 'JSON (Content-Type: application/json)' });
  if (e.type === 'entity.parse.failed' || /JSON|parse/i.test(e.message ?? '')) return problem('MALFORMED_JSON');
  // Koa's own 4xx (405, 411, …) keep their status: the one place BAD_REQUEST is not 400.
  return new AppError('BAD_REQUEST', status, e.expose && e.message ? e.message : TITLES[status] ?? 'Bad request');
};

/**
 * Turns any error into a problem. AppErrors show their message and details (5xx ones
 * only their message, and are logged); database
 * errors are translated in the one place that knows them; anything else is a generic
 * 500 whose cause goes only to the log.
 */
export const toProblem = (err: unknown, requestId: string): { problem: Problem; unexpected: boolean } => {
  const known = isAppError(err) ? err : ((): AppError | undefined => {
    const translated = translatePgError(err);
    if (isAppError(translated)) return translated;
    return fromHttpError(err as HttpishError);
  })();
  if (!known) {
    return {
      unexpected: true,
      problem: { type: 'about:blank', title: TITLES[500], status: 500, detail: PROBLEMS.INTERNAL.en, code: 'INTERNAL', requestId },
    };
  }
  if (known.status >= 500) {
    // A server-side failure the engine recognised: its code and message, never its details
    // (they may name files or internals); the whole error goes to the log.
    return { unexpected: true, problem: { type: 'about:blank', title: TITLES[known.status] ?? 'Error', status: known.status, detail: known.message, code: known.code, requestId } };
  }
  const { errors, ...rest } = known.details ?? {};
  return {
    unexpected: false,
    problem: {
      ...rest,
      type: 'about:blank',
      title: TITLES[known.status] ?? 'Error',
      status: known.status,
      detail: known.message,
      code: known.code,
      ...(errors ? { errors } : {}),
      requestId,
    },
  };
};
