import { readFileSync } from 'node:fs';
import { createRecord, listRecords, notFound, problem, type BeforeHook, type PluginRecordContext, type RecordData, type RouteRecords } from '../../../core/index.js';
import { menuProblems, type IvrMenu } from '../ivr/menu.js';
import { CALLCENTER_PROBLEMS } from './problems.js';

const english = (code: string, params: Record<string, string>) => (CALLCENTER_PROBLEMS[code]?.en ?? code).replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

/** The menus the plugin ships (plugins/callcenter/ivr/<name>.json). */
export const SHIPPED_MENUS = ['main_menu'] as const;

/** A shipped menu document by name, or null. */
export const shippedMenu = (name: string): IvrMenu | null =>
  (SHIPPED_MENUS as readonly string[]).includes(name) ? (JSON.parse(readFileSync(new URL(`../ivr/${name}.json`, import.meta.url), 'utf8')) as IvrMenu) : null;

const menuOf = (row: RecordData): IvrMenu => ({ ...(row.definition as IvrMenu), name: String(row.name) });

/**
 * The menu `name` as the tenant runs it: its own active `ivr_menu` record (read as `records`
 * may), else the shipped document of that name; 404 when neither exists.
 */
export const tenantMenu = async (name: string, records: RouteRecords): Promise<IvrMenu> => {
  const row = (await records.list('ivr_menu', { filter: { '==': [{ var: 'name' }, name] }, limit: 1 })).data[0];
  if (row && row.active !== false) return menuOf(row);
  const shipped = shippedMenu(name);
  if (!shipped) throw notFound(`There is no IVR menu ${name}`);
  return shipped;
};

/** One menu the tenant can edit: its own record (id, version) or a shipped document not yet copied. */
export interface MenuSummary {
  name: string;
  label: { en: string; 'zh-CN': string } | string;
  active: boolean;
  id: string | null;
  version: number | null;
  shipped: boolean;
}

/** The tenant's menus (as `records` may read them) and the shipped ones it has no record of. */
export const listMenus = async (records: RouteRecords): Promise<{ data: MenuSummary[] }> => {
  const rows = (await records.list('ivr_menu', { sort: 'name', limit: 200, fields: ['id', 'version', 'name', 'label', 'definition', 'active'] })).data;
  const own = rows.map((r): MenuSummary => {
    const label = (r.definition as Partial<IvrMenu> | null)?.label;
    return { name: String(r.name), label: label?.en && label['zh-CN'] ? label : String(r.label), active: r.active !== false, id: String(r.id), version: Number(r.version), shipped: SHIPPED_MENUS.includes(String(r.name) as never) };
  });
  const shipped = SHIPPED_MENUS.filter((n) => !own.some((m) => m.name === n)).map((n): MenuSummary => ({ name: n, label: shippedMenu(n)!.label, active: true, id: null, version: null, shipped: true }));
  return { data: [...own, ...shipped] };
};

/**
 * Refuses a menu document the menu check (ivr/menu.ts) finds a problem in: the first problem
 * is the refusal (422, its node named, in the reader's language), every one of them a field
 * error at its place under `prefix`.
 */
export const refuseFaultyMenu = (doc: unknown, prefix: string): void => {
  const found = menuProblems(doc);
  if (!found.length) return;
  const errors = found.map((p) => ({ field: `${prefix}${p.pointer}`, message: english(p.code, p.params), code: p.code }));
  throw problem(found[0].code, found[0].params, { errors });
};

/** Checks the menu of an `ivr_menu` record on every save. */
export const checkIvrMenu: BeforeHook = (event) => {
  if ('definition' in event.data) refuseFaultyMenu(event.data.definition, 'definition');
};

/** On install: the shipped menus as the tenant's own records, to edit from there (an upgrade never writes over them). */
export const seedIvrMenus = async (ctx: PluginRecordContext): Promise<Record<string, number>> => {
  let n = 0;
  for (const name of SHIPPED_MENUS) {
    if ((await listRecords('ivr_menu', { filter: { '==': [{ var: 'name' }, name] }, limit: 1 }, ctx)).data.length) continue;
    const menu = shippedMenu(name)!;
    await createRecord('ivr_menu', { name, label: menu.label['zh-CN'], definition: menu, active: true }, ctx);
    n += 1;
  }
  return { ivr_menu: n };
};
