import { type Database, queryRows } from '@ozg/db';
import { createDemoTestDatabase } from '@ozg/db/testing';
import { ErrorBodySchema } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { OVERLOADED_MESSAGE, RETRY_AFTER_SECONDS } from './load-gate';

/*
 * The gate on a PostgreSQL server (decision 028), over real HTTP: its places
 * are the pool's connections, and a read whose client disconnects has its
 * running statement cancelled. The embedded counterparts are in
 * load-gate.test.ts (a flood, a waiting request dropped when its client
 * leaves); PGlite cannot cancel a running statement, so the cancel is tested
 * here only. A second connection holds a lock on region_totals so that reads
 * of a Land's progress wait inside PostgreSQL for as long as a test needs.
 */
const PROGRESS = '/api/v1/regions/06/progress';
/** Twelve of the demo's (real) Hessian Kreise. */
const FLOOD_KREISE = [
  '06411',
  '06412',
  '06413',
  '06414',
  '06431',
  '06432',
  '06433',
  '06434',
  '06435',
  '06436',
  '06437',
  '06438',
];
let database: Database;
/** A connection of the test database's own pool (20, more than any gate here lets through). */
let locker: { query(text: string): Promise<unknown>; release(): void };

beforeAll(async () => {
  database = await createDemoTestDatabase();
  if (database.driver.kind !== 'postgres')
    throw new Error('Dieser Test braucht einen PostgreSQL-Server (DATABASE_URL)');
  locker = await database.driver.pool.connect();
});
afterAll(async () => {
  locker?.release();
  await database?.close();
});

async function serve(limits: { maxActive: number; maxQueued: number }) {
  const running = startServer({
    database,
    port: 0,
    host: '127.0.0.1',
    secureCookies: false,
    trustProxy: false,
    serverLimits: limits,
  });
  return { running, base: `http://127.0.0.1:${(await running.ready).port}` };
}

/** Holds region_totals until `release`: every read of a Land's progress waits for the lock. */
async function lockTotals() {
  await locker.query('begin');
  await locker.query('lock table region_totals in access exclusive mode');
  return { release: () => locker.query('commit') };
}

/** The statements of this test database that wait for the lock on region_totals. */
const waitingForLock = async () =>
  (
    await queryRows<{ pid: number }>(
      database.db,
      sql`select pid from pg_stat_activity
          where datname = current_database() and state = 'active' and wait_event_type = 'Lock'
            and query ilike '%region_totals%' and pid <> pg_backend_pid()`,
    )
  ).map((row) => row.pid);

async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() - start > timeoutMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the gate on a PostgreSQL server, over real HTTP', () => {
  let server: { running: RunningServer; base: string } | null = null;
  afterAll(async () => {
    await server?.running.shutdown(1_000);
  });

  it('refuses a flood beyond the pool with 503 and the German message, never 500, and answers afterwards', async () => {
    server = await serve({ maxActive: 2, maxQueued: 3 });
    const { base } = server;
    const lock = await lockTotals();
    let responses: Response[];
    try {
      // Twelve Kreise, not twelve times one URL: the response cache has identical reads wait for one
      // computation (decision 023), and the gate must be seen with reads that each need a connection.
      const flood = FLOOD_KREISE.map((ags) => fetch(`${base}/api/v1/regions/${ags}/progress`));
      // Two reads hold their connections waiting for the lock; three wait in the queue; seven are refused.
      expect(await until(waitingForLock, (pids) => pids.length >= 2)).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await waitingForLock()).toHaveLength(2);
      const settled = await Promise.race([
        Promise.all(flood.slice(0)).then(() => 'all answered'),
        new Promise((resolve) => setTimeout(() => resolve('some wait'), 300)),
      ]);
      expect(settled).toBe('some wait');
      await lock.release();
      responses = await Promise.all(flood);
    } finally {
      await lock.release().catch(() => {});
    }
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(7).fill(503)]);
    for (const res of responses.filter((r) => r.status === 503)) {
      expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
      expect(ErrorBodySchema.parse(await res.json()).error).toEqual({
        code: 'overloaded',
        message: OVERLOADED_MESSAGE,
      });
    }
    // Every place came back: as many reads as the gate holds, all at once, and one more.
    const again = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${base}/api/v1/regions/06/children/progress`)),
    );
    expect(again.map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await fetch(`${base}${PROGRESS}`)).status).toBe(200);
  });

  it('cancels a running read whose client disconnected: its statement leaves pg_stat_activity while the lock is still held', async () => {
    await server?.running.shutdown(1_000);
    server = await serve({ maxActive: 1, maxQueued: 0 });
    const { base } = server;
    const lock = await lockTotals();
    try {
      const client = new AbortController();
      const read = fetch(`${base}/api/v1/regions/06435/progress`, { signal: client.signal });
      const [pid] = await until(waitingForLock, (pids) => pids.length === 1);
      expect(pid).toBeTypeOf('number');
      // The one place is taken by the read that waits for the lock.
      expect((await fetch(`${base}${PROGRESS}`)).status).toBe(503);
      client.abort();
      await expect(read).rejects.toThrow();
      // Without the cancel the statement would wait for the lock as long as it is held.
      const left = await until(waitingForLock, (pids) => pids.length === 0, 5_000);
      expect(left).toEqual([]);
      const [backend] = await queryRows<{ state: string | null }>(
        database.db,
        sql`select state from pg_stat_activity where pid = ${pid}`,
      );
      expect(backend?.state).not.toBe('active');
      // The place came back although the lock is still held: a read of another table answers.
      expect(
        await until(
          () => fetch(`${base}/api/v1/health/ready`).then((res) => res.status),
          (s) => s === 200,
        ),
      ).toBe(200);
      const other = await until(
        () => fetch(`${base}/api/v1/regions/06`).then((res) => res.status),
        (status) => status === 200,
      );
      expect(other).toBe(200);
    } finally {
      await lock.release();
    }
    expect((await fetch(`${base}${PROGRESS}`)).status).toBe(200);
  });
});
