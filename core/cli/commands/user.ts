import type { Command } from 'commander';
import { getTenant } from '../../tenants/tenant-store.js';
import { createUser, findUserByEmail, listUsers, updateUser } from '../../security/index.js';
import { withDatabase } from '../open-db.js';

/** `crm user create --tenant <slug> --email … --password … --name … [--roles a,b] [--team t] [--admin]`, `crm user list`. */
export const registerUser = (program: Command): void => {
  const user = program.command('user').description('users of a tenant');
  user
    .command('create')
    .description('add a user to a tenant')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--email <email>', 'e-mail (the sign-in name)')
    .requiredOption('--password <password>', 'password')
    .requiredOption('--name <name>', 'display name')
    .option('--roles <list>', 'role names, comma-separated')
    .option('--team <team>', 'team name')
    .option('--locale <locale>', 'en or zh-CN')
    .option('--admin', 'tenant admin (studio, users, plugins)')
    .action((o: { tenant: string; email: string; password: string; name: string; roles?: string; team?: string; locale?: string; admin?: boolean }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        const roles = o.roles?.split(',').map((s) => s.trim()).filter(Boolean);
        const u = await createUser({ tenantId: t.id, email: o.email, password: o.password, name: o.name, roles, team: o.team, locale: o.locale, isAdmin: o.admin === true }, { knex: db.knex });
        console.log(`created user ${u.email} (${u.id}) in tenant ${t.slug}`);
      }),
    );
  user
    .command('update')
    .description('change a user: roles, team, admin flag, active, password')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--email <email>', 'the user to change')
    .option('--name <name>', 'display name')
    .option('--roles <list>', 'role names, comma-separated (empty: none)')
    .option('--team <team>', 'team name ("" for none)')
    .option('--admin', 'make a tenant admin')
    .option('--no-admin', 'no longer a tenant admin')
    .option('--active', 'allow signing in')
    .option('--inactive', 'refuse signing in and end the sessions')
    .option('--password <password>', 'a new password (ends the sessions)')
    .action((o: { tenant: string; email: string; name?: string; roles?: string; team?: string; admin?: boolean; active?: boolean; inactive?: boolean; password?: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        const u = await findUserByEmail(t.id, o.email, { knex: db.knex });
        if (!u) throw new Error(`no user ${o.email} in tenant ${o.tenant}`);
        const changes: Record<string, unknown> = {};
        if (o.name !== undefined) changes.name = o.name;
        if (o.roles !== undefined) changes.roles = o.roles.split(',').map((r) => r.trim()).filter(Boolean);
        if (o.team !== undefined) changes.team = o.team === '' ? null : o.team;
        if (o.admin !== undefined) changes.isAdmin = o.admin;
        if (o.active || o.inactive) changes.active = Boolean(o.active && !o.inactive);
        if (o.password !== undefined) changes.password = o.password;
        const saved = await updateUser({ tenantId: t.id, id: u.id, changes }, { knex: db.knex });
        console.log(`updated ${saved.email}: roles ${saved.roles.join(',') || '(none)'}, team ${saved.team ?? '(none)'}, ${saved.isAdmin ? 'admin, ' : ''}${saved.active ? 'active' : 'inactive'}`);
      }),
    );
  user
    .command('list')
    .description('list the users of a tenant')
    .requiredOption('--tenant <slug>', 'tenant')
    .action((o: { tenant: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        for (const u of await listUsers({ tenantId: t.id }, { knex: db.knex })) {
          console.log(`${u.email}\t${u.name}\t${u.isAdmin ? 'admin' : ''}\t${u.roles.join(',')}\t${u.active ? '' : 'inactive'}`);
        }
      }),
    );
};
