/**
 * The one error type of the engine. Every failure a user can cause is an AppError
 * with a stable UPPER_SNAKE code, an HTTP status and optional details (for example
 * the failing fields). The HTTP layer turns it into application/problem+json; any
 * other error becomes a generic 500 and is logged with its stack.
 */
import {
  FIELD_PROBLEMS,
  PROBLEMS,
  fillText,
  wireCode,
  type FieldProblemEntry,
  type FieldProblemKey,
  type ProblemEntry,
  type ProblemKey,
  type TextParams,
} from './errors/registry.js';

export { FIELD_PROBLEMS, PROBLEMS, fillText, type FieldProblemKey, type ProblemEntry, type ProblemKey, type TextParams } from './errors/registry.js';
export { LOCALES, isLocale, textIn, type Locale, type LocalText } from './errors/locale.js';
export { fieldMessageIn, problemDetailIn } from './errors/localise.js';

export interface FieldProblem {
  /** JSON pointer or field name the problem is about, e.g. "/amount" or "amount". */
  field: string;
  message: string;
  code?: string;
}

export interface ErrorDetails {
  errors?: FieldProblem[];
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails;
  /** Whether the message may be shown to the client (always true for AppError). */
  readonly expose = true;
  /** The registry key it was made from (`problem()`), so its text can be given in another language. */
  textKey?: string;

  constructor(code: string, status: number, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Problems that plugins registered (api.errors), beside the engine's own in the registry. */
const registered = new Map<string, { owner: string; entry: ProblemEntry }>();

/** The registry entry of a problem key: the engine's own, or one a plugin registered. */
export const problemEntry = (key: string): ProblemEntry | undefined =>
  Object.prototype.hasOwnProperty.call(PROBLEMS, key) ? (PROBLEMS as Record<string, ProblemEntry>)[key] : registered.get(key)?.entry;

/** The problems plugins registered, by key (their texts, for wording a problem in another language). */
export const registeredProblems = (): Record<string, ProblemEntry> => Object.fromEntries([...registered].map(([key, r]) => [key, r.entry]));

/**
 * Adds a plugin's own problems to the registry. A key the engine or another plugin already
 * has is refused; the same plugin registering again (a reload) replaces its entries.
 */
export const registerProblems = (owner: string, entries: Readonly<Record<string, ProblemEntry>>): void => {
  for (const [key, entry] of Object.entries(entries)) {
    const taken = Object.prototype.hasOwnProperty.call(PROBLEMS, key) ? 'the engine' : registered.get(key)?.owner;
    if (taken && taken !== owner) throw new Error(`Problem code ${key} of ${owner} is already registered by ${taken}`);
    if (!/^[A-Z][A-Z0-9_]*$/.test(key) || !Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599) {
      throw new Error(`Problem code ${key} of ${owner} must be UPPER_SNAKE with a 4xx or 5xx status`);
    }
    registered.set(key, { owner, entry });
  }
};

/**
 * The error for a registered problem: its wire code and status from the registry, its English
 * text filled with `params` as the detail, and `params` beside the other details so clients
 * can word it themselves. An unregistered key is a programming error (a plain Error, a 500).
 */
export const problem = (key: ProblemKey | (string & {}), params: TextParams = {}, details: ErrorDetails = {}): AppError => {
  const entry = problemEntry(key);
  if (!entry) throw new Error(`Unregistered problem code ${key}: add it to core/errors/registry.ts (or api.errors in a plugin)`);
  const shown = Object.keys(params).length ? { ...details, params } : details;
  const error = new AppError(wireCode(key, entry), entry.status, fillText(entry.en, params), shown);
  error.textKey = key;
  return error;
};

const statusOf = (code: string): number => {
  const status = problemEntry(code)?.status;
  if (status === undefined) throw new Error(`Unregistered problem code ${code}`);
  return status;
};

/**
 * A factory for a generic code, whose detail the caller words itself. `details.code`
 * (UPPER_SNAKE) may name the case more precisely when the registry gives it the same status.
 */
const factory = (code: string) => {
  const status = statusOf(code);
  return (message: string, details?: ErrorDetails): AppError => {
    const { code: specific, ...rest } = details ?? {};
    if (typeof specific !== 'string') return new AppError(code, status, message, rest);
    const own = problemEntry(specific)?.status;
    if (own !== undefined && own !== status) throw new Error(`Problem code ${specific} is ${own}, not ${status}`);
    return new AppError(specific, status, message, rest);
  };
};

export const badRequest = factory('BAD_REQUEST');
export const invalidInput = (message: string, errors: FieldProblem[], extra: ErrorDetails = {}): AppError =>
  new AppError('INVALID_INPUT', statusOf('INVALID_INPUT'), message, { ...extra, errors });
export const unauthorized = factory('UNAUTHORIZED');
export const forbidden = factory('FORBIDDEN');
export const notFound = factory('NOT_FOUND');
export const conflict = factory('CONFLICT');
export const payloadTooLarge = factory('PAYLOAD_TOO_LARGE');
export const ruleViolation = factory('RULE_VIOLATION');
export const tooManyRequests = factory('TOO_MANY_REQUESTS');

/** A field error of a registered field code, its message the code's English text filled with `params`. */
export const fieldProblem = (key: FieldProblemKey, field: string, params: TextParams = {}): FieldProblem => {
  const entry: FieldProblemEntry = FIELD_PROBLEMS[key];
  return { field, message: fillText(entry.en, params), code: wireCode(key, entry) };
};
