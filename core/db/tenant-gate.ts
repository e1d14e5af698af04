/**
 * A check made in the same statement that enters a tenant. `select` and `from` are the
 * select list and `FROM … WHERE …` of a query that yields one row when the caller may
 * enter. The SQL is the engine's own, its values written in as quoted literals (it travels
 * with BEGIN in one simple-protocol message, which has no parameters).
 */
export interface TenantGate {
  select: string;
  from: string;
}

/** The gate's check yielded no row: nothing ran inside the tenant and the transaction was rolled back. */
export class TenantGateClosed extends Error {
  constructor() {
    super('The tenant gate did not open');
    this.name = 'TenantGateClosed';
  }
}

const CLOSED = 'tenant gate closed';

/**
 * The gate as a statement that fails when its check yields no row: it always has one row,
 * whose role is the tenant's when the check passed and otherwise an integer cast of a
 * text that is not one (volatile, so only evaluated then) — the statement errors, and
 * nothing sent after it in the same message runs. Used when the gate travels ahead of
 * the transaction's first query.
 */
export const failingGateSql = (gate: TenantGate, roleLiteral: string, searchPathLiteral: string): string =>
  `select set_config('role', coalesce(_g._gate_role, cast(cast(cast('${CLOSED}' as text) || cast(cast(random() as integer) as text) as integer) as text)), true) as _tenant_role, ` +
  `set_config('search_path', ${searchPathLiteral}, true) as _tenant_path ` +
  `from (select 1) as _one left join (select ${gate.select}, cast(${roleLiteral} as text) as _gate_role from ${gate.from}) as _g on true`;

/** Whether an error is the failing gate's. */
export const isGateClosedError = (e: unknown): boolean =>
  (e as { code?: string })?.code === '22P02' && String((e as { message?: string }).message).includes(CLOSED);
