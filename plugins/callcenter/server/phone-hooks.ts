import type { BeforeHook } from '../../../core/index.js';
import { normalisePhone } from './phone.js';

/** The phone fields of the CRM entities callers are looked up in (screen pop by ANI). */
export const PHONE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  contact: ['phone', 'mobile'],
  customer: ['phone'],
  lead: ['phone'],
};

/** Stores the entity's phone fields in E.164 on create and update. */
export const normalisePhones =
  (fields: readonly string[]): BeforeHook =>
  (event) => {
    for (const f of fields) if (typeof event.data[f] === 'string') event.data[f] = normalisePhone(event.data[f]);
  };
