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
