import { type Db, queryRowsAs } from '@ozg/db';
import { sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppBindings } from './router';

/**
 * Read-your-writes with a read replica (decision 015): after a write the
 * browser gets the primary's WAL position in a cookie; the public analytics
 * read from the replica only once it has replayed that far, else from the
 * primary. Stateless, so any number of API instances agree.
 */
export const WRITE_POSITION_COOKIE = 'ozg_write_lsn';
/** After this long a replica has long caught up (its lag is seconds); the mark then expires. */
const WRITE_MARK_SECONDS = 300;
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Marks the response of every successful write with the primary's WAL position, when a replica is configured. */
export function markWrites(options: { secureCookies: boolean }): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    await next();
    const database = c.get('database');
    if (!database.replica || SAFE_METHODS.has(c.req.method) || c.res.status >= 400) return;
    const [row] = await queryRowsAs(
      database.db,
      z.object({ lsn: z.string() }),
      sql`select pg_current_wal_lsn()::text as lsn`,
    );
    if (!row) return;
    setCookie(c, WRITE_POSITION_COOKIE, row.lsn, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secureCookies,
      path: '/',
      maxAge: WRITE_MARK_SECONDS,
    });
  };
}

/** Where a public analytics read goes: the replica unless it lags behind this client's last write. */
export async function analyticsDb(c: Context<AppBindings>): Promise<Db> {
  const database = c.get('database');
  const replica = database.replica;
  if (!replica) return database.db;
  const mark = getCookie(c, WRITE_POSITION_COOKIE);
  if (!mark || !LSN.test(mark)) return replica.db;
  try {
    const [row] = await queryRowsAs(
      replica.db,
      z.object({ caught_up: z.boolean().nullable() }),
      sql`select pg_last_wal_replay_lsn() >= ${mark}::pg_lsn as caught_up`,
    );
    return row?.caught_up ? replica.db : database.db;
  } catch {
    // A replica that does not answer must not fail the read: the primary has the data.
    return database.db;
  }
}
