import { serve } from '@hono/node-server';
import { startServer } from '@ozg/api';
import { createDb } from '@ozg/db';
import { Hono } from 'hono';

/**
 * A server process for `pnpm bench` (run.ts spawns it): the real server as
 * `pnpm start` builds it (startServer, the api server factory) on a free
 * loopback port against the bench database, or with `hello` a bare Hono
 * hello-world on @hono/node-server, the ceiling of this machine. In its own
 * process, so that the load generator does not share its event loop. Tells
 * its port to the parent over IPC and stops on SIGTERM.
 */
const mode = process.argv[2];
const send = (message: unknown) => process.send?.(message);

if (mode === 'hello') {
  const server = serve({
    fetch: new Hono().get('/', (c) => c.text('Hello World!')).fetch,
    port: 0,
    hostname: '127.0.0.1',
  });
  server.once('listening', () => {
    const address = server.address();
    send({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('BENCH_DATABASE_URL fehlt.');
  const poolSize = process.env.BENCH_POOL_SIZE ? Number(process.env.BENCH_POOL_SIZE) : undefined;
  const database = await createDb({ kind: 'postgres', url, ...(poolSize ? { poolSize } : {}) });
  const running = startServer({
    database,
    port: 0,
    host: '127.0.0.1',
    secureCookies: false,
    trustProxy: false,
  });
  const { port } = await running.ready;
  send({ port });
  process.on('SIGTERM', async () => {
    await running.shutdown(5_000);
    await database.close();
    process.exit(0);
  });
}
