import type { Knex } from 'knex';
import { enterTenant, leaveTenant, type Tenant } from '../tenant.js';
import * as s001 from './001-core-tables.js';
import * as s002 from './002-counter-log.js';
import * as s003 from './003-files.js';
import * as s004 from './004-saved-views.js';
import * as s005 from './005-workflow-tables.js';
import * as s006 from './006-plugin-documents.js';
import * as s007 from './007-file-attachments.js';
import * as s008 from './008-step-measures.js';
import * as s009 from './009-idempotency-keys.js';
import * as s010 from './010-webhooks.js';
import * as s011 from './011-settings-and-business-time.js';
import * as s012 from './012-mail.js';
import * as s013 from './013-live-events.js';
import * as s014 from './014-record-changes.js';
import * as s015 from './015-record-shares.js';
import * as s016 from './016-busy-slots.js';
import * as s017 from './017-user-managers.js';
import * as s018 from './018-run-heartbeats.js';
import * as s019 from './019-history-commit-order.js';
import * as s020 from './020-approval-delegation.js';
import * as s021 from './021-recent-views.js';
import * as s022 from './022-mail-bulk-index.js';
import * as s023 from './023-share-lookup-indexes.js';
import type { TenantSchemaStep } from './step.js';

export type { TenantSchemaStep } from './step.js';

/** Every rung, in order. Append only; never edit a shipped rung (add one that changes it). */
export const TENANT_SCHEMA_LADDER: readonly TenantSchemaStep[] = [s001, s002, s003, s004, s005, s006, s007, s008, s009, s010, s011, s012, s013, s014, s015, s016, s017, s018, s019, s020, s021, s022, s023];

/** The version a tenant has once every rung ran. */
export const LATEST_TENANT_SCHEMA = TENANT_SCHEMA_LADDER[TENANT_SCHEMA_LADDER.length - 1].version;

/** The rungs a tenant at `version` still needs. */
export const pendingSteps = (version: number): TenantSchemaStep[] => TENANT_SCHEMA_LADDER.filter((s) => s.version > version);

/**
 * Climbs the tenant from `version` to the top of the ladder in the caller's transaction:
 * takes the tenant's role and search_path, runs each pending rung's `up`, and takes the
 * engine's role back. Recording the new version is the caller's (core/tenants), in the
 * same transaction. Returns the rungs it ran.
 */
export const climbTenantSchema = async (trx: Knex.Transaction, tenant: Pick<Tenant, 'role' | 'schema'>, version: number): Promise<TenantSchemaStep[]> => {
  const steps = pendingSteps(version);
  if (!steps.length) return steps;
  await enterTenant(trx, tenant);
  for (const step of steps) await step.up(trx);
  await leaveTenant(trx);
  return steps;
};
