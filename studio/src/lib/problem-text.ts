import type { Problem } from '../api/types.js';

/** vue-i18n's `t`, or anything with its shape. */
export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type FieldError = NonNullable<Problem['errors']>[number];

/** A problem as it arrives: the documented members plus the extras some codes carry (retryAfterSeconds, failed). */
type ProblemLike = Problem & Record<string, unknown>;

/**
 * How one server problem reads in the user's language. A rule applies when the problem's
 * `code` is `code`, its `detail` matches `detail` (whose named groups become parameters) and
 * `params` (when given) finds what the sentence needs; the first rule that applies wins.
 */
export interface ProblemRule {
  code: string;
  detail?: RegExp;
  params?: (p: ProblemLike) => Record<string, unknown> | undefined;
  key: string;
}

/** How one field error reads: by its `code`, by the server's English `message` (named groups → parameters), or both. */
export interface FieldRule {
  code?: string;
  message?: RegExp;
  key: string;
}

const P = 'problems.problem.';
const F = 'problems.field.';

const errorWith = (code: string) => (p: ProblemLike) => (p.errors?.some((e) => e.code === code) ? {} : undefined);
const firstField = (code?: string) => (p: ProblemLike) => {
  const field = p.errors?.find((e) => !code || e.code === code)?.field.replace(/^\//, '');
  return field ? { field } : undefined;
};

export const PROBLEM_RULES: readonly ProblemRule[] = [
  { code: 'NETWORK', key: 'errors.network' },
  { code: 'VERSION_CONFLICT', key: `${P}versionConflict` },
  { code: 'TRY_AGAIN', key: `${P}tryAgain` },
  { code: 'RECORD_LOCKED', key: `${P}recordLocked` },
  { code: 'UNIQUE_VIOLATION', params: firstField(), key: `${P}uniqueViolation` },
  { code: 'UNIQUE_VIOLATION', key: `${P}uniqueViolationPlain` },
  { code: 'RULE_VIOLATION', detail: /still referenced/, key: `${P}stillReferenced` },
  { code: 'RULE_VIOLATION', params: errorWith('REFERENCE_NOT_FOUND'), key: `${P}referenceNotFound` },
  { code: 'RULE_VIOLATION', detail: /^A new .+ starts in state "(?<initial>[^"]+)"/, key: `${P}initialState` },
  { code: 'RULE_VIOLATION', params: firstField('STATE_FIELD'), key: `${P}stateField` },
  { code: 'WRONG_STATE', detail: /^"(?<transition>[^"]+)" is not possible from state "(?<state>[^"]*)"/, key: `${P}wrongState` },
  { code: 'ROLE_REQUIRED', detail: /^"(?<transition>[^"]+)" needs one of the roles (?<roles>.+)$/, key: `${P}roleRequired` },
  { code: 'GUARD_FAILED', detail: /^The conditions of "(?<transition>[^"]+)" are not met/, key: `${P}guardFailed` },
  { code: 'NOT_FOUND', key: `${P}notFound` },
  { code: 'NOT_DELETED', key: `${P}notDeleted` },
  { code: 'NO_READ_RIGHT', key: `${P}noReadRight` },
  { code: 'NO_CREATE_RIGHT', key: `${P}noCreateRight` },
  { code: 'NO_RIGHT', key: `${P}noRight` },
  { code: 'NO_UPLOAD_RIGHT', key: `${P}noUploadRight` },
  { code: 'NO_ACTION_RIGHT', detail: /^You may not run "(?<action>[^"]+)"/, key: `${P}noActionRight` },
  { code: 'CSRF', key: `${P}csrf` },
  { code: 'CROSS_SITE', key: `${P}crossSite` },
  { code: 'FORBIDDEN', detail: /^Only tenant admins may do this/, key: `${P}adminOnly` },
  { code: 'FORBIDDEN', detail: /^This API key may only read/, key: `${P}readOnlyKey` },
  { code: 'FORBIDDEN', detail: /^You are not an approver/, key: `${P}notApprover` },
  { code: 'UNAUTHORIZED', detail: /session has ended/, key: `${P}sessionEnded` },
  { code: 'UNAUTHORIZED', detail: /^Sign in first/, key: `${P}signInFirst` },
  { code: 'UNAUTHORIZED', detail: /^Wrong tenant, e-mail or password/, key: `${P}wrongCredentials` },
  {
    code: 'TOO_MANY_REQUESTS',
    params: (p) => (typeof p.retryAfterSeconds === 'number' ? { minutes: Math.max(1, Math.ceil(p.retryAfterSeconds / 60)) } : undefined),
    key: `${P}rateLimited`,
  },
  { code: 'TOO_MANY_REQUESTS', detail: /try again in (?<minutes>\d+) minute/, key: `${P}rateLimited` },
  { code: 'TOO_MANY_REQUESTS', key: `${P}rateLimitedPlain` },
  { code: 'PAYLOAD_TOO_LARGE', detail: /^The file is larger than (?<size>\d+) MB/, key: `${P}fileTooLarge` },
  { code: 'PAYLOAD_TOO_LARGE', key: `${P}payloadTooLarge` },
  { code: 'UNSUPPORTED_MEDIA_TYPE', key: `${P}unsupportedMediaType` },
  { code: 'MALFORMED_JSON', key: `${P}malformedJson` },
  { code: 'PRECONDITION_REQUIRED', key: `${P}preconditionRequired` },
  { code: 'QUERY_TIMEOUT', key: `${P}queryTimeout` },
  { code: 'SCHEMA_NOT_READY', key: `${P}schemaNotReady` },
  { code: 'IMPORT_FAILED', params: (p) => (typeof p.failed === 'number' ? { count: p.failed } : undefined), key: `${P}importFailed` },
  { code: 'IMPORT_FAILED', detail: /^(?<count>\d+) rows? /, key: `${P}importFailed` },
  { code: 'INVALID_CSV', detail: /near line (?<line>\d+)/, key: `${P}invalidCsv` },
  { code: 'INVALID_INPUT', params: errorWith('EMPTY_CSV'), key: `${P}emptyCsv` },
  { code: 'PLUGIN_REQUIRED', detail: /^Plugin "(?<other>[^"]+)" requires "(?<plugin>[^"]+)"/, key: `${P}pluginRequired` },
  { code: 'PLUGIN_DEPENDENCY_MISSING', detail: /^Plugin "(?<plugin>[^"]+)" requires plugin "(?<dependency>[^"]+)"/, key: `${P}pluginDependencyMissing` },
  { code: 'PLUGIN_DEPENDENCY_CYCLE', detail: /cycle: (?<cycle>.+)$/, key: `${P}pluginDependencyCycle` },
  { code: 'PLUGIN_INSTALLED', detail: /uninstall it before purging/, key: `${P}pluginStillInstalled` },
  { code: 'PLUGIN_INSTALLED', key: `${P}pluginInstalled` },
  { code: 'PLUGIN_UP_TO_DATE', key: `${P}pluginUpToDate` },
  { code: 'PLUGIN_RESTORE_CONFLICT', key: `${P}pluginRestoreConflict` },
  { code: 'PURGE_NOT_CONFIRMED', key: `${P}purgeNotConfirmed` },
  { code: 'DESTRUCTIVE_NOT_CONFIRMED', key: `${P}destructiveNotConfirmed` },
  { code: 'SCHEMA_CONFLICT', key: `${P}schemaConflict` },
  { code: 'SCHEMA_APPLY_FAILED', key: `${P}schemaApplyFailed` },
  { code: 'NOT_RETIRED', key: `${P}notRetired` },
  { code: 'CONFLICT', detail: /^The metadata changed since/, key: `${P}metadataChanged` },
  { code: 'CONFLICT', detail: /^A user with e-mail .+ already exists/, key: `${P}userExists` },
  { code: 'CONFLICT', detail: /^You already have a view named/, key: `${P}viewNameTaken` },
  { code: 'CONFLICT', detail: /^You cannot remove your own admin rights/, key: `${P}ownAdminRights` },
  { code: 'ALREADY_DECIDED', key: `${P}alreadyDecided` },
  { code: 'ALREADY_VOTED', key: `${P}alreadyVoted` },
  { code: 'NOT_FAILED', key: `${P}notFailed` },
  { code: 'NOT_MANUAL', key: `${P}notManual` },
  { code: 'CONDITION_NOT_MET', key: `${P}conditionNotMet` },
  { code: 'MAIL_NOT_CONFIGURED', key: `${P}mailNotConfigured` },
  { code: 'INTERNAL', key: `${P}internal` },
];

