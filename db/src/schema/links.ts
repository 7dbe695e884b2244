import { LINK_RESULTS } from '@ozg/shared';
import { index, pgEnum, pgTable, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';

export const linkResult = pgEnum('link_result', LINK_RESULTS);

/**
 * The last check of each recorded service URL (api/src/services/link-checks.ts).
 * Keyed by the URL, not the status: many statuses share one (an EfA service),
 * and each distinct address is fetched once per run. Rows of URLs that no status
 * records any more are removed by the check run.
 */
export const linkChecks = pgTable(
  'link_checks',
  {
    url: varchar({ length: 2000 }).primaryKey(),
    result: linkResult().notNull(),
    /** HTTP status of the last answer (after redirects); null when none came. */
    httpStatus: smallint(),
    /** Why it failed, in German, for the tooltip (e.g. "Verbindung abgelehnt"). */
    detail: varchar({ length: 300 }),
    checkedAt: timestamp({ withTimezone: true }).notNull(),
    lastSuccessAt: timestamp({ withTimezone: true }),
    /** The first failed check since the last success; null while the link works. */
    brokenSince: timestamp({ withTimezone: true }),
  },
  // Each run checks the longest-unchecked addresses first.
  (t) => [index('link_checks_checked_at').on(t.checkedAt)],
);
