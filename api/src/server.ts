import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Database } from '@ozg/db';
import { Hono } from 'hono';
import { createApp, metricsResponse } from './app';
import type { LoadLimits } from './lib/load-gate';
import { type Logger, silentLogger } from './lib/logger';
import { createMetrics, type Metrics } from './lib/metrics';
import type { Lifecycle } from './lib/router';

/** Serves the built web app; every path that is not a file gets index.html (client-side routing). */
export function webApp(distDir: string): Hono {
  const index = readFileSync(join(distDir, 'index.html'), 'utf8');
  return new Hono()
    .use(
      '/assets/*',
      serveStatic({
        root: distDir,
        precompressed: true,
        onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
      }),
    )
    .use('*', serveStatic({ root: distDir, precompressed: true }))
    .get('*', (c) => c.html(index));
}

export type RunningServer = {
  server: Server;
  metrics: Metrics;
  /** Resolves once the main listener listens (its port, when 0 was asked for). */
  ready: Promise<{ port: number; metricsPort: number | null }>;
  /**
   * Graceful shutdown: readiness turns 503, no new connections are accepted,
   * running requests (uploads and their imports included) may finish for up to
   * `timeoutMs`; then what still runs is cut off. Imports are single
   * transactions, so a cut-off one leaves nothing behind. The caller closes
   * the database afterwards. `finished` is false when requests were cut off.
   */
  shutdown(timeoutMs: number): Promise<{ finished: boolean }>;
};

export function startServer(options: {
  database: Database;
  port: number;
  host: string;
  webDist?: string;
  secureCookies: boolean;
  trustProxy: boolean;
  logger?: Logger;
  metricsToken?: string;
  /** A separate listener for /metrics only, e.g. on an internal address. */
  metricsListen?: { port: number; host: string };
  /** The bounded queue in front of the embedded database (decision 028). */
  embeddedLimits?: LoadLimits;
  /** The same on a PostgreSQL server; by default one place per connection of the pool. */
  serverLimits?: LoadLimits;
}): RunningServer {
  const web =
    options.webDist && existsSync(join(options.webDist, 'index.html')) ? webApp(options.webDist) : undefined;
  const metrics = createMetrics(options.database);
  const lifecycle: Lifecycle = { draining: false };
  const logger = options.logger ?? silentLogger;
  const app = createApp(options.database, {
    ...(web ? { web } : {}),
    secureCookies: options.secureCookies,
    trustProxy: options.trustProxy,
    logger,
    metrics,
    lifecycle,
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...(options.embeddedLimits ? { embeddedLimits: options.embeddedLimits } : {}),
    ...(options.serverLimits ? { serverLimits: options.serverLimits } : {}),
  });
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }) as Server;
  let active = 0;
  let onIdle: (() => void) | null = null;
  server.on('request', (_request, response) => {
    active++;
    response.on('close', () => {
      active--;
      // While draining, a connection whose request is done is closed instead of kept alive.
      if (lifecycle.draining) server.closeIdleConnections();
      if (active === 0) onIdle?.();
    });
  });
  const metricsServer = options.metricsListen
    ? (serve({
        fetch: new Hono().get('/metrics', () => metricsResponse(metrics)).fetch,
        port: options.metricsListen.port,
        hostname: options.metricsListen.host,
      }) as Server)
    : null;
  const portOf = (listener: Server) =>
    new Promise<number>((resolve) => {
      const address = () => {
        const value = listener.address();
        resolve(typeof value === 'object' && value ? value.port : 0);
      };
      if (listener.listening) address();
      else listener.once('listening', address);
    });
  const ready = Promise.all([portOf(server), metricsServer ? portOf(metricsServer) : null]).then(
    ([port, metricsPort]) => ({ port, metricsPort }),
  );
  return {
    server,
    metrics,
    ready,
    async shutdown(timeoutMs) {
      lifecycle.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = new Promise<boolean>((resolve) => {
        if (active === 0) resolve(true);
        onIdle = () => resolve(true);
        setTimeout(() => resolve(false), timeoutMs).unref();
      });
      const finished = await idle;
      if (!finished) {
        logger.warn({ active, timeoutMs }, 'Herunterfahren: laufende Anfragen werden abgebrochen');
        server.closeAllConnections();
      }
      await closed;
      if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      return { finished };
    },
  };
}
