import type { Command } from 'commander';
import { getTenant } from '../../db/tenant.js';
import { createUser, listUsers } from '../../security/index.js';
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
