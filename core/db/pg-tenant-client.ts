import type { Knex } from 'knex';
// knex ships these as CommonJS without type declarations; their shape is what knex documents for custom clients.
// @ts-expect-error no declaration file
import ClientPg from 'knex/lib/dialects/postgres/index.js';
// @ts-expect-error no declaration file
import TransactionPg from 'knex/lib/dialects/postgres/execution/pg-transaction.js';
import { inlineBindings } from './inline-bindings.js';
import { isGateClosedError, TenantGateClosed } from './tenant-gate.js';

/**
 * tenantSetup: one statement sent with BEGIN. deferTenantSetup: send BEGIN and the set-up
 * with the transaction's first statement instead (the set-up must then fail, not yield
 * nothing, when the way in is refused: see failingGateSql).
 */
export interface TenantTransactionConfig {
  tenantSetup?: string;
  deferTenantSetup?: boolean;
  /** With deferTenantSetup: the transaction is that one statement; COMMIT travels with it, and nothing may follow. */
  commitWithFirst?: boolean;
}

interface TransactionInternals {
  outerTx: unknown;
  tenantSetup?: string;
  deferTenantSetup?: boolean;
  commitWithFirst?: boolean;
  query(conn: unknown, sql: string): Promise<unknown>;
}

/** What a connection carries between BEGIN and the transaction's first statement. */
interface TenantConnection {
  /** `BEGIN; <set-up>`, not sent yet. */
  pendingTenantSetup?: string;
  /** The gate refused this transaction: only ROLLBACK may follow. */
  tenantGateClosed?: boolean;
  /** COMMIT is to travel with the first statement. */
  commitWithFirst?: boolean;
  /** The one statement and its COMMIT ran: no statement may follow (COMMIT and ROLLBACK are answered here). */
  tenantCommitted?: boolean;
}

interface QueryObject {
  sql: string;
  bindings?: unknown[];
  options?: unknown;
  response?: unknown;
}

/**
 * A transaction that sends its tenant set-up (SET LOCAL ROLE and search_path, as one
 * `select set_config(…)`) together with BEGIN, in one simple-protocol round trip — or,
 * deferred, together with BEGIN and its first statement.
 * Savepoints (nested transactions) and transactions without a set-up behave as usual.
 */
class TenantTransaction extends (TransactionPg as new (...args: unknown[]) => object) {
  constructor(client: unknown, container: unknown, config: TenantTransactionConfig | undefined, outerTx: unknown) {
    super(client, container, config, outerTx);
    // Read by begin(), which runs once a connection is acquired (after this constructor).
    (this as unknown as TransactionInternals).tenantSetup = config?.tenantSetup;
    (this as unknown as TransactionInternals).deferTenantSetup = config?.deferTenantSetup;
    (this as unknown as TransactionInternals).commitWithFirst = config?.commitWithFirst;
  }

  begin(conn: unknown): Promise<unknown> {
    const self = this as unknown as TransactionInternals;
    const setup = self.tenantSetup;
    if (setup && !self.outerTx) {
      if (!self.deferTenantSetup) return self.query(conn, `BEGIN; ${setup}`);
      (conn as TenantConnection).pendingTenantSetup = `BEGIN; ${setup}`;
      (conn as TenantConnection).commitWithFirst = self.commitWithFirst;
      return Promise.resolve();
    }
    return (TransactionPg.prototype.begin as (c: unknown) => Promise<unknown>).call(this, conn);
  }
}

const lastResult = (response: unknown): unknown => (Array.isArray(response) ? response[response.length - 1] : response);
const ENDS = /^\s*(COMMIT|ROLLBACK)\b/i;

/**
 * knex's pg client with TenantTransaction: a tenant request costs one or two round trips
 * less; a one-statement one (a read) can cost a single round trip: BEGIN, set-up (or
 * gate), the statement and COMMIT in one message.
 */
