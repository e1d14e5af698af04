import { api } from '../api/http.js';

export type MiningKind = 'rfm' | 'associations' | 'sequences';

export interface Named {
  id: string;
  name: string;
}

export interface RfmCustomer {
  customer: string;
  name: string;
  last: string;
  recencyDays: number;
  orders: number;
  spend: number;
  r: number;
  f: number;
  m: number;
  class: string;
  golden: boolean;
}

export interface MiningRun {
  id: string;
  kind: MiningKind;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number | null;
  error?: string | null;
  finished_at?: string | null;
  result?: {
    customers?: RfmCustomer[];
    classes?: Record<string, number>;
    golden?: number;
    total?: number;
    transactions?: number;
    rules?: { antecedent: Named[]; consequent: Named[]; support: number; confidence: number; lift: number; count: number }[];
    subjects?: number;
    patterns?: { steps: Named[]; count: number; support: number }[];
  } | null;
}

const BASE = '/api/x/sales/mining';

/** The caller's latest run of a kind (with its result), or undefined, and the latest company-wide (nightly) run of it without its result, or null. */
export const latestRuns = async (kind: MiningKind): Promise<{ mine?: MiningRun; nightly: MiningRun | null }> => {
  const answer = await api.get<{ data: MiningRun[]; nightly?: MiningRun | null }>(BASE, { kind });
  return { mine: answer.data[0], nightly: answer.nightly ?? null };
};
export const startRun = (kind: MiningKind, params: Record<string, number>): Promise<MiningRun> => api.post<MiningRun>(BASE, { kind, ...params });

export interface CrossSellSuggestion {
  product: Named;
  score: number;
  confidence: number;
  lift: number;
  because: Named[];
}

/** Products to offer a customer (or an opportunity's customer), from the latest stored rules the user may read. */
export const crossSell = (entity: string, id: string): Promise<{ rulesAsOf: string | null; suggestions: CrossSellSuggestion[] }> =>
  api.get(`/api/x/sales/cross-sell/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`);
