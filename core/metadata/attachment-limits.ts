/**
 * The limits of an attachment field (browser-safe: the app checks a file before sending
 * it, the server again when it is stored for the field).
 */

/** The largest file the server stores, whatever the field says. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What the limits read from an attachment field's definition. */
export interface AttachmentLimits {
  multiple?: boolean;
  maxFiles?: number;
  maxSizeMb?: number;
  accept?: string[];
}

/** A file as the limits see it. */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

/** Why a file is refused: too large (with the limit in MB) or of a type not taken (with the types taken). */
export type FileProblem = { code: 'FILE_TOO_LARGE'; maxMb: number } | { code: 'FILE_TYPE_NOT_ALLOWED'; accept: string[] };

/** A size for people: "20 MB", "1.5 MB", "10 KB", "300 B". */
export const sizeText = (bytes: number): string => {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
};

/** The largest file of the field, in bytes. */
export const maxBytesOf = (limits: AttachmentLimits): number =>
  limits.maxSizeMb !== undefined && limits.maxSizeMb > 0 ? Math.min(MAX_FILE_BYTES, Math.floor(limits.maxSizeMb * 1024 * 1024)) : MAX_FILE_BYTES;

/** How many files the field holds. */
export const maxFilesOf = (limits: AttachmentLimits): number => (limits.multiple ? (limits.maxFiles ?? 100) : 1);

/** Whether a file matches one accepted type: an extension (".pdf"), a media type ("application/pdf") or a family ("image/*"). */
const matches = (file: FileFacts, accepted: string): boolean => {
  const a = accepted.trim().toLowerCase();
  if (a.startsWith('.')) return file.name.toLowerCase().endsWith(a);
  const type = file.type.split(';')[0].trim().toLowerCase();
  return a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : type === a;
};

/** The problem of a file for the field, or undefined when it is taken. */
export const fileProblem = (limits: AttachmentLimits, file: FileFacts): FileProblem | undefined => {
  const max = maxBytesOf(limits);
  if (file.size > max) return { code: 'FILE_TOO_LARGE', maxMb: Math.round((max / 1024 / 1024) * 10) / 10 };
  if (limits.accept?.length && !limits.accept.some((a) => matches(file, a))) return { code: 'FILE_TYPE_NOT_ALLOWED', accept: limits.accept };
  return undefined;
};

/** The `accept` attribute of a file input for the field. */
export const acceptAttribute = (limits: AttachmentLimits): string | undefined => (limits.accept?.length ? limits.accept.join(',') : undefined);
