import type { HistoryEntry } from '../api/types.js';
import { getVersion } from './studio-api.js';
import { diffSnapshots, type DocumentDiff } from './version-diff.js';

/** What the draft layer changed since the last publish (history newest first), document by document. */
export const changesSincePublish = async (history: HistoryEntry[]): Promise<{ diffs: DocumentDiff[]; published: boolean }> => {
  const latest = history[0];
  const lastPublished = history.find((h) => h.publishedAt);
  if (!latest || latest === lastPublished) return { diffs: [], published: Boolean(lastPublished) };
  const [now, then] = await Promise.all([getVersion(latest.version), lastPublished ? getVersion(lastPublished.version) : undefined]);
  return { diffs: diffSnapshots(then?.snapshot ?? [], now.snapshot), published: Boolean(lastPublished) };
};
