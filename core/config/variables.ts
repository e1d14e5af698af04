/**
 * Every environment variable the engine reads, declared once: a JSON Schema property each,
 * with its type, default and meaning (`description`, which the README's table repeats). A
 * secret is marked `writeOnly`, so a message about it never shows its value. To add a
 * setting, add a property here, a row to the README's table and a line to `.env.example`
 * (a test checks the three agree).
 */
export const CONFIG_VARIABLES = {
  PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000, description: 'port of `crm serve` and `npm start` (`--port` wins)' },
  DATABASE_URL: {
    type: 'string',
    pattern: '^postgres(ql)?://',
    writeOnly: true,
    examples: ['postgres://crm:secret@127.0.0.1:5432/crm'],
    description: 'PostgreSQL connection string; unset: the embedded PGlite database in CRM_DATA_DIR',
  },
  CRM_DATA_DIR: { type: 'string', default: './data', description: "the embedded database's data directory (without DATABASE_URL)" },
  CRM_PLUGINS_DIR: { type: 'string', description: 'folder the plugins are discovered in; unset: the plugins shipped with the engine' },
  CRM_DEMO_PASSWORD: { type: 'string', minLength: 8, writeOnly: true, description: "password of the demo tenant's users made by `npm start` on its first start; unset: generated" },
  LOG_LEVEL: {
    type: 'string',
    enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    description: 'level of the JSON log lines; unset: `info` (`npm start`: `warn`)',
  },
  NODE_ENV: { type: 'string', description: '`production` writes plain JSON log lines even in a terminal' },
  CRM_DEBUG: { type: 'boolean', default: false, description: 'print the stack of an unexpected failure of a command (`1`)' },
  TRUST_PROXY: { type: 'boolean', default: false, description: 'trust `X-Forwarded-*` from the reverse proxy in front (client address, https) (`1`)' },
  CRM_CORS_ORIGINS: {
    type: 'string',
    pattern: '^\\s*[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s,/]+/?\\s*(,\\s*[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s,/]+/?\\s*)*$',
    examples: ['https://a.example,https://b.example'],
    description: 'comma-separated origins allowed to call the API from a browser (bearer tokens and API keys; cookie writes stay same-origin); unset: none',
  },
  CRM_METRICS_TOKEN: {
    type: 'string',
    writeOnly: true,
    description: '`GET /api/metrics` answers only `Authorization: Bearer <token>`; unset: only callers on this machine that no proxy forwarded',
  },
  CRM_SECRETS_KEY: {
    type: 'string',
    pattern: '^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$',
    writeOnly: true,
    description: "the 32-byte key (64 hex digits or base64) that encrypts, with AES-256-GCM, the tenants' script secrets and two-factor (TOTP) secrets; unset: a key made on first use and kept in the database, which is fine for a demo but no protection if the database leaks: set it in production, where a server or worker refuses to start without it (the same key on every process; moving a tenant to another install needs the same key; to change it see CRM_SECRETS_OLD_KEYS)",
  },
  CRM_SECRETS_OLD_KEYS: {
    type: 'string',
    pattern: '^\\s*([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)\\s*(,\\s*([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)\\s*)*$',
    writeOnly: true,
    description: 'former values of CRM_SECRETS_KEY (comma-separated): they still open the secrets they sealed until `crm secrets rekey` seals them again with the current key; then drop them; unset: none',
  },
  CRM_RATE_LIMIT_PER_KEY: { type: 'integer', minimum: 0, maximum: 1000000, default: 600, description: 'requests a minute one API key may make (`0`: off); over it 429 with `Retry-After`' },
  CRM_RATE_LIMIT_PER_TENANT: { type: 'integer', minimum: 0, maximum: 1000000, default: 3000, description: 'requests a minute all API keys of one tenant may make together (`0`: off); sessions are not counted' },
  CRM_RATE_LIMIT_PER_ADDRESS: { type: 'integer', minimum: 0, maximum: 1000000, default: 60, description: 'requests a minute one client address may make to the anonymous routes `/api/public/<tenant>/…` (`0`: off)' },
  CRM_TENANT_CACHE_SIZE: {
    type: 'integer',
    minimum: 1,
    maximum: 1000000,
    default: 500,
    description: 'tenants a process keeps the metadata, settings and plugin runtime of in memory; past it the least recently used are dropped and read again when next used',
  },
  CRM_LIMITS: {
    type: 'string',
    pattern: '^\\s*[a-zA-Z]+\\s*=\\s*[0-9]+\\s*(,\\s*[a-zA-Z]+\\s*=\\s*[0-9]+\\s*)*$',
    examples: ['fieldsPerEntity=300,rowsPerImport=50000'],
    description: 'published limits to change (`name=value`, comma-separated; names and defaults in docs/limits.md); unset: the defaults',
  },
  CRM_DRAIN_SECONDS: { type: 'number', minimum: 0, maximum: 300, default: 0, description: 'on SIGTERM, answer 503 on `/api/health/ready` for this long before closing the listener' },
  CRM_SMTP_URL: {
    type: 'string',
    pattern: '^smtps?://',
    writeOnly: true,
    examples: ['smtp://user:secret@mail.example:587'],
    description: "SMTP server of the workflows' e-mail steps; unset: e-mail steps fail",
  },
  CRM_MAIL_FROM: { type: 'string', default: 'crm@localhost', description: 'sender address of workflow e-mail' },
  CRM_PUBLIC_URL: {
    type: 'string',
    pattern: '^https?://',
    examples: ['https://crm.example.com'],
    description: "the server's public origin, the base of links in e-mail (unsubscribe); unset: the request's own origin",
  },
  CRM_SMTP_INBOUND_PORT: { type: 'integer', minimum: 0, maximum: 65535, description: 'port of the inbound SMTP listener that stores mail sent to tenant mailboxes; unset: no listener' },
  CRM_SMTP_INBOUND_HOST: { type: 'string', description: 'address the inbound SMTP listener binds to; unset: all addresses' },
  CRM_SMTP_INBOUND_MAX_BYTES: { type: 'integer', minimum: 1024, maximum: 104857600, description: 'largest inbound message in bytes (SMTP SIZE; over it: 552); unset: 10 MB' },
  CRM_SMTP_INBOUND_HOURLY: { type: 'integer', minimum: 1, maximum: 1000000, description: 'inbound messages one tenant may receive an hour (over it: 452); unset: 500' },
  CRM_SMTP_INBOUND_DOMAIN: { type: 'string', examples: ['mail.crm.example'], description: 'take only mail to `<mailbox>@<tenant>.<domain>`; unset: any domain whose first label is a tenant' },
  CRM_WEBHOOK_ALLOW: {
    type: 'string',
    examples: ['10.0.0.0/8,hooks.internal'],
    description: 'comma-separated hosts or CIDRs that webhook steps may reach although private; unset: public addresses only',
  },
  CRM_WORKFLOW_LEASE_SECONDS: {
    type: 'integer',
    minimum: 10,
    maximum: 3600,
    default: 30,
    description: "how long a worker holds a workflow run without renewing it; a run whose worker died is taken over by another worker after it",
  },
  CRM_WORKFLOW_HEARTBEAT_SECONDS: {
    type: 'integer',
    minimum: 1,
    maximum: 1800,
    default: 10,
    description: 'how often a worker renews the leases of the runs it holds (and sweeps runs whose lease ran out); at most half the lease',
  },
  CRM_WORKFLOW_CONCURRENCY: { type: 'integer', minimum: 1, maximum: 64, description: "workflow runs one process advances at once (`crm worker --concurrency` wins); unset: 4, 2 on the embedded database" },
  CRM_SCRIPT_CPU_MS_PER_MINUTE: { type: 'integer', minimum: 1, default: 60000, description: "each tenant's script CPU milliseconds per sliding minute, per process" },
  CRM_SCRIPT_HOST_CALLS_PER_MINUTE: { type: 'integer', minimum: 1, default: 6000, description: "each tenant's script host calls per sliding minute, per process" },
} as const satisfies Record<string, Variable>;

/** What a variable may declare (JSON Schema keywords ajv knows). */
export interface Variable {
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  default?: string | number | boolean;
  enum?: readonly string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  writeOnly?: boolean;
  examples?: readonly string[];
}

type Declared = typeof CONFIG_VARIABLES;

type ValueOf<V> = V extends { enum: readonly (infer E)[] } ? E : V extends { type: 'boolean' } ? boolean : V extends { type: 'integer' | 'number' } ? number : string;

/** The settings, typed: a variable with a default always has a value, the others may be unset. */
export type Config = { readonly [K in keyof Declared]: Declared[K] extends { default: unknown } ? ValueOf<Declared[K]> : ValueOf<Declared[K]> | undefined };

export type ConfigName = keyof Declared;
