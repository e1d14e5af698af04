import { isUuid } from './entity-fields.js';

/**
 * The file ids an attachment value names, in order: one file object, a list of them, or
 * none (null). An item that is not an object with a uuid `id` is undefined in the list.
 */
export const attachmentItems = (value: unknown): (string | undefined)[] => {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => {
    const id = item && typeof item === 'object' && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined;
    return isUuid(id) ? id.toLowerCase() : undefined;
  });
};
