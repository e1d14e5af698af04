import type { Knex } from 'knex';
// knex ships these as CommonJS without type declarations; their shape is what knex documents for custom clients.
// @ts-expect-error no declaration file
import ClientPg from 'knex/lib/dialects/postgres/index.js';
// @ts-expect-error no declaration file
import TransactionPg from 'knex/lib/dialects/postgres/execution/pg-transaction.js';

interface TransactionInternals {
  outerTx: unknown;
  tenantSetup?: string;
  query(conn: unknown, sql: string): Promise<unknown>;
}

/**
 * A transaction that sends its tenant set-up (SET LOCAL ROLE and search_path, as one
 * `select set_config(…)`) together with BEGIN, in one simple-protocol round trip.
 * Savepoints (nested transactions) and transactions without a set-up behave as usual.
 */
class TenantTransaction extends (TransactionPg as new (...args: unknown[]) => object) {
  constructor(client: unknown, container: unknown, config: { tenantSetup?: string } | undefined, outerTx: unknown) {
    super(client, container, config, outerTx);
    // Read by begin(), which runs once a connection is acquired (after this constructor).
    (this as unknown as TransactionInternals).tenantSetup = config?.tenantSetup;
  }

  begin(conn: unknown): Promise<unknown> {
    const self = this as unknown as TransactionInternals;
    const setup = self.tenantSetup;
    if (setup && !self.outerTx) return self.query(conn, `BEGIN; ${setup}`);
    return (TransactionPg.prototype.begin as (c: unknown) => Promise<unknown>).call(this, conn);
  }
}

/** knex's pg client with TenantTransaction: a tenant request costs one round trip less. */
export class PgTenantClient extends (ClientPg as new (config: Knex.Config) => object) {
  /** withTenant checks this before passing the set-up to BEGIN. */
  readonly tenantSetupInBegin = true;
  transaction(container: unknown, config: { tenantSetup?: string } | undefined, outerTx: unknown): unknown {
    return new TenantTransaction(this, container, config, outerTx);
  }
}
