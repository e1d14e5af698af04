import { badRequest, problem } from '../errors.js';
import type { RecordData } from './types.js';

/** If-Match: the version the client last saw must be the stored one, else 409 VERSION_CONFLICT with the current version. */
export const checkVersion = (entity: string, current: RecordData, ifMatch: number | undefined): void => {
  if (ifMatch === undefined || ifMatch === null) return;
  if (!Number.isInteger(ifMatch)) throw badRequest('If-Match must be a record version (a whole number)', { errors: [{ field: 'ifMatch', message: 'must be a whole number' }] });
  if (Number(current.version) !== ifMatch) {
    throw problem('VERSION_CONFLICT', { entity, version: Number(current.version) }, { currentVersion: Number(current.version) });
  }
};
