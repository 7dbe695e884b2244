import type { Database } from '@ozg/db';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { apiDocs } from './lib/api-docs';
import { sessionMiddleware } from './lib/auth';
import { errorBody, handleError } from './lib/errors';
import { type AppBindings, createRouter } from './lib/router';
import { authRouter } from './routes/auth/auth.index';
import { catalogRouter } from './routes/catalog/catalog.index';
import { consultingRouter } from './routes/consulting/consulting.index';
import { healthRouter } from './routes/health/health.index';
import { importsRouter } from './routes/imports/imports.index';
import { maturityRouter } from './routes/maturity/maturity.index';
import { progressRouter } from './routes/progress/progress.index';
import { regionsRouter } from './routes/regions/regions.index';
import { searchRouter } from './routes/search/search.index';
import { statusesRouter } from './routes/statuses/statuses.index';
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
};

/** The REST API under /api/v1, its OpenAPI document and interactive docs. */
export function createApi(database: Database, options: AppOptions = {}) {
  const base = createRouter();
  base.use(async (c, next) => {
    c.set('database', database);
    await next();
  });
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
    .route('/', searchRouter)
    .route('/', importsRouter)
    .route('/', maturityRouter)
    .route('/', usersRouter);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api/v1' }],
    info: {
      title: API_TITLE,
      version: '1.0.0',
      description:
        'Stand der OZG-Umsetzung je Kommune und Leistung. Fehler haben immer die Form { error: { code, message, details } }.',
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
  app.route('/api/v1', createApi(database, options));
  app.route('/api/docs', apiDocs);
  // Before the web app, whose catch-all would answer an unknown API path with its HTML page and 200.
  app.all('/api/*', unknownPath);
  if (options.web) app.route('/', options.web);
  app.notFound(unknownPath);
  app.onError(handleError);
  return app;
}
