import type { Knex } from 'knex';
// knex ships these as CommonJS without type declarations; their shape is what knex documents for custom clients.
// @ts-expect-error no declaration file
import ClientPg from 'knex/lib/dialects/postgres/index.js';
// @ts-expect-error no declaration file
import TransactionPg from 'knex/lib/dialects/postgres/execution/pg-transaction.js';

interface TransactionInternals {
  outerTx: unknown;
  tenantSetup?: string;
  onTenantSetup?: (res: unknown) => void;
  query(conn: unknown, sql: string): Promise<unknown>;
}

/** tenantSetup: one statement sent with BEGIN; onTenantSetup: receives the answer. */
interface TenantTransactionConfig {
  tenantSetup?: string;
  onTenantSetup?: (res: unknown) => void;
}

/**
 * A transaction that sends its tenant set-up (SET LOCAL ROLE and search_path, as one
 * `select set_config(…)`) together with BEGIN, in one simple-protocol round trip.
 * Savepoints (nested transactions) and transactions without a set-up behave as usual.
 */
class TenantTransaction extends (TransactionPg as new (...args: unknown[]) => object) {
  constructor(client: unknown, container: unknown, config: TenantTransactionConfig | undefined, outerTx: unknown) {
    super(client, container, config, outerTx);
    // Read by begin(), which runs once a connection is acquired (after this constructor).
    (this as unknown as TransactionInternals).tenantSetup = config?.tenantSetup;
    (this as unknown as TransactionInternals).onTenantSetup = config?.onTenantSetup;
  }

  begin(conn: unknown): Promise<unknown> {
    const self = this as unknown as TransactionInternals;
    const setup = self.tenantSetup;
    if (setup && !self.outerTx) {
      // The answer (BEGIN's, then the set-up's rows) goes to onTenantSetup before the transaction's function runs.
      return self.query(conn, `BEGIN; ${setup}`).then((res) => {
        self.onTenantSetup?.(res);
        return res;
      });
    }
    return (TransactionPg.prototype.begin as (c: unknown) => Promise<unknown>).call(this, conn);
  }
}

/** knex's pg client with TenantTransaction: a tenant request costs one round trip less. */
export class PgTenantClient extends (ClientPg as new (config: Knex.Config) => object) {
  /** withTenant checks this before passing the set-up to BEGIN. */
  readonly tenantSetupInBegin = true;
  transaction(container: unknown, config: TenantTransactionConfig | undefined, outerTx: unknown): unknown {
    return new TenantTransaction(this, container, config, outerTx);
  }
}
