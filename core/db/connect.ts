import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock.js';
import { PgTenantClient } from './pg-tenant-client.js';
import { textParsers } from './type-parsers.js';

export type Backend = 'postgres' | 'pglite';

export interface DbConfig {
  /** postgres://… for a server; unset for embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; `memory` (or unset with no databaseUrl in tests) for in-memory. */
  dataDir?: string;
  /** Who holds a PGlite data directory (`server`, or the command), shown to a second opener. */
  holder?: string;
  poolMax?: number;
  /** An in-memory PGlite starts from this data directory (a PGlite dumpDataDir tarball) instead of an empty one. */
  loadDataDir?: Blob;
}

export interface Db {
  knex: Knex;
  backend: Backend;
  close(): Promise<void>;
  /**
   * Resolves once the database can take a connection. PGlite starts by compiling its WASM,
   * which on a busy machine can outlast the pool's 30 s limit for making a connection.
   */
  ready?(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball, which `loadDataDir` starts from. */
  dumpDataDir?(): Promise<Blob>;
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parse = textParsers[oid];
    if (parse && format !== 'binary') return parse;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const connectPostgres = (config: DbConfig): Db => {
  const knex = knexFactory({
    client: PgTenantClient as unknown as typeof knexFactory.Client,
    connection: { connectionString: config.databaseUrl, types: pgTypes, options: '-c TimeZone=UTC' } as Knex.PgConnectionConfig,
    pool: { min: 0, max: config.poolMax ?? 10 },
    acquireConnectionTimeout: 30_000,
  });
  return { knex, backend: 'postgres', close: () => knex.destroy() };
};

const connectPglite = (config: DbConfig): Db => {
  const inMemory = !config.dataDir || config.dataDir === 'memory';
  if (!inMemory) mkdirSync(config.dataDir!, { recursive: true });
  // One process per data directory: a second one would corrupt what PGlite holds in memory.
  const lock = inMemory ? undefined : lockDataDir(config.dataDir!, config.holder ?? 'command');
  const parsers = Object.fromEntries(Object.entries(textParsers).map(([oid, fn]) => [Number(oid), fn]));
  let pglite: PGlite;
  try {
    // One options object: PGlite ignores the second argument when the first is not a string.
    pglite = new PGlite({
      ...(inMemory ? {} : { dataDir: config.dataDir }),
      ...(inMemory && config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
      extensions: { pg_trgm },
      parsers,
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    acquireConnectionTimeout: 60_000,
  } as Knex.Config);
  return {
    knex,
    backend: 'pglite',
    ready: () => pglite.waitReady,
    dumpDataDir: () => pglite.dumpDataDir('none') as Promise<Blob>,
    close: async () => {
      try {
        await knex.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
};

/** Opens the engine's database: a pg pool when a URL is given, embedded PGlite otherwise. */
export const connect = (config: DbConfig): Db =>
  config.databaseUrl ? connectPostgres(config) : connectPglite(config);
