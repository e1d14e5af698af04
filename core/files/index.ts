/** Files for attachment fields, stored in the tenant's own schema. */
export { readFile } from './read-file.js';
export { MAX_FILE_BYTES, storeFile, type FileUpload, type StoredFile } from './store-file.js';
export { storeOwnedFile, type FileOwner } from './store-owned-file.js';
export { acceptAttribute, fileProblem, maxBytesOf, maxFilesOf, sizeText, type AttachmentLimits, type FileProblem } from '../metadata/attachment-limits.js';
export { DETACHED_FILE_RETENTION_MS, UNATTACHED_FILE_TTL_MS } from './files-table.js';
export { sweepAllTenantFiles, sweepFiles, type SweepLimits } from './sweep-files.js';
