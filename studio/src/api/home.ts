import { currentLocale } from '../i18n/index.js';
import { api } from './http.js';
import type { RecordData } from './types.js';

type Label = { en: string; 'zh-CN': string };

/** A home tile as GET /api/home answers it. */
export interface HomeTile {
  name: string;
  label: Label;
  empty?: Label;
  source: 'records' | 'approvals';
  show: 'list' | 'count' | 'group';
  entity?: string;
  filter?: unknown;
  titleField?: string;
  fields?: string[];
  count: number;
  records?: RecordData[];
  groups?: { value: unknown; count: number; sum?: number | null }[];
  groupBy?: string;
  sum?: string;
}

export interface HomeAnswer {
  today: string;
  tiles: HomeTile[];
}

/** The records of one entity a search found. */
export interface SearchGroup {
  entity: string;
  more: boolean;
  records: { id: string; title: string | null; detail: string | null }[];
}

export const homeTiles = (): Promise<HomeAnswer> => api.get<HomeAnswer>('/api/home');

export const searchEverywhere = (q: string): Promise<{ q: string; groups: SearchGroup[] }> => api.get('/api/search', { q, locale: currentLocale() });

/** A record the user opened lately, as GET /api/recent answers it. */
export interface RecentRecord {
  entity: string;
  id: string;
  title: string | null;
  detail: string | null;
  viewedAt: string;
}

export const recentRecords = (limit = 8): Promise<RecentRecord[]> => api.get<{ data: RecentRecord[] }>('/api/recent', { limit: String(limit), locale: currentLocale() }).then((r) => r.data);

/** Notes that the user opened a record; a failure (offline, the record gone) is of no consequence. */
export const noteRecentView = (entity: string, id: string): Promise<void> => api.post<void>('/api/recent', { entity, id }).then(() => undefined, () => undefined);
