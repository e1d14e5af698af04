import type { FieldDefinition } from '../api/types.js';
import type { StoredFile } from '../api/files.js';
import { fileProblem, maxBytesOf, maxFilesOf, sizeText, type AttachmentLimits } from '../../../core/metadata/attachment-limits.js';

export { acceptAttribute, maxBytesOf, maxFilesOf, sizeText } from '../../../core/metadata/attachment-limits.js';

/** An i18n key with its parameters. */
export interface Message {
  key: string;
  params: Record<string, string | number>;
}

const isFile = (v: unknown): v is StoredFile => Boolean(v) && typeof v === 'object' && typeof (v as StoredFile).id === 'string' && typeof (v as StoredFile).name === 'string';

/** The limits of an attachment field (none for another type). */
export const limitsOf = (field: FieldDefinition): AttachmentLimits => (field.type === 'attachment' ? field : {});

/** The files an attachment value holds: one file, a list, or none. */
export const attachedFiles = (value: unknown): StoredFile[] => (Array.isArray(value) ? value.filter(isFile) : isFile(value) ? [value] : []);

/** The value the field stores for these files: a list for a `multiple` field, else the one file; null for none. */
export const attachmentValue = (files: StoredFile[], multiple: boolean | undefined): StoredFile | StoredFile[] | null => {
  if (!files.length) return null;
  return multiple ? files : files[files.length - 1];
};

/** The hint under the drop zone: size and types taken. */
export const limitsHint = (limits: AttachmentLimits): Message => {
  const size = sizeText(maxBytesOf(limits));
  return limits.accept?.length ? { key: 'files.limitsTypes', params: { size, types: limits.accept.join(', ') } } : { key: 'files.limits', params: { size } };
};

/** Why a picked file cannot be attached, before it is sent (the server checks again). `count` is how many the field already holds or is receiving. */
export const pickProblem = (limits: AttachmentLimits, file: { name: string; type: string; size: number }, count: number): Message | undefined => {
  if (limits.multiple && count >= maxFilesOf(limits)) return { key: 'files.tooMany', params: { count: maxFilesOf(limits) } };
  if (file.size === 0) return { key: 'files.empty', params: { name: file.name } };
  const problem = fileProblem(limits, file);
  if (problem?.code === 'FILE_TOO_LARGE') return { key: 'files.tooLarge', params: { name: file.name, size: sizeText(maxBytesOf(limits)) } };
  if (problem?.code === 'FILE_TYPE_NOT_ALLOWED') return { key: 'files.wrongType', params: { name: file.name, types: problem.accept.join(', ') } };
  return undefined;
};
