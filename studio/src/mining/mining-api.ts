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

/** The caller's latest run of a kind (with its result), or undefined. */
export const latestRun = async (kind: MiningKind): Promise<MiningRun | undefined> => (await api.get<{ data: MiningRun[] }>(BASE, { kind })).data[0];
export const startRun = (kind: MiningKind, params: Record<string, number>): Promise<MiningRun> => api.post<MiningRun>(BASE, { kind, ...params });
