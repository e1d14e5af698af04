import { api } from '../api/http.js';
import type { RecordData } from '../api/types.js';

/** The warranty lookup's answer (GET /api/x/service/warranty/:serial). */
export interface WarrantyAnswer {
  serial: string;
  status: string;
  product: { id: string; name: string | null } | null;
  customer: { id: string; name: string | null } | null;
  order: { id: string; code: string; orderDate: string | null } | null;
  shippedOn: string | null;
  contract: (RecordData & { id: string; title: string; kind: string; start_date: string; end_date: string }) | null;
  contracts: (RecordData & { id: string; title: string; kind: string; start_date: string; end_date: string })[];
  inWarranty: boolean;
  today: string;
  timeZone: string;
}

/** Looks a serial number up: its product, customer, shipment and covering service contract. */
export const lookUpWarranty = (serial: string): Promise<WarrantyAnswer> => api.get<WarrantyAnswer>(`/api/x/service/warranty/${encodeURIComponent(serial.trim())}`);

/** The warranty of what a service case names (GET /api/x/service/cases/:id/warranty): its unit, else its product, else nothing. */
export type CaseWarranty =
  | ({ kind: 'unit' } & WarrantyAnswer)
  | ({ kind: 'product' } & Pick<WarrantyAnswer, 'contract' | 'contracts' | 'inWarranty' | 'today' | 'timeZone'> & { product: { id: string; name: string | null }; customer: { id: string; name: string | null } })
  | { kind: 'none' };

/** The warranty of a service case's unit or product. */
export const caseWarranty = (id: string): Promise<CaseWarranty> => api.get<CaseWarranty>(`/api/x/service/cases/${encodeURIComponent(id)}/warranty`);

/** A calendar date (YYYY-MM-DD) in the reader's language. */
export const dateText = (date: string | null | undefined, locale: string): string =>
  date ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '—';
