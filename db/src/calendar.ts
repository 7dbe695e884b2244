import { GERMAN_TIME_ZONE } from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';

/*
 * The one calendar in SQL (decision 010): the same German day as
 * `germanDayOf`/`todayInGermany` in shared, so that a status's "online seit",
 * the snapshots, the series and `asOf` all count the same day.
 */

const zone = sql.raw(`'${GERMAN_TIME_ZONE}'`);

/** The German calendar day of a timestamptz expression. */
export const germanDay = (instant: SQL): SQL => sql`(${instant} at time zone ${zone})::date`;

/** Today in Germany, by the database's clock. */
export const germanToday: SQL = germanDay(sql`now()`);

/** The first instant after a German day (a date expression or an ISO date): events before it count for that day. */
export const endOfGermanDaySql = (day: SQL | string): SQL =>
  sql`(((${day})::date + 1)::timestamp at time zone ${zone})`;

/**
 * An instant as ISO 8601 text in UTC (`2026-12-04T18:20:00Z`, or `…:00.123Z` with milliseconds).
 * The drivers read timestamptz differently (pg as Date, PGlite as text); this text they read alike.
 * Milliseconds where a client sends the value back (a status's `updatedAt` for concurrency checks)
 * or orders by it; seconds where people read it. `instant` as a string is a column reference.
 */
export function isoTimestampSql(
  instant: SQL | string,
  precision: 'seconds' | 'milliseconds' = 'seconds',
): SQL {
  const value = typeof instant === 'string' ? sql.raw(instant) : instant;
  const format =
    precision === 'milliseconds' ? `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'` : `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;
  return sql`to_char((${value}) at time zone 'UTC', ${sql.raw(format)})`;
}
