import { type Db, queryRowsAs } from '@ozg/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { SESSION_MAX_HOURS } from './auth';

const CountRow = z.object({ count: z.number().int() });

export type Retention = {
  /** Expired sessions are kept this many days after their end (0: removed at the next run). */
  sessionDays: number;
  /**
   * Sign-in attempts are kept this many days. Only the last 15 minutes count
   * for the wait, but the last 30 days tell an account's known addresses
   * (decision 003): a shorter retention shortens that memory.
   */
  loginAttemptDays: number;
};

/**
 * Removes expired sessions and old sign-in attempts, which would otherwise grow
 * without bound (a sign-in only cleans up its own account). Run by the
 * housekeeping job, once a night across all instances.
 */
export async function pruneAuthRecords(input: {
  db: Db;
  retention: Retention;
}): Promise<{ sessions: number; loginAttempts: number }> {
  const { db, retention } = input;
  // A session ends at expires_at, or SESSION_MAX_HOURS after sign-in, whichever comes first.
  const [sessions] = await queryRowsAs(
    db,
    CountRow,
    sql`with deleted as (
          delete from sessions
          where least(expires_at, created_at + make_interval(hours => ${SESSION_MAX_HOURS})) < now() - make_interval(days => ${retention.sessionDays})
          returning 1)
        select count(*)::int as count from deleted`,
  );
  const [attempts] = await queryRowsAs(
    db,
    CountRow,
    sql`with deleted as (
          delete from login_attempts
          where attempted_at < now() - make_interval(days => ${retention.loginAttemptDays})
          returning 1)
        select count(*)::int as count from deleted`,
  );
  return { sessions: sessions?.count ?? 0, loginAttempts: attempts?.count ?? 0 };
}
