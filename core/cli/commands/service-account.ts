import type { Command } from 'commander';
import { getTenant } from '../../tenants/tenant-store.js';
import { createServiceAccount, issueServiceAccountKey, listServiceAccounts, revokeServiceAccountKey, updateServiceAccount, type ServiceAccount } from '../../security/index.js';
import { withDatabase } from '../open-db.js';

const list = (v: string | undefined) => v?.split(',').map((s) => s.trim()).filter(Boolean);
/** `all`, `none` (read only) or entity names, comma-separated. */
const writeScopeOf = (v: string | undefined) => (v === undefined || v === 'all' || v === 'none' ? v : list(v));
const line = (a: ServiceAccount) =>
  `${a.name}\t${a.id}\troles ${a.roles.join(',') || '(none)'}\twrites ${Array.isArray(a.writeScope) ? a.writeScope.join(',') : a.writeScope}\t${a.expiresAt ? `expires ${a.expiresAt}` : 'no expiry'}${a.expired ? ' (expired)' : ''}${a.active ? '' : '\tdisabled'}`;

/** The account of that name (or id) in the tenant. */
const accountOf = async (accounts: ServiceAccount[], which: string): Promise<ServiceAccount> => {
  const found = accounts.find((a) => a.id === which || a.name.toLowerCase() === which.toLowerCase());
  if (!found) throw new Error(`no service account ${which}`);
  return found;
};

/**
 * `crm service-account create|list|update|disable|key-issue|key-revoke --tenant <slug> …`:
 * identities for integrations, with roles, a write scope and an expiry; a key is printed once.
 */
export const registerServiceAccount = (program: Command): void => {
  const cmd = program.command('service-account').description('service accounts of a tenant (machine identities) and their API keys');
  cmd
    .command('create')
    .description('add a service account')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--name <name>', 'name (shown in history)')
    .option('--roles <list>', 'role names, comma-separated')
    .option('--team <team>', 'team name')
    .option('--writes <scope>', '"all" (default), "none" (read only) or entity names, comma-separated')
    .option('--expires <when>', 'expiry, ISO 8601 (e.g. 2027-06-30T00:00:00Z)')
    .action((o: { tenant: string; name: string; roles?: string; team?: string; writes?: string; expires?: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        const account: Record<string, unknown> = { name: o.name, roles: list(o.roles) ?? [] };
        if (o.team) account.team = o.team;
        if (o.writes !== undefined) account.writeScope = writeScopeOf(o.writes);
        if (o.expires) account.expiresAt = o.expires;
        const a = await createServiceAccount({ tenantId: t.id, account }, { knex: db.knex });
        console.log(`created service account ${line(a)}`);
      }),
    );
  cmd
    .command('list')
    .description('list the service accounts of a tenant')
    .requiredOption('--tenant <slug>', 'tenant')
    .action((o: { tenant: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        for (const a of await listServiceAccounts({ tenantId: t.id }, { knex: db.knex })) console.log(line(a));
      }),
    );
  cmd
    .command('update')
    .description('change a service account: roles, write scope, expiry, enabled')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--account <name>', 'the account (name or id)')
    .option('--roles <list>', 'role names, comma-separated (empty: none)')
    .option('--writes <scope>', '"all", "none" or entity names, comma-separated')
    .option('--expires <when>', 'expiry, ISO 8601, or "never"')
    .option('--disable', 'its keys stop working')
    .option('--enable', 'its keys work again')
    .action((o: { tenant: string; account: string; roles?: string; writes?: string; expires?: string; disable?: boolean; enable?: boolean }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        const a = await accountOf(await listServiceAccounts({ tenantId: t.id }, { knex: db.knex }), o.account);
        const changes: Record<string, unknown> = {};
        if (o.roles !== undefined) changes.roles = list(o.roles);
        if (o.writes !== undefined) changes.writeScope = writeScopeOf(o.writes);
        if (o.expires !== undefined) changes.expiresAt = o.expires === 'never' ? null : o.expires;
        if (o.disable || o.enable) changes.active = Boolean(o.enable && !o.disable);
        console.log(`updated ${line(await updateServiceAccount({ tenantId: t.id, id: a.id, changes }, { knex: db.knex }))}`);
      }),
    );
  cmd
    .command('key-issue')
    .description('issue an API key for a service account (printed once)')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--account <name>', 'the account (name or id)')
    .option('--name <name>', 'what the key is for')
    .action((o: { tenant: string; account: string; name?: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        const a = await accountOf(await listServiceAccounts({ tenantId: t.id }, { knex: db.knex }), o.account);
        const issued = await issueServiceAccountKey({ tenantId: t.id, accountId: a.id, name: o.name }, { knex: db.knex });
        console.log(`key ${issued.id} for ${a.name} (shown once; send it as Authorization: Bearer <key> or X-API-Key: <key>):`);
        console.log(issued.key);
      }),
    );
  cmd
    .command('key-revoke')
    .description('revoke an API key of a service account')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption('--account <name>', 'the account (name or id)')
    .requiredOption('--key <id>', 'the key id')
    .action((o: { tenant: string; account: string; key: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, o.tenant);
        const a = await accountOf(await listServiceAccounts({ tenantId: t.id }, { knex: db.knex }), o.account);
        await revokeServiceAccountKey({ tenantId: t.id, accountId: a.id, keyId: o.key }, { knex: db.knex });
        console.log(`revoked key ${o.key} of ${a.name}`);
      }),
    );
};
