import { createEventHub, type EventHub } from '../events/index.js';
import Koa from 'koa';
import compress from 'koa-compress';
import helmet from 'koa-helmet';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { RateLimitConfig } from '../security/index.js';
import { authenticate } from './middleware/authenticate.js';
import { corsForOrigins } from './middleware/cors.js';
import { errorsAndLogging } from './middleware/errors.js';
import { jsonBody } from './middleware/json-body.js';
import { jsonResponse } from './middleware/json-response.js';
import { PUBLIC_PREFIX, rateLimit } from './middleware/rate-limit.js';
import { publicSwitch } from './middleware/public-switch.js';
import { requestMetrics } from './middleware/request-metrics.js';
import { startedReadiness, type Readiness } from './readiness.js';
import { authRoutes } from './routes/auth.js';
import { oidcRoutes } from './routes/oidc.js';
import { secretRoutes } from './routes/secrets.js';
import { docsRoutes } from './routes/docs.js';
import { eventRoutes, EVENT_STREAMS_PER_USER } from './routes/events.js';
import { fileRoutes } from './routes/files.js';
import { healthRoutes, probeRoutes } from './routes/health.js';
import { mailRoutes } from './routes/mail.js';
import { metricsRoutes } from './routes/metrics.js';
import { publicMailRoutes } from './routes/public-mail.js';
import { metaRoutes } from './routes/meta.js';
import { pluginRoutes } from './routes/plugins.js';
import { publicFormRoutes } from './routes/public-forms.js';
import { publicAccessRoutes } from './routes/public-access.js';
import { portalRoutes } from './routes/portal.js';
import { portalUserRoutes } from './routes/portal-users.js';
import { recordBatchRoutes } from './routes/record-batch.js';
import { recordRoutes } from './routes/records.js';
import { recordShareRoutes } from './routes/record-shares.js';
import { recordDuplicateRoutes } from './routes/record-duplicates.js';
import { reportRoutes } from './routes/reports.js';
import { homeRoutes } from './routes/home.js';
import { savedViewRoutes } from './routes/saved-views.js';
import { serviceAccountRoutes } from './routes/service-accounts.js';
import { settingsRoutes } from './routes/settings.js';
import { twoFactorRoutes } from './routes/two-factor.js';
import { syncRoutes } from './routes/sync.js';
import { tenantLocaleFrom } from '../tenants/tenant-settings.js';
import { studioRoutes } from './routes/studio.js';
import { moduleRoutes } from './routes/modules.js';
import { transferRoutes } from './routes/transfer.js';
import { userRoutes } from './routes/users.js';
import { sessionRoutes } from './routes/sessions.js';
import { recycleBinRoutes } from './routes/recycle-bin.js';
import { auditRoutes } from './routes/audit.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workflowRoutes } from './routes/workflows.js';
import { acceptsRememberedSignIn } from './remembered-sign-in.js';
import type { TenantLocale } from './request-locale.js';
import { serveStudio } from './static-studio.js';
import type { MailServer } from '../mail/index.js';
import { servicesFromEnv } from '../workflow/index.js';

export interface AppConfig {
  /** Always mark cookies Secure (behind a TLS-terminating proxy). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* (behind a proxy). */
  trustProxy?: boolean;
  maxJsonBytes?: number;
  /** Origins allowed to call the API from a browser (CRM_CORS_ORIGINS); none by default. */
  corsOrigins?: string[];
  /** Bearer token for GET /api/metrics (CRM_METRICS_TOKEN); unset = loopback callers only. */
  metricsToken?: string;
  /** Requests per minute per API key, per tenant (its keys together) and per address on /api/public (CRM_RATE_LIMIT_*); 0 = off. */
  rateLimits?: Partial<RateLimitConfig>;
  /** Where outgoing mail of bulk sends goes (CRM_SMTP_URL, CRM_MAIL_FROM); unset: bulk mail is refused (503). */
  mail?: MailServer;
  /** The server's public origin for links in mail (CRM_PUBLIC_URL); default: the request's origin. */
  publicUrl?: string;
  /** Private hosts or CIDRs a webhook subscription's URL may name (CRM_WEBHOOK_ALLOW by default), as outbound webhook steps may. */
  webhookAllow?: string[];
}

