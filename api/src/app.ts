import { timingSafeEqual } from 'node:crypto';
import type { Database } from '@ozg/db';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { apiDocs } from './lib/api-docs';
import { sessionMiddleware } from './lib/auth';
import { errorBody, handleError } from './lib/errors';
import { figureCache } from './lib/http-cache';
import {
  createLoadGate,
  DEFAULT_EMBEDDED_LIMITS,
  defaultServerLimits,
  type LoadLimits,
  loadGate,
} from './lib/load-gate';
import { type Logger, silentLogger } from './lib/logger';
import { createMetrics, type Metrics } from './lib/metrics';
import { markWrites } from './lib/replica';
import { type AppBindings, createRouter, type Lifecycle } from './lib/router';
import { authRouter } from './routes/auth/auth.index';
import { catalogRouter } from './routes/catalog/catalog.index';
import { checkRouter } from './routes/check/check.index';
import { consultingRouter } from './routes/consulting/consulting.index';
import { datahubRouter } from './routes/datahub/datahub.index';
import { freshnessRouter } from './routes/freshness/freshness.index';
import { healthRouter } from './routes/health/health.index';
import { importsRouter } from './routes/imports/imports.index';
import { keyDatesRouter } from './routes/key-dates/key-dates.index';
import { linksRouter } from './routes/links/links.index';
import { maturityRouter } from './routes/maturity/maturity.index';
import { profileRouter } from './routes/profile/profile.index';
import { progressRouter } from './routes/progress/progress.index';
import { regionsRouter } from './routes/regions/regions.index';
import { searchRouter } from './routes/search/search.index';
import { statusesRouter } from './routes/statuses/statuses.index';
import { usageRouter } from './routes/usage/usage.index';
import { usersRouter } from './routes/users/users.index';
import { SESSION_COOKIE } from './services/auth';

/** Enough for a CSV of every service of a municipality with long notes. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Uploads of official files (/imports/…): the GV100AD of all Germany is 3.5 MB, VG250 Kreise unsimplified about 30 MB. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The documented 404 of a path that names no route. */
const unknownPath = (c: Context) =>
  c.json(errorBody('not_found', `Unbekannter Pfad: ${c.req.method} ${c.req.path}`), 404);

export const API_TITLE = 'OZG-Umsetzungsdashboard API';

export type AppOptions = {
  /** Built web app to serve beside the API (production). */
  web?: Hono;
  /** Cookies only over TLS (set when a TLS-terminating proxy is in front). */
  secureCookies?: boolean;
  /** Take the client address for rate limiting from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The request log; silent when not given. */
  logger?: Logger;
  /** Shared with a separate metrics listener; created for the app when not given. */
  metrics?: Metrics;
  /** Bearer token for GET /metrics on this app; without it /metrics is not served here. */
  metricsToken?: string;
  lifecycle?: Lifecycle;
  /** The bounded queue in front of the embedded database (decision 028). */
  embeddedLimits?: LoadLimits;
  /** The same on a PostgreSQL server; by default one place per connection of the pool (decision 028). */
  serverLimits?: LoadLimits;
};

export type { Lifecycle };

