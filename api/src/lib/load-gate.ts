import type { Database } from '@ozg/db';
import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors';
import type { AppBindings } from './router';

/**
 * A bounded queue in front of the database (decision 028). PGlite has
 * one connection: every query waits for the one before, and without a bound a
 * burst of requests piles up as work that runs long after its clients gave up.
 * At most `maxActive` requests run at once; up to `maxQueued` more wait in
 * order of arrival; any further request is refused at once with 503 and
 * Retry-After. A waiting request whose client disconnects leaves the queue and
 * never starts. A started one runs to its end (its queries may be inside a
 * transaction that must finish or roll back as a whole). On a PostgreSQL server
 * the places are the pool's connections, and a started read whose client
 * disconnects has its running statement cancelled.
 */
export type LoadLimits = {
  /** Requests that work at once (embedded they share the one connection; on a server one connection each). */
  maxActive: number;
  /** Requests that may wait for a free place; 0 refuses as soon as all places are taken. */
  maxQueued: number;
};

export const DEFAULT_EMBEDDED_LIMITS: LoadLimits = { maxActive: 4, maxQueued: 64 };

/** Requests that may wait on a server by default: at 10 places and tens of ms per request, about a second of work. */
export const DEFAULT_SERVER_QUEUED = 200;

/** A server's pool size (the connections of the primary): as many requests as connections work at once. */
export function poolSize(database: Database): number {
  return database.driver.kind === 'postgres' ? database.driver.pool.options.max : 1;
}

/** The limits on a server unless configured: one place per connection of the pool. */
export function defaultServerLimits(database: Database): LoadLimits {
  return { maxActive: poolSize(database), maxQueued: DEFAULT_SERVER_QUEUED };
}

/** Seconds a refused client is asked to wait: a queue of this size drains in well under that. */
export const RETRY_AFTER_SECONDS = 5;

export const OVERLOADED_MESSAGE = 'Der Server ist ausgelastet. Bitte in einigen Sekunden erneut versuchen.';

/** The counter behind the middleware, separate so that it can be tested without HTTP. */
export function createLoadGate(limits: LoadLimits) {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    // The place passes straight to the next waiting request: `active` stays as it is.
    if (next) next();
    else active--;
  };
  return {
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    /**
     * 'full' when the queue is full; else a promise of a release function, or of
     * null when the client disconnected while waiting (its place is given up).
     */
    enter(signal?: AbortSignal): 'full' | Promise<(() => void) | null> {
      if (signal?.aborted) return Promise.resolve(null);
      if (active < limits.maxActive) {
        active++;
        return Promise.resolve(once(release));
      }
      if (waiting.length >= limits.maxQueued) return 'full';
      return new Promise((resolve) => {
        const start = () => {
          signal?.removeEventListener('abort', abandon);
          resolve(once(release));
        };
        const abandon = () => {
          const index = waiting.indexOf(start);
          if (index >= 0) waiting.splice(index, 1);
          resolve(null);
        };
        waiting.push(start);
        signal?.addEventListener('abort', abandon, { once: true });
      });
    },
  };
}

export type LoadGate = ReturnType<typeof createLoadGate>;

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * The gate as middleware of the API. The health routes pass by: liveness needs
 * no database, and readiness must answer a load balancer even when busy.
 * `database` decides the two differences of a server: no yield before the work
 * (pg answers over sockets, the event loop turns anyway) and reads (GET, HEAD)
 * run under `cancelOnAbort`, so a client that leaves stops its statement.
 */
export function loadGate(gate: LoadGate, database: Database): MiddlewareHandler<AppBindings> {
  const embedded = database.kind === 'pglite';
  return async (c, next) => {
    if (c.req.path === '/api/v1/health' || c.req.path.startsWith('/api/v1/health/')) return next();
    const entered = gate.enter(c.req.raw.signal);
    if (entered === 'full') {
      c.header('retry-after', String(RETRY_AFTER_SECONDS));
      return c.json(errorBody('overloaded', OVERLOADED_MESSAGE), 503);
    }
    const release = await entered;
    // The client left while waiting: nobody reads an answer, so no work is started for it.
    // 499 (nginx's "client closed request") marks it in the request log and the metrics.
    if (!release) return new Response(null, { status: 499 });
    // PGlite runs its queries synchronously in this thread, and a request's awaits are promise callbacks
    // only: from here to its answer a request would never give the event loop a turn, so the requests and
    // disconnects that arrive meanwhile would wait unparsed in the sockets, never counted nor skipped
    // here (measured: no 503 at 64 connections with one place and no queue). One turn of the loop
    // before the work lets them reach the gate first.
    if (embedded) await new Promise((resolve) => setImmediate(resolve));
    if (c.req.raw.signal.aborted) {
      release();
      return new Response(null, { status: 499 });
    }
    let after: Promise<unknown> | null = null;
    c.set('holdPlaceUntil', (work) => {
      after = work;
    });
    // A read that has started stops when its client leaves (a server only: PGlite cannot cancel). A write
    // runs to its end: it may have changed data already, and an officer who closed the tab reloads to see it.
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    try {
      if (read && !embedded) await database.cancelOnAbort(c.req.raw.signal, next);
      else await next();
    } finally {
      const work = after as Promise<unknown> | null;
      if (work) work.then(release, release);
      else release();
    }
  };
}
