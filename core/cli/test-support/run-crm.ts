import { vi } from 'vitest';
import { runCli } from '../run-cli.js';

/** Runs one `crm` command in-process and captures what it prints: its exit code, standard output and error lines. */
export const runCrm = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    const code = await runCli(argv, { err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
  }
};
