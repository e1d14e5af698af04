import { api } from './http.js';
import type { Label } from './types.js';

/** One document part that reads or writes a field (GET /api/studio/entities/:entity/fields/:field/dependants). */
export interface FieldDependant {
  kind: 'entity' | 'form' | 'view' | 'lifecycle' | 'workflow' | 'role' | 'report' | 'dashboard' | 'dictionary' | 'email_template' | 'home_tile';
  name: string;
  entity?: string;
  label?: Label;
  usage: string;
  access: 'read' | 'write';
  item?: string;
}

/** Everything in the published metadata that uses the field. */
export const fieldDependants = async (entity: string, field: string): Promise<FieldDependant[]> =>
  (await api.get<{ data: FieldDependant[] }>(`/api/studio/entities/${encodeURIComponent(entity)}/fields/${encodeURIComponent(field)}/dependants`)).data;
