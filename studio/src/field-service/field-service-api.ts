import { api } from '../api/http.js';
import type { RecordData } from '../api/types.js';

/** A work order as the board and the engineer's day read it (`customer.name` joined in). */
export type WorkOrder = RecordData & {
  id: string;
  version: number;
  number: string;
  subject: string;
  status: 'new' | 'scheduled' | 'in_progress' | 'done' | 'cancelled';
  engineer?: string | null;
  scheduled_start?: string | null;
  scheduled_end?: string | null;
  'customer.name'?: string;
};

export interface BoardEngineer {
  id: string;
  name: string;
  territories?: string[] | null;
  skills: { skill: string; level: number }[];
}

export interface Board {
  from: string;
  days: number;
  timeZone: string;
  engineers: BoardEngineer[];
  orders: WorkOrder[];
  unassigned: WorkOrder[];
  unassignedTotal: number;
}

export interface EngineerDay {
  date: string;
  timeZone: string;
  engineer: { id: string; name: string } | null;
  orders: WorkOrder[];
  parts: (RecordData & { work_order: string; 'product.name'?: string; quantity: number })[];
}

export interface DispatchAnswer {
  record: WorkOrder;
  warnings: { code: 'OVERLAP' | 'OUTSIDE_WORKING_HOURS' }[];
}

const X = '/api/x/fieldservice';

export const loadBoard = (from: string, days: number): Promise<Board> => api.get<Board>(`${X}/board`, { from, days });
export const loadEngineerDay = (): Promise<EngineerDay> => api.get<EngineerDay>(`${X}/my-day`);

/** Assigns a work order (the record action `dispatch`); `allowOverlap` accepts an overlap the server reported. */
export const dispatchOrder = (id: string, engineer: string, start: string, end: string, allowOverlap = false): Promise<DispatchAnswer> =>
  api.post<DispatchAnswer>(`/api/records/work_order/${encodeURIComponent(id)}/actions/dispatch`, { engineer, scheduled_start: start, scheduled_end: end, allow_overlap: allowOverlap });
