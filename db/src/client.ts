import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { z } from 'zod';
import { readDbEnv } from './env';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** A drizzle database or transaction over either driver; service functions take this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/**
 * Runs a raw SQL query and returns its rows; both drivers answer with { rows }.
 * The row type is not checked: new code uses `queryRowsAs` (or drizzle's query
 * builder); this stays for the hot analytics paths listed in decision 013.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The rows of a raw SQL query did not have the shape its row schema says: a bug, not a user error. */
export class RowShapeError extends Error {
  override readonly name = 'RowShapeError';
}

/**
 * Runs a raw SQL query and parses every row with `row` (decision 013, "Typed
 * rows at the SQL boundary"). Through drizzle both drivers return int4/float8
 * as numbers, numeric as strings, timestamptz/date as text and jsonb as parsed
 * values; bigint/count(*) is a string from pg but a number from PGlite, so
 * cast it with ::int. A mismatch throws
 * a RowShapeError naming the first bad row and column, e.g. `rows[0].count`.
 */
export async function queryRowsAs<S extends z.ZodType>(db: Db, row: S, query: SQL): Promise<z.output<S>[]> {
  const rows = await queryRows<unknown>(db, query);
  const parsed: z.output<S>[] = [];
  for (const [index, value] of rows.entries()) {
    const result = row.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = (issue?.path ?? []).map((key) =>
        typeof key === 'number' ? `[${key}]` : `.${String(key)}`,
      );
      throw new RowShapeError(
        `SQL row rows[${index}]${path.join('')} has an unexpected shape: ${issue?.message ?? 'invalid'}`,
      );
    }
    parsed.push(result.data);
  }
  return parsed;
}

/** An int[] parameter: one bound value however many ids there are. */
export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.join(',')}}`}::int[]`;
}

/**
 * A text[] parameter for any strings: passed as one JSON value, so commas,
 * quotes and braces (a URL may hold them) need no array-literal escaping.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

export type DatabaseKind = 'pglite' | 'postgres';

export type DbConfig =
  /** readUrl: a streaming replica for the public analytics reads (DATABASE_READ_URL). */
  | { kind: 'postgres'; url: string; poolSize?: number; readUrl?: string }
  | { kind: 'pglite'; dataDir: string }
  /** An already opened PGlite instance (tests start one from a migrated template). */
  | { kind: 'pglite'; client: PGlite };

/** A read replica of a PostgreSQL primary (decision 015): public analytics read here when it has caught up. */
export type ReadReplica = { db: Db; url: string; pool: pg.Pool };

/** The driver underneath drizzle, for what works outside it: backups, the pool's metrics. */
export type Driver =
  | { kind: 'postgres'; url: string; pool: pg.Pool }
  /** dataDir is null for an in-memory instance (tests). */
  | { kind: 'pglite'; client: PGlite; dataDir: string | null };

export type Database = {
  db: Db;
  kind: DatabaseKind;
  driver: Driver;
  replica: ReadReplica | null;
  /** Embedded, a server on this machine, or elsewhere: destructive commands refuse to run on remote ones. */
  location: 'embedded' | 'local' | 'remote';
  /** The server's postgres:// URL, for clients that open connections of their own (the job queue); none when embedded. */
  connectionString?: string;
  /** Runs a plain SQL script (several statements), outside drizzle. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** For migrations: runs fn with a drizzle instance on one connection that holds a lock against other instances. */
  withExclusiveConnection<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs fn so that its queries stop when `signal` aborts (decision 028): on a server the statements
   * running on the connections fn holds are cancelled (PostgreSQL's cancel request) and fn cannot take
   * another connection; they fail with code 57014. Embedded it only runs fn (PGlite cannot cancel).
   */
  cancelOnAbort<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T>;
};

/** PostgreSQL's code for a statement cancelled on request (query_canceled). */
export const QUERY_CANCELED = '57014';

/** The connections one piece of work holds right now, and whether it was told to stop. */
type CancelScope = { clients: Set<pg.PoolClient>; aborted: boolean };

/**
 * What pg has but @types/pg does not declare: the backend's key for a cancel request, where the
 * client connected to, and its running query (the public getter is deprecated).
 */
type BackendKey = {
  processID?: number;
  secretKey?: number;
  host?: string;
  port?: number;
  _activeQuery?: unknown;
};
type RawConnection = {
  connect(portOrPath: number | string, host?: string): void;
  cancel(processID: number, secretKey: number): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  end(): void;
};

const cancelScopes = new AsyncLocalStorage<CancelScope>();

/**
 * Lets `cancelOnAbort` know which of the pool's connections belong to the work in its scope: the
 * scope is taken when the connection is asked for (pg-pool may hand it over later, from another
 * request's release) and the connection leaves it when it goes back to the pool.
 */
function trackConnections(pool: pg.Pool): void {
  const owners = new Map<pg.PoolClient, CancelScope>();
  const connect = pool.connect.bind(pool) as (
    callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: unknown) => void,
  ) => void;
  const track = (scope: CancelScope, client: pg.PoolClient) => {
    scope.clients.add(client);
    owners.set(client, scope);
  };
  const refused = () =>
    Object.assign(new Error('Abfrage abgebrochen: die Anfrage wurde vom Client beendet'), {
      code: QUERY_CANCELED,
    });
  const patched = (callback?: (error: Error | undefined, client?: pg.PoolClient, done?: unknown) => void) => {
    const scope = cancelScopes.getStore();
    const acquire = new Promise<pg.PoolClient>((resolve, reject) => {
      if (scope?.aborted) return reject(refused());
      connect((error, client, done) => {
        if (error || !client) return reject(error);
        if (scope) track(scope, client);
        if (callback) callback(undefined, client, done);
        resolve(client);
      });
    });
    if (callback) {
      acquire.catch((error: Error) => callback(error));
      return undefined;
    }
    return acquire;
  };
  (pool as unknown as { connect: typeof patched }).connect = patched;
  pool.on('release', (_error, client) => {
    owners.get(client)?.clients.delete(client);
    owners.delete(client);
  });
  pool.on('remove', (client) => {
    owners.get(client)?.clients.delete(client);
    owners.delete(client);
  });
}

