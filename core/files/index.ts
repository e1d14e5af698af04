/** Files for attachment fields, stored in the tenant's own schema. */
export { readFile } from './read-file.js';
export { MAX_FILE_BYTES, storeFile, type StoredFile } from './store-file.js';