export const FIELD_RULES: readonly FieldRule[] = [
  { message: /^is required \(at most (?<n>\d+) characters\)$/, key: `${F}requiredMax` },
  { code: 'REQUIRED', key: `${F}required` },
  { message: /^is required$/, key: `${F}required` },
  { code: 'UNIQUE', key: `${F}taken` },
  { message: /^(is )?(already )?taken$/, key: `${F}taken` },
  { code: 'REFERENCE_NOT_FOUND', key: `${F}referenceMissing` },
  { message: /^refers to a record that does not exist$/, key: `${F}referenceMissing` },
  { code: 'STATE_FIELD', message: /^must be "(?<initial>[^"]+)" \(the initial state\)/, key: `${F}initialState` },
  { code: 'STATE_FIELD', key: `${F}stateField` },
  { code: 'CHECK', key: `${F}notAllowed` },
  { message: /^is not allowed$/, key: `${F}notAllowed` },
  { code: 'READ_ONLY', key: `${F}readOnly` },
  { code: 'FIELD_NOT_WRITABLE', message: /read-only/, key: `${F}readOnlyForYou` },
  { code: 'FIELD_NOT_WRITABLE', key: `${F}notAccessible` },
  { code: 'NO_ASSIGN_RIGHT', key: `${F}needsAssignRight` },
  { code: 'UNKNOWN_FIELD', key: `${F}unknownField` },
  { code: 'ENUM', message: /^(?<values>.+) is not one of: (?<allowed>.*)$/, key: `${F}notOneOf` },
  { code: 'PATTERN', message: /^must match the pattern (?<pattern>.+)$/, key: `${F}pattern` },
  { code: 'RANGE', message: /^must be on or after (?<date>.+)$/, key: `${F}onOrAfter` },
  { code: 'RANGE', message: /^must be on or before (?<date>.+)$/, key: `${F}onOrBefore` },
  { code: 'RULE', message: /^breaks the rule "(?<rule>.+)"$/, key: `${F}brokenRule` },
  { message: /^must be at least (?<n>\d+) characters$/, key: `${F}atLeastChars` },
  { message: /^(must be )?at most (?<n>\d+) characters$/, key: `${F}atMostChars` },
  { message: /^must NOT have more than (?<n>\d+) characters$/, key: `${F}atMostChars` },
  { message: /^must NOT have fewer than (?<n>\d+) characters$/, key: `${F}atLeastChars` },
  { message: /^must mix at least two of/, key: `${F}tooWeak` },
  { message: /^must not contain the e-mail name$/, key: `${F}containsEmail` },
  { code: 'TYPE', message: /^must be (?<type>[a-z,]+)$/, key: `${F}type` },
  { message: /^must be (?<op>[<>]=?) (?<limit>.+)$/, key: `${F}minimum` },
  { message: /^must match format "(?<format>[^"]+)"$/, key: `${F}format` },
  { message: /^must be multiple of (?<n>.+)$/, key: `${F}multipleOf` },
  { message: /^must be a user id/, key: `${F}userId` },
  { message: /^must be an e-mail address$/, key: `${F}email` },
  { message: /^must be (a boolean|true or false)$/, key: `${F}boolean` },
  { message: /^must be a whole number$/, key: `${F}wholeNumber` },
  { message: /^must be a whole number from (?<min>\d+) to (?<max>\d+)$/, key: `${F}range` },
  { message: /^must be 1 or more$/, key: `${F}atLeastOne` },
  { message: /^expected an object$/, key: `${F}object` },
  { message: /^is not valid$/, key: `${F}invalid` },
  { message: /^is empty$/, key: `${F}empty` },
  { code: 'INVALID_JSON', key: `${F}invalidJson` },
  { message: /^is not valid JSON$/, key: `${F}invalidJson` },
  { message: /^must be a json-logic rule in JSON$/, key: `${F}filterJson` },
  { message: /^is not a valid file name$/, key: `${F}fileName` },
  { code: 'FILE_NOT_AVAILABLE', key: `${F}fileNotAvailable` },
  { code: 'FILE_REFERENCE', key: `${F}fileReference` },
  { code: 'FILE_REPEATED', key: `${F}fileRepeated` },
  { code: 'TOO_MANY_FILES', key: `${F}tooManyFiles` },
  { code: 'FILE_TOO_LARGE', message: /larger than (?<size>[\d.]+) MB$/, key: `${F}fileTooLarge` },
  { code: 'FILE_TYPE_NOT_ALLOWED', message: /^holds a file/, key: `${F}fileTypeNotAllowed` },
  { message: /^not a version( number)?$/, key: `${F}version` },
];

/** Codes whose detail is too varied to word here: with field errors they read as a list of those. */
const GENERIC = new Set(['BAD_REQUEST', 'INVALID_INPUT', 'CONFLICT', 'RULE_VIOLATION']);

/** A field error's message in the user's language, else the server's own. */
export const fieldErrorText = (e: FieldError, t: Translate): string => {
  for (const r of FIELD_RULES) {
    if (r.code !== undefined && r.code !== e.code) continue;
    const m = r.message ? r.message.exec(e.message) : undefined;
    if (m === null) continue;
    return t(r.key, { ...m?.groups });
  }
  return e.message;
};

/** "email: is already taken", localised (the field as the server names it). */
export const fieldItemText = (e: FieldError, t: Translate): string => {
  const field = e.field.replace(/^\//, '');
  const message = fieldErrorText(e, t);
  return field ? t(`${P}fieldItem`, { field, message }) : message;
};

/** "name: is required; email: is already taken", localised. */
const fieldList = (errors: FieldError[], t: Translate): string => errors.map((e) => fieldItemText(e, t)).join(t(`${P}listSeparator`));

/**
 * A problem as one sentence in the user's language: by its code (and what its detail or
 * extras carry); a refusal (403) with no wording of its own shows the server's reason after a
 * localised lead-in; field errors of a generic code are listed, localised; anything else
 * keeps the server's detail.
 */
export const problemText = (problem: Problem, t: Translate): string => {
  const p = problem as ProblemLike;
  if (p.status === 0 && !p.code) return t('errors.network');
  for (const r of PROBLEM_RULES) {
    if (r.code !== p.code) continue;
    const m = r.detail ? r.detail.exec(p.detail ?? '') : undefined;
    if (m === null) continue;
    const extra = r.params ? r.params(p) : {};
    if (!extra) continue;
    return t(r.key, { ...m?.groups, ...extra });
  }
  if (p.status === 403) return p.detail ? t('errors.forbiddenBecause', { reason: p.detail }) : t('errors.forbidden');
  if (p.errors?.length && GENERIC.has(p.code ?? '')) return t(`${P}invalidInput`, { fields: fieldList(p.errors, t) });
  if (p.code === 'INVALID_INPUT') return t(`${P}invalidInputPlain`);
  return p.detail || p.title;
};