const PUBLIC = new Set(['/api/health', '/api/auth/login', '/api/auth/2fa/verify', '/api/auth/password-reset', '/api/auth/password-reset/confirm', '/api/docs', '/api/docs/init.js']);
/** The portal's routes authenticate portal users themselves (their own sessions); staff credentials never apply there. */
const PORTAL_PREFIX = '/api/portal/';
/** Single sign-on: the offer, the way to the provider and back; the callback makes the session. */
const OIDC_PREFIX = '/api/auth/oidc/';
/** Paths without staff sign-in: health, sign-in, the API docs, the tenants' public endpoints (web forms, plugins' public routes) and the portal. */
const isPublic = (path: string): boolean => PUBLIC.has(path) || path.startsWith(OIDC_PREFIX) || path.startsWith('/api/docs/') || path.startsWith(PUBLIC_PREFIX) || path.startsWith(PORTAL_PREFIX);

/**
 * The Koa application: one error boundary, security headers, JSON bodies with limits,
 * authentication for every /api route but the public ones, rate limits (API keys, public
 * routes), the routers, then the app.
 */
export const createApp = (deps: { db: Db; log: Logger; config?: AppConfig; ready?: () => boolean; readiness?: Readiness; tenantLocale?: TenantLocale; events?: EventHub }): Koa => {
  const { db, log, config = {} } = deps;
  const events = deps.events ?? createEventHub(db, { perUser: EVENT_STREAMS_PER_USER, onError: (e) => log.error({ error: (e as Error).message }, 'live events') });
  const knex = db.knex;
  const app = new Koa({ proxy: config.trustProxy ?? false });
  app.silent = true;
  app.use(requestMetrics);
  app.use(errorsAndLogging(log, deps.tenantLocale ?? tenantLocaleFrom(knex)));
  app.use(corsForOrigins(config.corsOrigins ?? []));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"] },
      },
    }),
  );
  app.use(compress({ threshold: 2048 }));
  app.use(jsonResponse);
  app.use(healthRoutes(deps.ready ?? (() => true)).routes());
  app.use(probeRoutes(knex, deps.readiness ?? startedReadiness()).routes());
  app.use(metricsRoutes(db, config.metricsToken).routes());
  app.use(workflowRoutes(knex));
  app.use(publicMailRoutes(knex).routes());
  app.use(jsonBody({ maxBytes: config.maxJsonBytes }));
  const routers = [
    twoFactorRoutes(knex, { secureCookies: config.secureCookies ?? false }),
    authRoutes(knex, { secureCookies: config.secureCookies ?? false, publicUrl: config.publicUrl }),
    oidcRoutes(knex, { secureCookies: config.secureCookies ?? false, publicUrl: config.publicUrl }),
    docsRoutes(knex),
    eventRoutes(knex, events),
    metaRoutes(knex),
    homeRoutes(knex),
    transferRoutes(knex),
    recordBatchRoutes(knex),
    recordShareRoutes(knex),
    recordDuplicateRoutes(knex),
    recordRoutes(knex),
    reportRoutes(knex),
    fileRoutes(knex),
    savedViewRoutes(knex),
    settingsRoutes(knex),
    syncRoutes(knex),
    moduleRoutes(knex),
    studioRoutes(knex),
    userRoutes(knex),
    sessionRoutes(knex),
    recycleBinRoutes(knex),
    auditRoutes(knex),
    secretRoutes(knex),
    serviceAccountRoutes(knex),
    webhookRoutes(knex, { allow: config.webhookAllow ?? servicesFromEnv().webhookAllow ?? [] }),
    pluginRoutes(knex),
    mailRoutes(knex, { mail: config.mail, publicUrl: config.publicUrl }),
    publicFormRoutes(knex),
    publicAccessRoutes(knex),
    portalUserRoutes(knex),
    portalRoutes(knex, { secureCookies: config.secureCookies ?? false }),
  ];
  const signIn = authenticate(knex, acceptsRememberedSignIn(routers));
  app.use(async (ctx, next) => (ctx.path.startsWith('/api/') && !isPublic(ctx.path) ? signIn(ctx, next) : next()));
  app.use(rateLimit(knex, config.rateLimits));
  app.use(publicSwitch(knex));
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(serveStudio());
  return app;
};
