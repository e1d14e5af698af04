import type { Knex } from 'knex';

/**
 * Runs a script of several statements one by one (PGlite's extended protocol takes one
 * statement per query). Statements are separated by a semicolon at the end of a line.
 */
export const execScript = async (knex: Knex, script: string): Promise<void> => {
  for (const statement of script.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) {
    await knex.raw(statement);
  }
};
