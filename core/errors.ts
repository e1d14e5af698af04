/**
 * The one error type of the engine. Every failure a user can cause is an AppError
 * with a stable UPPER_SNAKE code, an HTTP status and optional details (for example
 * the failing fields). The HTTP layer turns it into application/problem+json; any
 * other error becomes a generic 500 and is logged with its stack.
 */
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

  constructor(code: string, status: number, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** An error factory; `details.code` (UPPER_SNAKE) names the case more precisely than the default code. */
const factory =
  (code: string, status: number) =>
  (message: string, details?: ErrorDetails): AppError => {
    const { code: specific, ...rest } = details ?? {};
    return new AppError(typeof specific === 'string' ? specific : code, status, message, rest);
  };

export const badRequest = factory('BAD_REQUEST', 400);
export const invalidInput = (message: string, errors: FieldProblem[], extra: ErrorDetails = {}): AppError =>
  new AppError('INVALID_INPUT', 400, message, { ...extra, errors });
export const unauthorized = factory('UNAUTHORIZED', 401);
export const forbidden = factory('FORBIDDEN', 403);
export const notFound = factory('NOT_FOUND', 404);
export const conflict = factory('CONFLICT', 409);
export const payloadTooLarge = factory('PAYLOAD_TOO_LARGE', 413);
export const ruleViolation = factory('RULE_VIOLATION', 422);
export const tooManyRequests = factory('TOO_MANY_REQUESTS', 429);
