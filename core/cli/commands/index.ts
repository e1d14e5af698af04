import type { Command } from 'commander';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerMigrate } from './migrate.js';
import { registerPlugin } from './plugin.js';
import { registerSecrets } from './secrets.js';
import { registerServe } from './serve.js';
import { registerServiceAccount } from './service-account.js';
import { registerSettings } from './settings.js';
import { registerTenant } from './tenant.js';
import { registerUser } from './user.js';
import { registerWorker } from './worker.js';

/** Every command of `crm`; each file registers one command (or one group) on the program. */
export const registerCommands = (program: Command): void => {
  for (const register of [registerServe, registerMigrate, registerTenant, registerPlugin, registerUser, registerServiceAccount, registerSettings, registerSecrets, registerImport, registerExport, registerWorker]) register(program);
};