export class PgTenantClient extends (ClientPg as new (config: Knex.Config) => object) {
  /** withTenant checks this before passing the set-up to BEGIN. */
  readonly tenantSetupInBegin = true;

  transaction(container: unknown, config: TenantTransactionConfig | undefined, outerTx: unknown): unknown {
    return new TenantTransaction(this, container, config, outerTx);
  }

  private send(connection: unknown, sql: string): Promise<QueryObject> {
    return (ClientPg.prototype._query as (c: unknown, o: QueryObject) => Promise<QueryObject>).call(this, connection, { sql, bindings: [] });
  }

  /** Sends a message that starts with the pending set-up; a refused gate closes the transaction (rolled back at once when nothing else will). */
  private async withSetup(connection: TenantConnection, sql: string, ends: boolean): Promise<QueryObject> {
    try {
      return await this.send(connection, sql);
    } catch (e) {
      if (ends) await this.send(connection, 'ROLLBACK').catch(() => undefined); // cleanup only: the first error is the one that counts
      if (!isGateClosedError(e)) throw e;
      connection.tenantGateClosed = !ends;
      throw new TenantGateClosed();
    }
  }

  async _query(connection: TenantConnection, obj: QueryObject): Promise<QueryObject> {
    const ends = ENDS.exec(obj.sql)?.[1]?.toUpperCase();
    if (connection.tenantCommitted) {
      if (!ends) throw new Error('This tenant transaction was declared to be one statement and has committed; run further statements in a transaction of their own');
      obj.response = { command: ends, rows: [], rowCount: null };
      return obj;
    }
    if (connection.tenantGateClosed) {
      if (ends === 'ROLLBACK') {
        connection.tenantGateClosed = false;
        return this.send(connection, obj.sql);
      }
      if (ends) {
        connection.tenantGateClosed = false;
        await this.send(connection, 'ROLLBACK');
      }
      throw new TenantGateClosed();
    }
    const pending = connection.pendingTenantSetup;
    if (!pending) return (ClientPg.prototype._query as (c: unknown, o: QueryObject) => Promise<QueryObject>).call(this, connection, obj);
    connection.pendingTenantSetup = undefined;
    // Query options (rowMode…) apply to one statement of the extended protocol: such a query goes on its own.
    const inlined = obj.options && Object.keys(obj.options).length ? undefined : inlineBindings(obj.sql, obj.bindings ?? []);
    if (inlined === undefined) {
      connection.commitWithFirst = false;
      await this.withSetup(connection, pending, false);
      return (ClientPg.prototype._query as (c: unknown, o: QueryObject) => Promise<QueryObject>).call(this, connection, obj);
    }
    const commit = connection.commitWithFirst && !ends;
    connection.commitWithFirst = false;
    const answer = await this.withSetup(connection, `${pending}; ${inlined}${commit ? '; COMMIT' : ''}`, Boolean(ends));
    const results = answer.response as unknown[];
    obj.response = commit ? results[results.length - 2] : lastResult(results);
    if (commit) connection.tenantCommitted = true;
    return obj;
  }

  _stream(connection: TenantConnection, obj: QueryObject, stream: unknown, options: unknown): Promise<unknown> {
    const pending = connection.pendingTenantSetup;
    const run = (): Promise<unknown> => (ClientPg.prototype._stream as (...a: unknown[]) => Promise<unknown>).call(this, connection, obj, stream, options);
    if (!pending && !connection.tenantGateClosed) return run();
    if (connection.tenantGateClosed) return Promise.reject(new TenantGateClosed());
    connection.pendingTenantSetup = undefined;
    connection.commitWithFirst = false;
    return this.withSetup(connection, pending!, false).then(run);
  }

  releaseConnection(connection: TenantConnection): Promise<unknown> {
    connection.pendingTenantSetup = undefined;
    connection.tenantGateClosed = false;
    connection.commitWithFirst = false;
    connection.tenantCommitted = false;
    return (ClientPg.prototype.releaseConnection as (c: unknown) => Promise<unknown>).call(this, connection);
  }
}
