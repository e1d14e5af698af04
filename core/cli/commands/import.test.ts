import { describe, expect, it } from 'vitest';
import { buildProgram } from '../run-cli.js';

describe('crm import options', () => {
  it('offers --duplicates report|skip|merge and refuses another value (usage error)', async () => {
    const errors: string[] = [];
    const program = buildProgram((s) => void errors.push(s), () => undefined);
    const command = program.commands.find((c) => c.name() === 'import');
    expect(command?.options.find((o) => o.long === '--duplicates')?.argChoices).toEqual(['report', 'skip', 'merge']);
    await expect(program.parseAsync(['import', 'customer', 'x.csv', '--tenant', 't', '--duplicates', 'keep'], { from: 'user' })).rejects.toMatchObject({ code: 'commander.invalidArgument' });
    expect(errors.join('\n')).toContain("Allowed choices are report, skip, merge");
  });
});
