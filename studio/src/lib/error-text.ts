import { ApiError } from '../api/http.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * An error as a sentence for the user: a refusal (403) says so plainly with the
 * server's reason, a lost connection says that, anything else its own message.
 */
export const errorText = (e: unknown, t: Translate): string => {
  if (e instanceof ApiError) {
    if (e.status === 403) return e.problem.detail ? t('errors.forbiddenBecause', { reason: e.problem.detail }) : t('errors.forbidden');
    if (e.status === 0) return t('errors.network');
    return e.message || e.problem.title;
  }
  return e instanceof Error ? e.message : String(e);
};

export const isForbidden = (e: unknown): boolean => e instanceof ApiError && e.status === 403;
