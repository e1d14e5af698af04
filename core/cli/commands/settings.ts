import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getTenant } from '../../tenants/tenant-store.js';
import { readTenantSettings, saveTenantSettings } from '../../tenants/tenant-settings.js';
import { withDatabase } from '../open-db.js';

/** `name=value`: the value as JSON when it reads as JSON (4, true, {…}), `@file.json` a file's JSON, else the text. */
export const parseAssignment = (arg: string): [string, unknown] => {
  const eq = arg.indexOf('=');
  if (eq < 1) throw new Error(`expected name=value, got "${arg}"`);
  const name = arg.slice(0, eq);
  const raw = arg.slice(eq + 1);
  if (raw.startsWith('@')) return [name, JSON.parse(readFileSync(raw.slice(1), 'utf8'))];
  try {
    return [name, JSON.parse(raw)];
  } catch {
    return [name, raw];
  }
};

/** `crm settings get <tenant>`, `crm settings set <tenant> name=value … [--file settings.json]`. */
export const registerSettings = (program: Command): void => {
  const settings = program.command('settings').description("a tenant's settings: time zone, currency, locale, week start, fiscal year, business calendar");
  settings
    .command('get <tenant>')
    .description('print the settings as JSON')
    .action((slug: string) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, slug);
        console.log(JSON.stringify(await readTenantSettings(db.knex, t), null, 2));
      }),
    );
  settings
    .command('set <tenant> [assignments...]')
    .description('change settings: timeZone=Asia/Shanghai currency=CNY fiscalYearStart=4 businessCalendar=@calendar.json')
    .option('--file <file>', 'a JSON document of settings to apply first')
    .action((slug: string, assignments: string[], o: { file?: string }) =>
      withDatabase(async (db) => {
        const t = await getTenant(db.knex, slug);
        const input: Record<string, unknown> = o.file ? JSON.parse(readFileSync(o.file, 'utf8')) : {};
        for (const a of assignments) {
          const [name, value] = parseAssignment(a);
          input[name] = value;
        }
        const saved = await saveTenantSettings(db.knex, t, { id: 'cli', isAdmin: true }, input);
        console.log(`saved the settings of ${t.slug} (version ${saved.version}): ${saved.timeZone}, ${saved.currency}, ${saved.locale}`);
      }),
    );
};
