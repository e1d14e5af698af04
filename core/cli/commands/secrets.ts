import type { Command } from 'commander';
import { badRequest } from '../../errors.js';
import { rekeySecrets, secretsKeyStatus } from '../../security/index.js';
import { withDatabase } from '../open-db.js';

const counts = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([what, n]) => `${n} ${what}(s)`)
    .join(', ') || 'none';

/**
 * `crm secrets status`: which key seals the stored script and two-factor secrets (by key id);
 * `crm secrets rekey`: seals them again with CRM_SECRETS_KEY after a change of key (the old
 * key in CRM_SECRETS_OLD_KEYS until then).
 */
export const registerSecrets = (program: Command): void => {
  const secrets = program.command('secrets').description("the key that encrypts the tenants' script and two-factor secrets at rest");
  secrets
    .command('status')
    .description('print the current key id and how many stored values each key id seals')
    .action(() =>
      withDatabase(async (db) => {
        const s = await secretsKeyStatus(db.knex);
        console.log(`current key id: ${s.currentKeyId}`);
        for (const v of s.values) console.log(`${v.what}: ${v.count} sealed with ${v.keyId === 'clear' ? 'no key (stored in the clear)' : v.keyId === s.currentKeyId ? `${v.keyId} (current)` : v.keyId}`);
      }),
    );
  secrets
    .command('rekey')
    .description('seal every stored secret again with CRM_SECRETS_KEY (the former key in CRM_SECRETS_OLD_KEYS)')
    .action(() =>
      withDatabase(async (db) => {
        const r = await rekeySecrets(db.knex);
        console.log(`sealed again with key ${r.currentKeyId}: ${counts(r.resealed)}`);
        if (Object.keys(r.unreadable).length) {
          throw badRequest(`${counts(r.unreadable)} could not be opened with any key this server has (CRM_SECRETS_KEY, CRM_SECRETS_OLD_KEYS): add the key that sealed them to CRM_SECRETS_OLD_KEYS and run it again, or enter those secrets again`);
        }
      }),
    );
};
