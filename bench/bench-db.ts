import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface BenchDatabase {
  name: string;
  /** Connection string of the new database. */
  url: string;
  /** Drops the database and the tenant roles of its install (roles live outside databases). */
  drop(): Promise<void>;
}

const withAdmin = async <T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

/** A fresh database `crm_bench_<random>` on the server named by serverUrl. */
export const createBenchDatabase = async (serverUrl: string): Promise<BenchDatabase> => {
  const name = `crm_bench_${randomBytes(5).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const installId = await withAdmin(url.toString(), async (c) => {
        const { rows } = await c.query<{ value: string }>(`select value #>> '{}' as value from crm_system.settings where key = 'install_id'`);
        return rows[0]?.value;
      }).catch(() => undefined);
      await withAdmin(serverUrl, async (c) => {
        await c.query(`drop database if exists ${name} with (force)`);
        if (!installId || !/^[0-9a-f]+$/.test(installId)) return;
        const roles = await c.query<{ rolname: string }>(`select rolname from pg_roles where rolname like $1`, [`crm\\_${installId}\\_%`]);
        for (const r of roles.rows) await c.query(`drop role if exists "${r.rolname.replace(/"/g, '""')}"`);
      });
    },
  };
};
