import { problem } from '../../../errors.js';
import { createRecord, getRecord, listRecords, updateRecord, type RecordContext } from '../../../records/index.js';
import type { ScriptHost } from '../../../sandbox/index.js';

const text = (v: unknown, what: string): string => {
  if (typeof v !== 'string' || !v) throw problem('BAD_HOST_CALL', { reason: `${what} must be a non-empty string` });
  return v;
};
const object = (v: unknown, what: string): Record<string, unknown> => {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw problem('BAD_HOST_CALL', { reason: `${what} must be an object` });
  return v as Record<string, unknown>;
};

/**
 * The script's only way out: get, list, create and update records through the record
 * service, and read the vault's secrets it names (`crm.secret('NAME')`, looked up before), as the workflow, inside the step's transaction (so the script's writes and the
 * step's journal row commit together, and a failing script leaves nothing behind).
 */
export const recordHost = (ctx: RecordContext, secrets: Record<string, string> = {}): ScriptHost => ({
  async call(method, args) {
    const [entity, a, b] = args;
    switch (method) {
      case 'secret': {
        // Read before the step's transaction (prepare): the names the script writes as literals.
        const name = text(entity, 'name');
        if (!Object.prototype.hasOwnProperty.call(secrets, name)) throw problem('BAD_HOST_CALL', { reason: `crm.secret takes a secret's name written in the script, e.g. crm.secret('${name.replace(/[^A-Za-z0-9_]/g, '')}')` });
        return secrets[name];
      }
      case 'get':
        return getRecord(text(entity, 'entity'), text(a, 'id'), ctx);
      case 'list':
        return listRecords(text(entity, 'entity'), object(a, 'query'), ctx);
      case 'create':
        return createRecord(text(entity, 'entity'), object(a, 'data'), ctx);
      case 'update':
        return updateRecord(text(entity, 'entity'), text(a, 'id'), object(b, 'patch'), ctx);
      default:
        throw problem('BAD_HOST_CALL', { reason: `crm.${String(method)} does not exist` });
    }
  },
});
