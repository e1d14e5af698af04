import type { Knex } from 'knex';
import { withTenant, type Tenant } from '../db/tenant.js';
import { loadEffectiveMeta } from '../metadata/tenant-meta.js';
import type { DemoUser, EffectiveMeta } from '../metadata/types.js';
import { discoverPlugins, installedPlugins } from '../plugins/index.js';
import { createUser, findUserByEmail } from '../security/index.js';

export interface CreatedDemoUser {
  email: string;
  name: string;
  roles: string[];
}

/**
 * Shares out the demo records of `entity` among `owners` (only rows the seeding admin
 * owns). A record with a reference to an entity already shared out follows that record's
 * owner (a contact goes with its customer); the rest go round robin. An entity's owner field shows the owner.
 */
const shareOut = async (trx: Knex.Transaction, meta: EffectiveMeta, entity: string, owners: string[], done: Set<string>, adminId: string): Promise<void> => {
  const doc = meta.entities[entity];
  if (!doc) return;
  const parentRef = Object.entries(doc.fields ?? {}).find(([, f]) => f.type === 'reference' && done.has((f as { entity: string }).entity));
  if (parentRef) {
    const [column, field] = parentRef;
    await trx.raw(`update ?? as c set owner_id = p.owner_id from ?? as p where c.?? = p.id and c.owner_id = ?`, [entity, (field as { entity: string }).entity, column, adminId]);
  } else {
    await trx.raw(
      `update ?? as c set owner_id = (cast(? as uuid[]))[1 + (r.n % ?)]
       from (select id, row_number() over (order by id) as n from ?? where owner_id = ?) as r where c.id = r.id`,
      [entity, `{${owners.join(',')}}`, owners.length, entity, adminId],
    );
  }
  // An entity whose owner is a visible user field shows who owns each record there.
  if (doc.ownerField) await trx.raw(`update ?? set ?? = owner_id where ?? is distinct from owner_id`, [entity, doc.ownerField, doc.ownerField]);
  done.add(entity);
};

/**
 * The demo users the tenant's installed plugins declare (`demoUsers` in plugin.json):
 * e-mail `<login>@<tenant>.local` with the admin's password, their roles and team; then
 * the demo records of the entities they `own` are shared out among them.
 */
export const createDemoUsers = async (input: { tenant: Tenant; password: string; adminId: string }, ctx: { knex: Knex }): Promise<CreatedDemoUser[]> => {
  const installed = new Set((await installedPlugins(ctx.knex, input.tenant)).filter((p) => p.status === 'installed').map((p) => p.plugin));
  // A login several plugins declare is one user: the first name, every role and every `owns`.
  const byLogin = new Map<string, DemoUser>();
  for (const u of (await discoverPlugins()).filter((p) => installed.has(p.manifest.name)).flatMap((p) => p.manifest.demoUsers ?? [])) {
    const had = byLogin.get(u.login);
    byLogin.set(u.login, had ? { ...had, team: had.team ?? u.team, roles: [...new Set([...had.roles, ...u.roles])], owns: [...new Set([...(had.owns ?? []), ...(u.owns ?? [])])] } : u);
  }
  const declared = [...byLogin.values()];
  const created: CreatedDemoUser[] = [];
  const ownersOf = new Map<string, string[]>();
  for (const u of declared) {
    const email = `${u.login}@${input.tenant.slug}.local`;
    const user = (await findUserByEmail(input.tenant.id, email, ctx)) ?? (await createUser({ tenantId: input.tenant.id, email, password: input.password, name: u.name, roles: u.roles, team: u.team }, ctx));
    created.push({ email, name: u.name, roles: u.roles });
    for (const entity of u.owns ?? []) ownersOf.set(entity, [...(ownersOf.get(entity) ?? []), user.id]);
  }
  if (ownersOf.size) {
    const meta = await loadEffectiveMeta(ctx.knex, input.tenant);
    const done = new Set<string>();
    await withTenant(ctx.knex, input.tenant, async (trx) => {
      for (const [entity, owners] of ownersOf) await shareOut(trx, meta, entity, owners, done, input.adminId);
    });
  }
  return created;
};
