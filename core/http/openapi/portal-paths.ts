import type { SecurityRequirementObject } from 'openapi3-ts/oas31';
import { body, idParam, ifMatch, listOf, noContent, ok, op, pathParam, PUBLIC, queryParam, ref, SIGNED_IN, uuid, WRITES, type Paths, type Schema } from './shared.js';

const PORTAL = 'Portal';
const STAFF = 'Portal users';
const FORMS = 'Web forms';
const anyObject: Schema = { type: 'object', additionalProperties: true };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' as const } } } });

/** Portal routes take only a portal session: the crm_portal_session cookie or a ps_ bearer token, never a staff credential. */
const PORTAL_SIGNED_IN: { security: SecurityRequirementObject[] } = { security: [{ portalBearer: [] }, { portalCookie: [] }] };

const portalUser: Schema = {
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'linkedEntity', 'linkedId', 'active', 'activated', 'createdAt'],
  properties: {
    id: uuid, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', description: 'The portal role (a plugin declares it)' },
    linkedEntity: { type: 'string', description: 'The entity of the record the person is linked to' }, linkedId: uuid,
    active: { type: 'boolean' }, activated: { type: 'boolean', description: 'Whether a password has been set' }, createdAt: { type: 'string', format: 'date-time' },
  },
};

const portalSession: Schema = {
  type: 'object',
  required: ['token', 'csrfToken', 'expiresAt'],
  properties: {
    token: { type: 'string', description: 'ps_…; send as Authorization: Bearer (the crm_portal_session cookie is set too)' },
    csrfToken: { type: 'string', description: 'Send as X-CSRF-Token with cookie-authenticated writes' },
    expiresAt: { type: 'string', format: 'date-time' },
    user: ref('PortalUser'),
    tenant: ref('TenantSummary'),
  },
};

const accepted: Schema = { type: 'object', required: ['accepted'], properties: { accepted: { type: 'boolean', const: true } } };
const tenantField = { tenant: { type: 'string', description: 'The tenant slug' } } satisfies Record<string, Schema>;

const invitation: Schema = {
  type: 'object',
  required: ['entity', 'id', 'email', 'name', 'role'],
  properties: {
    entity: { type: 'string', description: 'The linked record\'s entity (the portal role\'s entity)' }, id: uuid,
    email: { type: 'string', format: 'email' }, name: { type: 'string' }, role: { type: 'string', description: 'A portal role a plugin declares' },
  },
};

const invited: Schema = {
  type: 'object',
  required: ['user', 'invitation'],
  properties: {
    user: ref('PortalUser'),
    invitation: {
      type: 'object',
      required: ['token', 'link', 'expiresAt', 'mailed'],
      properties: {
        token: { type: 'string' }, link: { type: 'string', description: 'The accept page, to pass on when it was not mailed' },
        expiresAt: { type: 'string', format: 'date-time' }, mailed: { type: 'boolean' },
      },
    },
  },
};

const webForm: Schema = {
  type: 'object',
  required: ['name', 'title', 'submitLabel', 'successMessage', 'honeypot', 'token', 'fields'],
  properties: {
    name: { type: 'string' }, title: ref('Label'), intro: ref('Label'), submitLabel: ref('Label'), successMessage: ref('Label'),
    honeypot: { type: 'string', description: 'A field name people never fill; a submit with it filled is dropped' },
    token: { type: 'string', description: 'Send back as _token: the signed time the form was drawn' },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label', 'type', 'required', 'multiline'],
        properties: { name: { type: 'string' }, label: ref('Label'), type: { type: 'string' }, required: { type: 'boolean' }, multiline: { type: 'boolean' }, maxLength: { type: 'integer' } },
      },
    },
  },
};

const entityParam = pathParam('entity', { type: 'string' }, 'An entity the portal role may read');
const lang = queryParam('lang', { type: 'string', enum: ['en', 'zh-CN'] }, 'The form\'s language (else Accept-Language)');

