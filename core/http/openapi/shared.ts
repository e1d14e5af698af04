import type { OperationObject, ParameterObject, PathItemObject, ReferenceObject, ResponseObject, SchemaObject } from 'openapi3-ts/oas31';

export type Schema = SchemaObject;
export type Paths = Record<string, PathItemObject>;

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Schema | ReferenceObject) => ({ 'application/json': { schema } });
export const ok = (description: string, schema: Schema | ReferenceObject): ResponseObject => ({ description, content: json(schema) });
export const noContent: ResponseObject = { description: 'Done; no body' };

/** Problem answers by status, each a shared response of the document (components.responses). */
export const PROBLEM_RESPONSES: Record<number, [name: string, description: string]> = {
  400: ['BadRequest', 'Bad input; `errors` names every failing field'],
  401: ['Unauthorized', 'Not signed in, or the session or key is not valid (WWW-Authenticate says how to authenticate)'],
  403: ['Forbidden', 'Signed in, but not allowed'],
  404: ['NotFound', 'No such thing, or not visible to this user'],
  409: ['Conflict', 'Stale version, duplicate value, or the state does not allow it'],
  412: ['PreconditionFailed', 'If-Match given but there is nothing to match'],
  413: ['PayloadTooLarge', 'The body is larger than allowed'],
  415: ['UnsupportedMediaType', 'The body is not of a type this route reads'],
  422: ['UnprocessableContent', 'Well-formed, but a rule refuses it'],
  428: ['PreconditionRequired', 'If-Match is required'],
  429: ['TooManyRequests', 'Slow down (Retry-After)'],
};

/** `$ref`s to the shared problem answers of these statuses. */
export const problems = (...statuses: number[]): Record<string, ReferenceObject> =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/${PROBLEM_RESPONSES[s][0]}` }]));

/** The problems every signed-in operation may answer. */
export const SIGNED_IN = [400, 401, 403, 404, 429];
/** …and those of writes. */
export const WRITES = [...SIGNED_IN, 409, 422];

export const pathParam = (name: string, schema: Schema, description?: string): ParameterObject => ({ name, in: 'path', required: true, schema, ...(description && { description }) });
export const queryParam = (name: string, schema: Schema, description?: string): ParameterObject => ({ name, in: 'query', required: false, schema, ...(description && { description }) });
export const uuid: Schema = { type: 'string', format: 'uuid' };
export const idParam = pathParam('id', uuid);

export const ifMatch = (required: boolean, description: string): ParameterObject => ({ name: 'If-Match', in: 'header', required, schema: { type: 'string' }, description });

/** The Idempotency-Key header of the POSTs that create or act. */
export const idempotencyKeyParam: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
  description:
    'Send the same key again to get the first answer replayed (header Idempotent-Replayed: true) instead of a second write; kept 24 h per user. ' +
    'The same key with another method, path or body is 422 IDEMPOTENCY_KEY_REUSED; while the first request still runs a repeat waits, then 409 IDEMPOTENCY_KEY_IN_USE with Retry-After.',
};

/** An operation: id, summary, tag, and the problem answers of `errorStatuses` beside its own. */
export const op = (
  id: string,
  tag: string,
  summary: string,
  responses: Record<string, ResponseObject | ReferenceObject>,
  errorStatuses: number[],
  more: Partial<OperationObject> = {},
): OperationObject => ({ operationId: id, summary, tags: [tag], ...more, responses: { ...responses, ...problems(...errorStatuses.filter((s) => !(String(s) in responses))) } });

/** An operation anyone may call, without signing in. */
export const PUBLIC = { security: [] };

/** A JSON object body. */
export const body = (schema: Schema | ReferenceObject, required = true) => ({ requestBody: { required, content: json(schema) } });

/** `{data: [items]}`. */
export const listOf = (items: Schema | ReferenceObject): Schema => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items } } });

export const label: Schema = { type: 'object', description: 'A text in each language', properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } } };
