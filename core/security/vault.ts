import type { Knex } from 'knex';
import { invalidInput, problem, type FieldProblem } from '../errors.js';
import { seal, unseal } from './at-rest.js';
import { audit } from './audit.js';
import { SECRET_NAME, SECRET_VALUE_MAX as MAX_VALUE } from './secret-rules.js';

export { SECRET_NAME };

const TABLE = 'crm_system.tenant_secrets';

/** A secret as any answer shows it: its name and when and by whom it was last set, never its value. */
export interface SecretSummary {
  name: string;
  updatedAt: string;
  updatedBy: string | null;
}

export const listSecrets = async (knex: Knex, tenantId: string): Promise<SecretSummary[]> =>
  (await knex(TABLE).where({ tenant_id: tenantId }).orderBy('name').select('name', 'updated_at', 'updated_by')).map((r) => ({
    name: r.name,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by ?? null,
  }));

/** Sets (adds or replaces) a secret, sealed with the install's key; audited without its value. */
export const putSecret = async (knex: Knex, input: { tenantId: string; name: string; value: unknown; byId?: string }): Promise<SecretSummary> => {
  const problems: FieldProblem[] = [];
  if (!SECRET_NAME.test(input.name)) problems.push({ field: 'name', message: 'must start with a letter and hold letters, digits and _ (at most 64)' });
  if (typeof input.value !== 'string' || input.value === '' || input.value.length > MAX_VALUE) problems.push({ field: 'value', message: `is required (text of at most ${MAX_VALUE} characters)` });
  if (problems.length) throw invalidInput('The secret is not valid', problems);
  const sealed = await seal(knex, input.value as string);
  const byId = input.byId && /^[0-9a-f-]{36}$/i.test(input.byId) ? input.byId : null;
  const [row] = await knex(TABLE)
    .insert({ tenant_id: input.tenantId, name: input.name, sealed, updated_at: knex.fn.now(), updated_by: byId })
    .onConflict(['tenant_id', 'name'])
    .merge()
    .returning(['name', 'updated_at', 'updated_by']);
  await audit(knex, { tenantId: input.tenantId, actorId: byId, action: 'secret.set', target: input.name });
  return { name: row.name, updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by ?? null };
};

export const deleteSecret = async (knex: Knex, input: { tenantId: string; name: string; byId?: string }): Promise<void> => {
  const gone = await knex(TABLE).where({ tenant_id: input.tenantId, name: input.name }).delete().returning('name');
  if (!gone.length) throw problem('SECRET_NOT_FOUND', { name: input.name });
  const byId = input.byId && /^[0-9a-f-]{36}$/i.test(input.byId) ? input.byId : null;
  await audit(knex, { tenantId: input.tenantId, actorId: byId, action: 'secret.delete', target: input.name });
};

/** The values of the named secrets in the clear (for a script or webhook step; never for an answer). A missing one is 404 SECRET_NOT_FOUND. */
export const readSecrets = async (knex: Knex, tenantId: string, names: string[]): Promise<Record<string, string>> => {
  const wanted = [...new Set(names)];
  if (!wanted.length) return {};
  const rows: { name: string; sealed: string }[] = await knex(TABLE).where({ tenant_id: tenantId }).whereIn('name', wanted).select('name', 'sealed');
  const found = new Map(rows.map((r) => [r.name, r.sealed]));
  const missing = wanted.find((n) => !found.has(n));
  if (missing) throw problem('SECRET_NOT_FOUND', { name: missing });
  return Object.fromEntries(await Promise.all(wanted.map(async (n) => [n, await unseal(knex, found.get(n)!)] as const)));
};

/** Text with every given secret value replaced by a mask (for journals, outputs and log lines). */
export const maskSecretValues = <T>(value: T, secrets: string[], mask = '••••••••'): T => {
  const values = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  if (!values.length) return value;
  const maskText = (t: string) => values.reduce((acc, s) => acc.split(s).join(mask), t);
  const walk = (v: unknown): unknown => (typeof v === 'string' ? maskText(v) : Array.isArray(v) ? v.map(walk) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v);
  return walk(value) as T;
};
