import { api } from '../api/http.js';
import { createRecord, getRecord, listRecords, updateRecord } from '../api/records.js';
import type { IvrMenuDoc, LocalText } from './ivr-graph.js';

const X = '/api/x/callcenter';

/** A menu the tenant can edit: its own record (`id`, `version`), or a shipped menu not yet saved as the tenant's. */
export interface MenuSummary {
  name: string;
  label: LocalText | string;
  active: boolean;
  id: string | null;
  version: number | null;
  shipped: boolean;
}

/** Where a dry-run caller ended, the nodes they went through and the menu keys pressed. */
export interface DryRunAnswer {
  result: { end: 'queue' | 'hangup' | 'caller_hung_up'; queue?: string; path: string[]; keys: string[] };
  prompts: string[];
}

export const listMenus = async (): Promise<MenuSummary[]> => (await api.get<{ data: MenuSummary[] }>(`${X}/ivr/menus`)).data;

/** The menu to edit: the tenant's record (with its version for the save), else the shipped document (saved as a new record). */
export const loadMenu = async (name: string): Promise<{ doc: IvrMenuDoc | null; id: string | null; version: number | null }> => {
  const found = (await listMenus()).find((m) => m.name === name);
  if (!found) return { doc: null, id: null, version: null };
  if (!found.id) return { doc: await api.get<IvrMenuDoc>(`${X}/ivr/menus/${encodeURIComponent(name)}`), id: null, version: null };
  const row = await getRecord('ivr_menu', found.id);
  return { doc: { ...(row.definition as IvrMenuDoc), name }, id: found.id, version: Number(row.version) };
};

/** Saves the menu as the tenant's record (the server checks it: 422 naming the node; 409 when someone saved meanwhile); answers the new version. */
export const saveMenu = async (doc: IvrMenuDoc, title: string, at: { id: string | null; version: number | null }): Promise<{ id: string; version: number }> => {
  const row = at.id ? await updateRecord('ivr_menu', at.id, at.version ?? 0, { definition: doc, label: title }) : await createRecord('ivr_menu', { name: doc.name, label: title, definition: doc, active: true });
  return { id: String(row.id), version: Number(row.version) };
};

/** A dry run of the draft menu for scripted keys, in `locale`. */
export const dryRunMenu = (doc: IvrMenuDoc, digits: string[], locale: string): Promise<DryRunAnswer> =>
  api.post<DryRunAnswer>(`${X}/ivr/menus/${encodeURIComponent(doc.name)}/dry-run`, { digits, locale, menu: doc });

/** The tenant's queues (name → label) for queue nodes. */
export const listQueues = async (): Promise<{ name: string; label: string }[]> =>
  (await listRecords('call_queue', { fields: ['name', 'label'], limit: 200, sort: 'name' })).data.map((q) => ({ name: String(q.name), label: String(q.label ?? q.name) }));