/** The REST API under /api/v1, its OpenAPI document and interactive docs. */
export function createApi(database: Database, options: AppOptions = {}) {
  const base = createRouter();
  const metrics = options.metrics ?? createMetrics(database);
  const lifecycle = options.lifecycle ?? { draining: false };
  base.use(async (c, next) => {
    c.set('database', database);
    c.set('metrics', metrics);
    c.set('lifecycle', lifecycle);
    await next();
  });
  // Before anything that reads the database (the session, the figure cache): a refused or abandoned
  // request costs no query. PGlite has one connection; on a server the places are the pool's connections.
  const limits =
    database.kind === 'pglite'
      ? (options.embeddedLimits ?? DEFAULT_EMBEDDED_LIMITS)
      : (options.serverLimits ?? defaultServerLimits(database));
  base.use(loadGate(createLoadGate(limits), database));
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(
          errorBody('payload_too_large', `Die Anfrage ist größer als ${maxSize / 1024 / 1024} MB.`),
          413,
        ),
    });
  const defaultLimit = limitTo(MAX_BODY_BYTES);
  const importLimit = limitTo(MAX_IMPORT_BYTES);
  base.use((c, next) =>
    c.req.path.startsWith('/api/v1/imports/') ? importLimit(c, next) : defaultLimit(c, next),
  );
  base.use(sessionMiddleware);
  base.use(markWrites({ secureCookies: options.secureCookies ?? false }));
  // ETag, 304 and a per-instance cache for the public figures, checked against the data version (decision 023).
  base.use(figureCache());
  base.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'Sitzungs-Cookie aus POST /auth/login; Schreibzugriffe zusätzlich mit Header X-CSRF-Token. ' +
      'Andere Programme senden denselben Token stattdessen als „Authorization: Bearer …“ (ohne CSRF-Token); ' +
      'die Herkunft im Änderungsprotokoll ist dann „api“ statt „ui“.',
  });
  const api = base
    .route('/', healthRouter)
    .route(
      '/',
      authRouter({ secureCookies: options.secureCookies ?? false, trustProxy: options.trustProxy ?? false }),
    )
    .route('/', regionsRouter)
    .route('/', statusesRouter)
    .route('/', catalogRouter)
    .route('/', progressRouter)
    .route('/', consultingRouter)
    .route('/', checkRouter)
    .route('/', profileRouter)
    .route('/', keyDatesRouter)
    .route('/', searchRouter)
    .route('/', importsRouter)
    .route('/', datahubRouter)
    .route('/', freshnessRouter)
    .route('/', linksRouter)
    .route('/', maturityRouter)
    .route('/', usageRouter)
    .route('/', usersRouter);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api/v1' }],
    info: {
      title: API_TITLE,
      version: '1.0.0',
      description:
        'Stand der OZG-Umsetzung je Kommune und Leistung. Fehler haben immer die Form { error: { code, message, details } }. ' +
        'Jede Route außer /health antwortet mit 503 (Code overloaded, Header Retry-After), ' +
        'wenn zu viele Anfragen warten.',
    },
  });
  api.notFound(unknownPath);
  api.onError(handleError);
  return api;
}

export type ApiRouter = ReturnType<typeof createApi>;

/** The whole application: API, docs, and (in production) the built web app. */
export function createApp(database: Database, options: AppOptions = {}) {
  const app = new Hono<AppBindings>();
  const metrics = options.metrics ?? createMetrics(database);
  const logger = options.logger ?? silentLogger;
  app.use(requestLog(logger, metrics));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // JSON, CSV and the HTML shell gzip-compressed on the fly; the built assets come precompressed
  // (brotli/gzip files written at build time), which this middleware leaves as they are.
  app.use(compress());
  app.route('/api/v1', createApi(database, { ...options, metrics }));
  // Outside the OpenAPI document: it is for the operator's scraper, not for API clients (decision 015).
  app.get('/metrics', async (c) => {
    const token = options.metricsToken;
    if (!token) return unknownPath(c);
    const given = Buffer.from(c.req.header('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      c.header('www-authenticate', 'Bearer');
      return c.json(errorBody('unauthenticated', 'Für /metrics ist der Metrik-Token nötig.'), 401);
    }
    return metricsResponse(metrics);
  });
  app.route('/api/docs', apiDocs);
  // Before the web app, whose catch-all would answer an unknown API path with its HTML page and 200.
  app.all('/api/*', unknownPath);
  if (options.web) app.route('/', options.web);
  app.notFound(unknownPath);
  app.onError(handleError);
  return app;
}

/** The Prometheus text format of the app's registry. */
export async function metricsResponse(metrics: Metrics): Promise<Response> {
  return new Response(await metrics.registry.metrics(), {
    headers: { 'content-type': metrics.registry.contentType },
  });
}

/** A request id the client may bring (a proxy's), if it looks like one; else a new one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * One structured line per request and its duration in the metrics. Only
 * chosen fields are written: never headers, cookies, the query string or a
 * body, so no session token or password reaches the log.
 */
function requestLog(logger: Logger, metrics: Metrics) {
  return async (c: Context<AppBindings>, next: () => Promise<void>) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.header('x-request-id', requestId);
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath;
    const status = c.res.status;
    metrics.httpDuration.observe({ method: c.req.method, route, status: String(status) }, seconds);
    const fields = {
      requestId,
      method: c.req.method,
      route,
      path: c.req.path,
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      userId: c.get('actor')?.id ?? null,
    };
    if (status >= 500) logger.error(fields, 'Anfrage fehlgeschlagen');
    else logger.info(fields, 'Anfrage');
  };
}
