import { hostname, userInfo } from 'node:os';
import type { Knex } from 'knex';
import { audit } from './audit.js';

/** Where an export was asked from: a request's client address, or the command line of this machine. */
export type ExportOrigin = { ip: string } | { cli: true };

export interface ExportEvent {
  tenantId: string;
  /** The person who asked (null: the command line, which acts as no one). */
  actorId: string | null;
  /** What went out: `records` (a list as CSV or Excel), `report`, `tenant` (an archive), `module` (a package). */
  what: 'records' | 'report' | 'tenant' | 'module';
  /** The entity, report, tenant slug or module name. */
  target: string;
  /** Rows (records, report rows, archive rows, demo records) the file holds. */
  rows: number;
  from: ExportOrigin;
  details?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command line's place: the machine and the operating-system user (never secret, always known). */
const commandLine = (): Record<string, string> => {
  let user = '';
  try {
    user = userInfo().username;
  } catch {
    user = '';
  }
  return { via: 'cli', host: hostname(), ...(user && { osUser: user }) };
};

/**
 * One `<what>.export` entry in the tenant's audit log: who, what, how many rows, from where
 * (`details.ip` for a request, `details.via: cli` with host and OS user for the command line).
 * The audit page lists every kind with the `.export` filter.
 */
export const auditExport = async (knex: Knex, e: ExportEvent): Promise<void> => {
  const from = 'ip' in e.from ? { via: 'http', ip: e.from.ip } : commandLine();
  await audit(knex, {
    tenantId: e.tenantId,
    actorId: e.actorId && UUID.test(e.actorId) ? e.actorId : null,
    action: `${e.what}.export`,
    target: e.target,
    details: { ...e.details, rows: e.rows, ...from },
  });
};
