import { AppError, badRequest } from '../errors.js';
import type { RecordData } from './types.js';

/** If-Match: the version the client last saw must be the stored one, else 409 VERSION_CONFLICT with the current version. */
export const checkVersion = (entity: string, current: RecordData, ifMatch: number | undefined): void => {
  if (ifMatch === undefined || ifMatch === null) return;
  if (!Number.isInteger(ifMatch)) throw badRequest('If-Match must be a record version (a whole number)', { errors: [{ field: 'ifMatch', message: 'must be a whole number' }] });
  if (Number(current.version) !== ifMatch) {
    throw new AppError('VERSION_CONFLICT', 409, `The ${entity} was changed by someone else (now version ${String(current.version)}); reload it and try again`, {
      currentVersion: Number(current.version),
    });
  }
};
