/** `npm run crm -- <command>`: see `npm run crm -- --help`. */
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
