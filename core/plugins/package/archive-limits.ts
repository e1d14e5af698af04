/** What an uploaded plugin package may weigh: the archive as sent, unpacked, and how many files it holds. */
export const PLUGIN_ARCHIVE_LIMITS = {
  /** The archive as uploaded (bytes). */
  compressedBytes: 5 * 1024 * 1024,
  /** Every file unpacked, together (bytes); counted while unpacking, not trusted from the archive's headers. */
  unpackedBytes: 20 * 1024 * 1024,
  /** Files and folders in the archive. */
  entries: 1000,
} as const;

export const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
