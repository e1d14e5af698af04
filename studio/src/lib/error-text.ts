import { ApiError } from '../api/http.js';
import { problemText, type Translate } from './problem-text.js';

/**
 * An error as a sentence for the user, in their language: a server problem by its code
 * (a refusal without wording of its own shows the server's reason after a localised
 * lead-in), a lost connection says that, anything else its own message.
 */
export const errorText = (e: unknown, t: Translate): string => {
  if (e instanceof ApiError) return problemText(e.problem, t);
  return e instanceof Error ? e.message : String(e);
};

export const isForbidden = (e: unknown): boolean => e instanceof ApiError && e.status === 403;
