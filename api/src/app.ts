import type { Database } from '@ozg/db';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiDocs } from './lib/api-docs';
import { errorBody, handleError } from './lib/errors';
import { type AppBindings, createRouter } from './lib/router';
import { healthRouter } from './routes/health/health.index';
import { regionsRouter } from './routes/regions/regions.index';

export const API_TITLE = 'OZG-Umsetzungsdashboard API';

/** The REST API under /api/v1, its OpenAPI document and interactive docs. */
export function createApi(database: Database) {
  const base = createRouter();
  base.use(async (c, next) => {
    c.set('database', database);
    await next();
  });
  const api = base.route('/', healthRouter).route('/', regionsRouter);
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
  api.notFound((c) => c.json(errorBody('not_found', `Unbekannter Pfad: ${c.req.method} ${c.req.path}`), 404));
  api.onError(handleError);
  return api;
}

export type ApiRouter = ReturnType<typeof createApi>;

/** The whole application: API, docs, and (in production) the built web app. */
export function createApp(database: Database, options: { web?: Hono } = {}) {
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
  app.route('/api/v1', createApi(database));
  app.route('/api/docs', apiDocs);
  if (options.web) app.route('/', options.web);
  app.notFound((c) => c.json(errorBody('not_found', `Unbekannter Pfad: ${c.req.method} ${c.req.path}`), 404));
  app.onError(handleError);
  return app;
}
