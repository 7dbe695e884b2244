import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Database } from '@ozg/db';
import { Hono } from 'hono';
import { createApp } from './app';

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

export function startServer(options: {
  database: Database;
  port: number;
  host: string;
  webDist?: string;
  secureCookies: boolean;
  trustProxy: boolean;
}) {
  const web =
    options.webDist && existsSync(join(options.webDist, 'index.html')) ? webApp(options.webDist) : undefined;
  const app = createApp(options.database, {
    ...(web ? { web } : {}),
    secureCookies: options.secureCookies,
    trustProxy: options.trustProxy,
  });
  return serve({ fetch: app.fetch, port: options.port, hostname: options.host });
}