/** Staff's side of the portal and public access (tenant admins), the portal itself (its own session), and plugins' web forms. */
export const portalPaths = (): Paths => ({
  '/api/public-endpoints': {
    get: op('public_endpoints', STAFF, 'Whether the routes under /api/public/<tenant>/ are on (tenant admins)', {
      200: ok('The switch', { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' } } }),
    }, SIGNED_IN),
    put: op('put_public_endpoints', STAFF, 'Turn the routes under /api/public/<tenant>/ on or off (tenant admins)', {
      200: ok('The switch', { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' } } }),
    }, WRITES, body({ type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' } } })),
  },
  '/api/portal-users': {
    get: op('list_portal_users', STAFF, 'The tenant\'s portal users (tenant admins)', { 200: ok('Portal users', listOf(ref('PortalUser'))) }, SIGNED_IN),
    post: op('invite_portal_user', STAFF, 'Invite a person linked to a record to the portal (tenant admins; the link is e-mailed when mail is set up)', {
      201: ok('Invited', invited),
    }, WRITES, body(invitation)),
  },
  '/api/portal-users/{id}': {
    parameters: [idParam],
    delete: op('deactivate_portal_user', STAFF, 'Deactivate a portal user (their sessions end; tenant admins)', { 204: noContent }, WRITES),
  },
  '/api/portal/auth/login': {
    post: op('portal_login', PORTAL, 'Sign in to the portal', { 200: ok('Signed in (the crm_portal_session cookie is set)', portalSession) }, [400, 401, 429], {
      ...PUBLIC,
      ...body({ type: 'object', required: ['tenant', 'email', 'password'], properties: { ...tenantField, email: { type: 'string' }, password: { type: 'string' } } }),
    }),
  },
  '/api/portal/auth/logout': { post: op('portal_logout', PORTAL, 'Sign out of the portal', { 204: noContent }, [401, 403], PORTAL_SIGNED_IN) },
  '/api/portal/auth/me': {
    get: op('portal_me', PORTAL, 'Who is signed in to the portal', {
      200: ok('The portal user and tenant', { type: 'object', required: ['user', 'tenant'], properties: { user: ref('PortalUser'), tenant: ref('TenantSummary'), csrfToken: { type: 'string' } } }),
    }, [401], PORTAL_SIGNED_IN),
  },
  '/api/portal/auth/accept': {
    post: op('portal_accept', PORTAL, 'Set the password with an invitation or reset link, and sign in', { 200: ok('Signed in (the crm_portal_session cookie is set)', portalSession) }, [400, 404, 422, 429], {
      ...PUBLIC,
      ...body({ type: 'object', required: ['tenant', 'token', 'password'], properties: { ...tenantField, token: { type: 'string', description: 'The link\'s token' }, password: { type: 'string', description: 'Checked against the password policy' } } }),
    }),
  },
  '/api/portal/auth/password-reset': {
    post: op('portal_password_reset', PORTAL, 'Ask for a reset link by e-mail (202 whether or not the address is known)', { 202: ok('Accepted', accepted) }, [400, 429], {
      ...PUBLIC,
      ...body({ type: 'object', required: ['tenant', 'email'], properties: { ...tenantField, email: { type: 'string' } } }),
    }),
  },
  '/api/portal/auth/register': {
    post: op('portal_register', PORTAL, 'Register yourself (portal roles that allow it; your address must be on a record of its entity). 202 either way; a verification link is e-mailed', {
      202: ok('Accepted', accepted),
    }, [400, 429], {
      ...PUBLIC,
      ...body({ type: 'object', required: ['tenant', 'email', 'password'], properties: { ...tenantField, email: { type: 'string' }, password: { type: 'string', description: 'Checked against the password policy' }, name: { type: 'string' } } }),
    }),
  },
  '/api/portal/auth/verify': {
    post: op('portal_verify', PORTAL, 'Follow a verification link: activates the registration and signs in', { 200: ok('Signed in (the crm_portal_session cookie is set)', portalSession) }, [400, 429], {
      ...PUBLIC,
      ...body({ type: 'object', required: ['tenant', 'token'], properties: { ...tenantField, token: { type: 'string', description: 'The link\'s token' } } }),
    }),
  },
  '/api/portal/meta': {
    get: op('portal_meta', PORTAL, 'The entities the portal user may read (hidden fields left out) and their rights', {
      200: ok('The portal\'s metadata', { type: 'object', required: ['entities'], properties: { entities: anyObject } }),
    }, [401, 403], PORTAL_SIGNED_IN),
  },
  '/api/portal/records/{entity}': {
    parameters: [entityParam],
    get: op('portal_list_records', PORTAL, 'The records of an entity the portal user may see', { 200: ok('A page of records', listOf(anyObject)) }, [400, 401, 403, 404, 429], {
      ...PORTAL_SIGNED_IN,
      parameters: [queryParam('limit', { type: 'integer', minimum: 1 }), queryParam('cursor', { type: 'string' }), queryParam('sort', { type: 'string' })],
    }),
    post: op('portal_create_record', PORTAL, 'Create a record as the portal user', { 201: ok('Created', anyObject) }, WRITES, { ...PORTAL_SIGNED_IN, ...body(anyObject) }),
  },
  '/api/portal/records/{entity}/{id}': {
    parameters: [entityParam, idParam],
    get: op('portal_get_record', PORTAL, 'A record the portal user may see', { 200: ok('The record', anyObject) }, [400, 401, 403, 404, 429], PORTAL_SIGNED_IN),
    patch: op('portal_update_record', PORTAL, 'Change a record as the portal user', { 200: ok('Updated', anyObject) }, [...WRITES, 428], {
      ...PORTAL_SIGNED_IN,
      parameters: [ifMatch(true, 'The version you read')],
      ...body(anyObject),
    }),
  },
  '/api/portal/records/{entity}/{id}/transitions': {
    parameters: [entityParam, idParam],
    get: op('portal_list_transitions', PORTAL, 'The lifecycle transitions from the record\'s state, each with whether the portal user may take it now (and why not)', {
      200: ok('The transitions', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: anyObject } } }),
    }, [400, 401, 403, 404, 429], PORTAL_SIGNED_IN),
  },
  '/api/portal/records/{entity}/{id}/transitions/{transition}': {
    parameters: [entityParam, idParam, pathParam('transition', { type: 'string' }, 'The transition\'s name')],
    post: op('portal_run_transition', PORTAL, 'Take a lifecycle transition as the portal user (their role\'s update right, the transition\'s state, roles and guard)', { 200: ok('The record after the transition', anyObject) }, WRITES, {
      ...PORTAL_SIGNED_IN,
      parameters: [ifMatch(false, 'The version you read (optional)')],
    }),
  },
  '/api/portal/files': {
    post: op('portal_upload_file', PORTAL, 'Upload a file (the raw body) for an attachment field the portal user may write', { 201: ok('Stored; attach it by saving a record with it', anyObject) }, [...WRITES, 413], {
      ...PORTAL_SIGNED_IN,
      parameters: [
        { ...queryParam('entity', { type: 'string' }), required: true },
        { ...queryParam('field', { type: 'string' }), required: true },
        queryParam('name', { type: 'string' }, 'The file name (or X-File-Name, percent-encoded)'),
        { name: 'X-File-Name', in: 'header', required: false, schema: { type: 'string' }, description: 'The file name, percent-encoded' },
      ],
      requestBody: { required: true, content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
    }),
  },
  '/api/portal/files/{id}': {
    parameters: [idParam],
    get: op('portal_download_file', PORTAL, 'A file the portal user uploaded, or one attached to a record and field they may read', {
      200: { description: 'The bytes (images inline, the rest as attachments)', content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } }, 'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } } } },
    }, [400, 401, 403, 404, 429], PORTAL_SIGNED_IN),
  },
  '/api/public/{tenant}/forms/{name}': {
    parameters: [pathParam('tenant', { type: 'string' }, 'The tenant slug'), pathParam('name', { type: 'string' }, 'The web form\'s name')],
    get: op('web_form', FORMS, 'Draw a plugin\'s web form (HTML to embed, or its description and token as JSON)', {
      200: { description: 'The form', content: { 'text/html': { schema: { type: 'string' } }, 'application/json': { schema: ref('WebForm') } } },
    }, [404, 429], { ...PUBLIC, parameters: [lang] }),
    post: op('submit_web_form', FORMS, 'Submit a web form (URL-encoded from the HTML form, or JSON)', {
      200: html('HTML callers: the thank-you page'),
      201: ok('JSON callers: stored (or dropped as spam, answered the same)', { type: 'object', required: ['ok', 'message'], properties: { ok: { type: 'boolean' }, message: ref('Label') } }),
    }, [400, 404, 413, 422, 429], {
      ...PUBLIC,
      parameters: [lang],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: anyObject }, 'application/json': { schema: anyObject } } },
    }),
  },
});

/** Schemas of the portal paths. */
export const portalSchemas = (): Record<string, Schema> => ({ PortalUser: portalUser, WebForm: webForm });
