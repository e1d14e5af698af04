import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { config, isConfigError } from '../config/index.js';
import { isAppError } from '../errors.js';
import { registerCommands } from './commands/index.js';

/** Exit codes: 0 done, 1 refused (bad input, conflict, not found), 2 usage, 70 unexpected failure. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failure: 70 } as const;

/** The engine's version, from package.json. */
export const engineVersion = (): string => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const buildProgram = (err: (s: string) => void = (s) => process.stderr.write(s), out: (s: string) => void = (s) => process.stdout.write(s)): Command => {
  const program = new Command('crm')
    .description('CRM engine command line')
    .version(engineVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => err(s.trimEnd()), writeOut: out });
  registerCommands(program);
  return program;
};

/** CRM_DEBUG: print the stack of an unexpected failure (false while the configuration itself is invalid). */
export const debugging = (): boolean => {
  try {
    return config().CRM_DEBUG;
  } catch {
    return false;
  }
};

/** Parses argv and runs one command; prints errors as one clear line, never a stack for user mistakes. */
export const runCli = async (
  argv: string[],
  io: { err: (s: string) => void; out?: (s: string) => void } = { err: (s) => process.stderr.write(`${s}\n`) },
): Promise<number> => {
  try {
    config(); // every setting is checked before any command runs
    await buildProgram(io.err, io.out).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (isConfigError(e)) {
      io.err('error: invalid configuration (see .env.example)');
      for (const p of e.problems) io.err(`  ${p.name} ${p.message}`);
      return EXIT.refused;
    }
    if (isAppError(e)) {
      io.err(`error: ${e.message}`);
      for (const p of e.details.errors ?? []) io.err(`  ${p.field || '(input)'}: ${p.message}`);
      return EXIT.refused;
    }
    io.err(`error: ${(e as Error).message ?? String(e)}`);
    if (debugging()) io.err((e as Error).stack ?? '');
    return EXIT.failure;
  }
};