/**
 * PostgreSQL's cancel request: a new TCP connection carrying the backend's process id and secret key,
 * no authentication, no place in the pool (a query for pg_cancel_backend would wait for one). A
 * backend that is between statements ignores it; one that has started the next statement stops that
 * one. So a connection a cancel was sent for never goes back to the pool: released, it is closed
 * (`release(true)`), and a cancel that arrives after its statement ended cannot stop another
 * request's statement on the same backend (the national bench saw exactly that as a 500). Returns
 * whether a cancel was sent.
 */
function sendCancel(client: pg.PoolClient): boolean {
  const key = client as unknown as BackendKey;
  const { processID, secretKey, host, port } = key;
  if (processID === undefined || secretKey === undefined || !key._activeQuery || !port) return false;
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => release(error ?? true);
  const connection = new pg.Connection() as unknown as RawConnection;
  // Nothing to do if it fails: the statement then runs to its end, as it would without the cancel.
  connection.on('error', () => {});
  connection.on('connect', () => connection.cancel(processID, secretKey));
  // Like pg's own Client.cancel: a host starting with / is the folder of a Unix socket.
  if (host?.startsWith('/')) connection.connect(`${host}/.s.PGSQL.${port}`);
  else connection.connect(port, host);
  return true;
}

async function cancelOnAbort<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  const scope: CancelScope = { clients: new Set(), aborted: false };
  const abort = () => {
    scope.aborted = true;
    for (const client of scope.clients) sendCancel(client);
  };
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  try {
    // Awaited inside the scope: a drizzle query starts only when awaited (it is a lazy thenable).
    return await cancelScopes.run(scope, async () => await fn());
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

const drizzleOptions = { schema, casing: 'snake_case' } as const;

// Any constant works as long as every instance of this application uses the same one.
const MIGRATION_LOCK_KEY = 720_230_101;

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const parsed = readDbEnv(env);
  if (!parsed.DATABASE_URL) return { kind: 'pglite', dataDir: parsed.OZG_DATA_DIR };
  return {
    kind: 'postgres',
    url: parsed.DATABASE_URL,
    ...(parsed.DATABASE_READ_URL ? { readUrl: parsed.DATABASE_READ_URL } : {}),
  };
}

/**
 * Opens the database: a PostgreSQL server through `pg` when configured, else the
 * embedded PGlite in its data directory (see docs/decisions/001-database.md).
 */
export async function createDb(config: DbConfig = dbConfigFromEnv()): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', (error) => console.error('PostgreSQL-Verbindung verloren:', error.message));
    trackConnections(pool);
    const db = drizzlePg(pool, drizzleOptions) as unknown as Db;
    const host = new URL(config.url).hostname;
    let replica: ReadReplica | null = null;
    if (config.readUrl) {
      const readPool = new pg.Pool({ connectionString: config.readUrl, max: config.poolSize ?? 10 });
      readPool.on('error', (error) => console.error('Verbindung zum Lesereplikat verloren:', error.message));
      trackConnections(readPool);
      replica = {
        db: drizzlePg(readPool, drizzleOptions) as unknown as Db,
        url: config.readUrl,
        pool: readPool,
      };
    }
    return {
      db,
      kind: 'postgres',
      driver: { kind: 'postgres', url: config.url, pool },
      replica,
      location: ['localhost', '127.0.0.1', '[::1]', '::1', ''].includes(host) ? 'local' : 'remote',
      connectionString: config.url,
      cancelOnAbort,
      exec: async (sqlText) => {
        await pool.query(sqlText);
      },
      close: async () => {
        await Promise.all([pool.end(), replica?.pool.end()]);
      },
      withExclusiveConnection: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          try {
            return await fn(drizzlePg(client, drizzleOptions) as unknown as Db);
          } finally {
            await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
          }
        } finally {
          client.release();
        }
      },
    };
  }
  let client: PGlite;
  if ('client' in config) {
    client = config.client;
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    client = await PGlite.create(config.dataDir);
  }
  const db = drizzlePglite(client, drizzleOptions) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    driver: { kind: 'pglite', client, dataDir: 'client' in config ? null : config.dataDir },
    replica: null,
    location: 'embedded',
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    close: () => client.close(),
    // PGlite has a single connection, so there is nobody to exclude.
    withExclusiveConnection: (fn) => fn(db),
    cancelOnAbort: (_signal, fn) => fn(),
  };
}
