import { invalidInput } from '../../errors.js';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type ArchiveHeader } from './format.js';

/** The archive's first line, checked: the right format, a version this engine reads, a tenant and counts. */
export const readHeader = (value: unknown, file: string): ArchiveHeader => {
  const h = value as Partial<ArchiveHeader> | undefined;
  if (!h || typeof h !== 'object' || h.format !== ARCHIVE_FORMAT) {
    throw invalidInput(`${file} is not a tenant archive`, [{ field: 'file', message: `the first line must have "format":"${ARCHIVE_FORMAT}"` }]);
  }
  if (typeof h.version !== 'number' || h.version > ARCHIVE_VERSION) {
    throw invalidInput(`${file} is a tenant archive of version ${String(h.version)}; this engine reads up to version ${ARCHIVE_VERSION}`, [{ field: 'version', message: 'too new' }]);
  }
  if (!h.tenant || typeof h.tenant.slug !== 'string' || typeof h.tenant.publishedVersion !== 'number' || !h.counts || typeof h.counts !== 'object') {
    throw invalidInput(`${file} has a damaged header`, [{ field: 'header', message: 'tenant and counts are required' }]);
  }
  return h as ArchiveHeader;
};
