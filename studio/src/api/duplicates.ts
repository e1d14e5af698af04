import { api } from './http.js';
import type { RecordData } from './types.js';

/** A rule that matched: the field and its kind of match. */
export interface DuplicateMatch {
  field: string;
  match: 'phone' | 'email' | 'similar' | 'exact';
}

export interface DuplicateCandidate {
  record: RecordData;
  matched: DuplicateMatch[];
  score: number;
}

export interface DuplicatePair {
  a: RecordData;
  b: RecordData;
  matched: DuplicateMatch[];
  score: number;
}

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;

/** Records that may be duplicates of a draft (POST /api/records/:entity/duplicates). */
export const findDuplicates = async (entity: string, values: RecordData, exclude?: string): Promise<DuplicateCandidate[]> =>
  (await api.post<{ data: DuplicateCandidate[] }>(`${base(entity)}/duplicates`, { values, ...(exclude && { exclude }) })).data;

/** A page of pairs to review (GET /api/records/:entity/duplicates/pairs). */
export const duplicatePairs = (entity: string, offset = 0, limit = 25): Promise<{ data: DuplicatePair[]; nextOffset: number | null }> =>
  api.get(`${base(entity)}/duplicates/pairs`, { offset: String(offset), limit: String(limit) });

export interface MergeResult {
  record: RecordData;
  repointed: { entity: string; field: string; count: number }[];
}

/** Merges `other` into `survivor` with the chosen values (versions checked: 409 when either changed). */
export const mergeRecords = (entity: string, survivor: RecordData, other: RecordData, values: RecordData): Promise<MergeResult> =>
  api.post<MergeResult>(`${base(entity)}/${encodeURIComponent(String(survivor.id))}/merge`, { otherId: other.id, otherVersion: other.version, values }, { 'If-Match': String(survivor.version) });

/** Undoes the merge that moved record `id` to the recycle bin. */
export const undoMerge = (entity: string, id: string): Promise<{ record: RecordData; survivor: RecordData }> =>
  api.post(`${base(entity)}/${encodeURIComponent(id)}/unmerge`, {});
