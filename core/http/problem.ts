import { AppError, fieldMessageIn, isAppError, problem, problemDetailIn, PROBLEMS, registeredProblems, type Locale } from '../errors.js';
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
  412: 'Precondition Failed', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 424: 'Failed Dependency',
  428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const TITLES_ZH: Record<number, string> = {
  400: '请求无效', 401: '未登录', 403: '禁止访问', 404: '未找到', 405: '不支持的请求方法', 409: '冲突',
  412: '前提条件不成立', 413: '内容过大', 415: '不支持的内容类型', 422: '无法处理的内容', 424: '依赖的操作失败',
  428: '缺少前提条件', 429: '请求过多', 500: '服务器内部错误', 502: '网关错误', 503: '服务不可用', 504: '网关超时',
};

const titleIn = (status: number, locale: Locale): string => (locale === 'zh-CN' ? TITLES_ZH[status] ?? '错误' : TITLES[status] ?? 'Error');

/**
 * A problem worded in `locale` (title, detail and field errors), from the registry: see
 * core/errors/localise.ts. English is how problems are made, so it comes back unchanged.
 */
export const problemIn = (p: Problem, locale: Locale, key?: string): Problem =>
  locale === 'en' ? p : { ...wordedIn(p, locale, key), title: titleIn(p.status, locale), ...(Array.isArray(p.results) ? { results: resultsIn(p.results as BatchItem[], locale) } : {}) };

/** A problem's detail and field errors in `locale` (a problem document, or one item's problem in a batch). */
const wordedIn = <P extends { code: string; detail: string; errors?: Problem['errors']; params?: unknown }>(p: P, locale: Locale, key?: string): P => {
  const params = p.params && typeof p.params === 'object' ? (p.params as Record<string, unknown>) : undefined;
  return {
    ...p,
    detail: problemDetailIn({ code: p.code, detail: p.detail, key, params }, locale, registeredProblems()),
    ...(p.errors ? { errors: p.errors.map((e) => ({ ...e, message: fieldMessageIn(e, locale) })) } : {}),
  };
};

type BatchItem = { problem?: { code: string; detail: string; errors?: Problem['errors']; params?: unknown } };

/** A batch's results with each item's problem worded in `locale`. */
export const resultsIn = <R extends BatchItem>(results: R[], locale: Locale): R[] =>
  locale === 'en' ? results : results.map((r) => (r.problem ? { ...r, problem: wordedIn(r.problem, locale) } : r));

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
 * Turns any error into a problem, worded in `locale` (default English). AppErrors show their message and details (5xx ones
 * only their message, and are logged); database
 * errors are translated in the one place that knows them; anything else is a generic
 * 500 whose cause goes only to the log.
 */
export const toProblem = (err: unknown, requestId: string, locale: Locale = 'en'): { problem: Problem; unexpected: boolean } => {
  const { problem: english, unexpected, key } = englishProblem(err, requestId);
  return { problem: problemIn(english, locale, key), unexpected };
};

const englishProblem = (err: unknown, requestId: string): { problem: Problem; unexpected: boolean; key?: string } => {
  const known = isAppError(err) ? err : ((): AppError | undefined => {
    const translated = translatePgError(err);
    if (isAppError(translated)) return translated;
    return fromHttpError(err as HttpishError);
  })();
  if (!known) {
    return {
      unexpected: true,
      problem: { type: 'about:blank', title: TITLES[500], status: 500, detail: PROBLEMS.INTERNAL.en, code: 'INTERNAL', requestId },
      key: 'INTERNAL',
    };
  }
  if (known.status >= 500) {
    // A server-side failure the engine recognised: its code and message, never its details
    // (they may name files or internals); the whole error goes to the log.
    return { unexpected: true, key: known.textKey, problem: { type: 'about:blank', title: TITLES[known.status] ?? 'Error', status: known.status, detail: known.message, code: known.code, requestId } };
  }
  const { errors, ...rest } = known.details ?? {};
  return {
    unexpected: false,
    key: known.textKey,
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
