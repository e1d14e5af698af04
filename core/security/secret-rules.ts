/**
 * What the tenant's secrets vault takes, shared with the studio (which checks a form the same
 * way before sending it): no imports, so it runs in the browser.
 */

/** A secret's name: what scripts (`crm.secret('NAME')`) and webhook steps (`{{secret.NAME}}`) call it by. */
export const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The longest value (in characters) a secret may hold. */
export const SECRET_VALUE_MAX = 8192;
